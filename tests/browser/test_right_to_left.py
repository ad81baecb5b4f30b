"""The participant's own pages in Arabic (right to left) and in Tigrinya (Ge'ez script), on a
phone, as the demo participant: the page says its language and direction, nothing sticks out
(`layout_check.js`, as in test_layout.py), axe finds nothing, the layout mirrors (the heading
starts at the right, the back link's arrow points right, the chart reads from the right) and
her name is drawn in the shipped Noto font (Chromium's own report of the fonts it used), which a
Dutch page never downloads (only the few letters of the language switch's own names).

Nothing here reads translated words: the translations come in their own time, so the pages may
still speak Dutch; Arabic and Ge'ez text comes from the participant's name.
"""

import pytest
from django.conf import settings

from kansrijk.people.models import Household, User
from tests.languages import tigrinya_known  # noqa: F401 (a fixture)

from .conftest import SCREENSHOTS
from .test_layout import (  # noqa: F401 (demo_site is a fixture)
    PAGES,
    WIDTHS,
    _check,
    _session_cookie,
    demo_site,
    on_sqlite_only,
)

PORTAL = sorted(name for name, visitors in PAGES.items() if "participant" in visitors)
ARABIC_NAME, TIGRINYA_NAME = "فاطمة", "ለተብርሃን"

# Where the heading's text and the back link's arrow stand, and which fonts drew the heading.
MEASURE = """() => {
  const main = document.querySelector("main").getBoundingClientRect();
  const h1 = document.querySelector("h1");
  const range = document.createRange();
  range.selectNodeContents(h1);
  const text = range.getBoundingClientRect();
  const arrow = document.querySelector(".back-link .icon-arrow");
  const link = arrow && arrow.closest("a").getBoundingClientRect();
  const chart = document.querySelector(".chart__svg");
  const title = chart && chart.querySelector(".chart__domain");
  const value = chart && chart.querySelector(".chart__value");
  const last = value && value.getNumberOfChars() - 1;
  return {
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    direction: getComputedStyle(h1).direction,
    main: { left: main.left, right: main.right },
    heading: { left: text.left, right: text.right },
    arrow: arrow && {
      transform: getComputedStyle(arrow).transform,
      left: arrow.getBoundingClientRect().left,
      right: arrow.getBoundingClientRect().right,
      linkLeft: link.left,
      linkRight: link.right,
    },
    chart: chart && {
      direction: chart.getAttribute("direction"),
      right: chart.getBoundingClientRect().right,
      left: chart.getBoundingClientRect().left,
      titleRight: title.getBoundingClientRect().right,
      titleLeft: title.getBoundingClientRect().left,
      valueLeft: value.getBoundingClientRect().left,
      // "2 / 5": is its first character drawn left of its last?
      valueReadsLeftToRight: value.getStartPositionOfChar(0).x < value.getStartPositionOfChar(last).x,
    },
  };
}"""
LOADED_FACES = """async () => {
  await document.fonts.ready;
  return [...document.fonts].filter((face) => face.status === "loaded").map((face) => face.family);
}"""


def _phone(browser, demo_site, language: str, width: str = "phone"):  # noqa: F811
    context = browser.new_context(
        viewport=WIDTHS[width],
        base_url=demo_site.base_url,
        locale="nl-NL",
        extra_http_headers={"Connection": "close"},
    )
    context.set_default_timeout(15_000)
    participant = demo_site.users["participant"]
    # Her pages speak the language stored with her household (the cookie serves the login).
    Household.objects.filter(participant_account__user=participant).update(language=language)
    context.add_cookies(
        [
            _session_cookie(participant, demo_site.base_url),
            {
                "name": settings.LANGUAGE_COOKIE_NAME,
                "value": language,
                "url": demo_site.base_url,
            },
        ]
    )
    return context


def _used_fonts(context, page, selector: str) -> list[dict]:
    """The fonts Chromium drew the element's text with (DevTools' "Rendered fonts")."""
    cdp = context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


def _walk(context, demo_site, axe_check, language: str) -> tuple[list[str], dict]:  # noqa: F811
    """Every portal page: its language and direction, layout faults and axe; what the portal's
    pages measured, by page name."""
    page = context.new_page()
    faults, measured = [], {}
    for name in PORTAL:
        url = demo_site.url(name)
        response = page.goto(url)
        where = f"{name} ({url}) in {language}"
        assert response is not None and response.status == 200, where
        seen = page.evaluate(MEASURE)
        measured[name] = seen
        if (seen["lang"], seen["dir"]) != (language, "rtl" if language == "ar" else "ltr"):
            faults.append(f"{where}: lang={seen['lang']} dir={seen['dir']}")
        faults += _check(page, where)
        axe_check(page)
    return faults, measured


