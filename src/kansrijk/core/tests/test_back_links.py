"""Back links return where the person came from, and never lead off the site."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from kansrijk.core.back import back_url, local_path, with_back

FALLBACK = "/programmes/oost/"


def _request(back: str | None = None, path: str = "/households/abc/"):
    return RequestFactory().get(path, {"back": back} if back is not None else {})


def test_a_page_opened_from_a_filtered_list_goes_back_to_that_list_and_page():
    came_from = "/programmes/oost/households/?phase=active&area=beijum&page=2"

    assert back_url(_request(came_from), FALLBACK) == came_from


def test_without_back_the_link_goes_to_the_natural_parent():
    assert back_url(_request(), FALLBACK) == FALLBACK


@pytest.mark.parametrize(
    "hostile",
    [
        "//evil.example",
        "//evil.example/programmes/",
        "https://evil.example",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "/\\evil.example",
        "\\\\evil.example",
        " //evil.example",
        "/\x00/evil.example",
        "\t/evil.example",
        "data:text/html,<script>alert(1)</script>",
        "programmes/oost/",
        "",
    ],
)
def test_a_back_value_that_is_not_a_path_on_this_site_is_ignored(hostile):
    assert local_path(_request(), hostile) is None
    assert back_url(_request(hostile), FALLBACK) == FALLBACK


def test_a_full_address_of_this_very_site_is_ignored_too_only_paths_pass():
    assert back_url(_request("http://testserver/programmes/oost/"), FALLBACK) == FALLBACK


def test_a_back_to_the_page_itself_goes_to_the_natural_parent():
    assert back_url(_request("/households/abc/?tab=1"), FALLBACK) == FALLBACK


def test_a_link_carries_the_page_it_is_on_with_its_query():
    request = RequestFactory().get("/programmes/oost/households/", {"phase": "active", "page": "2"})

    url = with_back(request, "/households/abc/")

    assert url == "/households/abc/?back=/programmes/oost/households/%3Fphase%3Dactive%26page%3D2"
    opened = RequestFactory().get(url)
    assert back_url(opened, FALLBACK) == "/programmes/oost/households/?phase=active&page=2"


def test_a_link_that_has_a_query_already_adds_back_to_it():
    request = RequestFactory().get("/backup/signals/")

    assert with_back(request, "/plan/?goal=1") == "/plan/?goal=1&back=/backup/signals/"


def _render_back_link(request) -> str:
    template = Template('{% back_link parent "Kansrijk Oost" %}')
    return template.render(Context({"request": request, "parent": FALLBACK})).strip()


def test_the_back_link_names_the_parent_and_says_back_elsewhere():
    assert _render_back_link(_request()) == (
        '<a class="back-link" href="/programmes/oost/"><span class="icon-arrow" aria-hidden="true">←</span> Kansrijk Oost</a>'
    )
    assert _render_back_link(_request("/backup/signals/")) == (
        '<a class="back-link" href="/backup/signals/"><span class="icon-arrow" aria-hidden="true">←</span> Back</a>'
    )


def test_a_household_opened_from_the_list_links_back_to_that_list(client, cast, journey):
    trajectory = journey()
    client.force_login(cast.coordinator)
    listing = reverse("programme_households", args=[cast.programme.slug]) + "?phase=referred"

    page = client.get(listing).content.decode()
    link = with_back(
        RequestFactory().get(listing), reverse("household", args=[trajectory.household.uuid])
    )
    assert f'href="{link}"' in page.replace("&amp;", "&")

    household = client.get(link).content.decode()
    assert (
        f'<a class="back-link" href="{listing}"><span class="icon-arrow" aria-hidden="true">←</span> Back</a>'
        in household
    )