def _shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@on_sqlite_only
@pytest.mark.django_db
def test_the_portal_in_arabic_on_a_phone_reads_from_right_to_left(
    demo_site,  # noqa: F811
    browser,
    axe_check,
):
    User.objects.filter(pk=demo_site.users["participant"].pk).update(first_name=ARABIC_NAME)
    context = _phone(browser, demo_site, "ar")
    fonts_fetched: list[str] = []
    context.on("request", lambda request: fonts_fetched.append(request.url))

    faults, measured = _walk(context, demo_site, axe_check, "ar")
    assert not faults, f"{len(faults)} faults:\n" + "\n".join(faults)

    home = measured["my_file"]
    assert home["direction"] == "rtl"
    # The heading starts at the right edge of the main column and ends short of the left one.
    assert home["main"]["right"] - home["heading"]["right"] < 40
    assert home["heading"]["left"] - home["main"]["left"] > 40
    # The back link's arrow is mirrored and stands at the link's right, where it begins.
    arrows = [seen["arrow"] for seen in measured.values() if seen["arrow"]]
    assert arrows, f"no back link on the portal's pages {PORTAL}"
    for arrow in arrows:
        assert arrow["transform"] == "matrix(-1, 0, 0, 1, 0, 0)"
        assert arrow["linkRight"] - arrow["right"] < 2
        assert arrow["left"] - arrow["linkLeft"] > 10
    # Her assessment chart: drawn right to left, each life domain's title at the right.
    chart = home["chart"]
    assert chart, "the demo participant's portal shows her assessments' chart"
    assert chart["direction"] == "rtl"
    assert chart["right"] - chart["titleRight"] < 2
    assert chart["titleLeft"] - chart["left"] > 40
    # ... and each value ("2 / 5") at the left, still written left to right.
    assert chart["valueLeft"] - chart["left"] < 4
    assert chart["valueReadsLeftToRight"]

    # Her name is drawn in the shipped Noto Sans Arabic, fetched from our static files.
    page = context.new_page()
    page.goto(demo_site.url("my_file"))
    assert "kansrijk Arabic" in page.evaluate(LOADED_FACES)
    used = _used_fonts(context, page, "h1")
    assert any(font["isCustomFont"] and "Arabic" in font["familyName"] for font in used), used
    assert any(url.endswith("/kansrijk/fonts/NotoSansArabic-Bold.woff2") for url in fonts_fetched)
    assert not [url for url in fonts_fetched if "Ethiopic-Regular" in url or "Ethiopic-Bold" in url]
    _shoot(page, "rtl-portal-ar-390")
    context.close()

    wide = _phone(browser, demo_site, "ar", "desktop")
    page = wide.new_page()
    page.goto(demo_site.url("my_file"))
    assert not _check(page, "my_file in ar at 1280 px")
    _shoot(page, "rtl-portal-ar-1280")
    wide.close()


@on_sqlite_only
@pytest.mark.django_db
def test_the_portal_in_tigrinya_draws_geez_in_the_shipped_font(
    demo_site,  # noqa: F811
    browser,
    axe_check,
    tigrinya_known,  # noqa: F811
):
    User.objects.filter(pk=demo_site.users["participant"].pk).update(first_name=TIGRINYA_NAME)
    context = _phone(browser, demo_site, "ti")
    fonts_fetched: list[str] = []
    context.on("request", lambda request: fonts_fetched.append(request.url))

    faults, measured = _walk(context, demo_site, axe_check, "ti")
    assert not faults, f"{len(faults)} faults:\n" + "\n".join(faults)
    home = measured["my_file"]
    assert home["direction"] == "ltr"
    assert home["heading"]["left"] - home["main"]["left"] < 40

    page = context.new_page()
    page.goto(demo_site.url("my_file"))
    assert "kansrijk Ethiopic" in page.evaluate(LOADED_FACES)
    used = _used_fonts(context, page, "h1")
    assert any(font["isCustomFont"] and "Ethiopic" in font["familyName"] for font in used), used
    assert not [url for url in fonts_fetched if "Arabic-Regular" in url or "Arabic-Bold" in url]
    _shoot(page, "rtl-portal-ti-390")
    context.close()


@on_sqlite_only
@pytest.mark.django_db
def test_a_dutch_page_stays_left_to_right_and_downloads_no_script_font(
    demo_site,  # noqa: F811
    browser,
):
    User.objects.filter(pk=demo_site.users["participant"].pk).update(first_name="Fatima")
    for width in WIDTHS:
        context = _phone(browser, demo_site, "nl", width)
        fonts_fetched: list[str] = []
        context.on("request", lambda request: fonts_fetched.append(request.url))  # noqa: B023
        page = context.new_page()
        page.goto(demo_site.url("my_file"))
        seen = page.evaluate(MEASURE)
        assert (seen["lang"], seen["dir"], seen["direction"]) == ("nl", "ltr", "ltr")
        assert seen["heading"]["left"] - seen["main"]["left"] < 40
        # Only the few letters of the language switch's العربيّة and ትግርኛ (5 kB together).
        assert set(page.evaluate(LOADED_FACES)) == {"kansrijk names"}
        fetched = {url.rsplit("/", 1)[1] for url in fonts_fetched if url.endswith(".woff2")}
        assert fetched == {"NotoSansArabic-names.woff2", "NotoSansEthiopic-names.woff2"}
        _shoot(page, f"rtl-portal-nl-{'390' if width == 'phone' else '1280'}")
        context.close()
