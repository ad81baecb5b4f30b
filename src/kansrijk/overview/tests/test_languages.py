"""Her language: a participant's pages, and everything sent to her, speak the language stored
with her household; staff pages speak Dutch or English; the buddy shows her plan in hers."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info

from kansrijk.access.models import AuditEntry
from kansrijk.access.services import participant_account_create
from kansrijk.trajectories.choices import Phase

pytestmark = pytest.mark.usefixtures("frozen_today")


def _dutch(text: str, context: str = "participant") -> str:
    with translation.override("nl"):
        return translation.pgettext(context, text)


@pytest.fixture
def coached(journey):
    return journey(Phase.ACTIVE)


@pytest.fixture
def participant(cast, coached):
    return participant_account_create(
        household=coached.household, trajectory=coached, by=cast.coordinator, email="amal@x.nl"
    )


def _as(user, accept: str = "en") -> Client:
    browser = Client(headers={"accept-language": accept})
    browser.force_login(user)
    return browser


def _speaks(household, language: str) -> None:
    household.language = language
    household.save(update_fields=["language"])


def test_her_portal_speaks_her_language_right_to_left_for_arabic(participant, coached):
    _speaks(coached.household, "ar")

    for url in (reverse("my_file"), reverse("my_reads"), reverse("my_plan_print")):
        html = _as(participant, "nl").get(url).content.decode()
        assert '<html lang="ar" dir="rtl">' in html, url


def test_her_portal_speaks_dutch_when_that_is_hers_whatever_the_browser_asks(participant, coached):
    _speaks(coached.household, "nl")

    response = _as(participant, "en").get(reverse("my_file"))

    html = response.content.decode()
    assert '<html lang="nl" dir="ltr">' in html
    assert _dutch("My file") in html
    assert response.headers["Content-Language"] == "nl"


def test_staff_pages_stay_dutch_when_the_browser_asks_for_arabic(cast):
    html = _as(cast.coordinator, "ar").get(reverse("programme", args=["oost"])).content.decode()

    assert '<html lang="nl" dir="ltr">' in html


def test_staff_pages_follow_a_browser_that_asks_for_english(cast):
    html = _as(cast.buddy, "ar,en;q=0.8").get(reverse("buddy_home")).content.decode()

    assert '<html lang="en" dir="ltr">' in html


def test_staff_who_chose_arabic_with_the_switch_get_dutch(cast):
    browser = _as(cast.coordinator, "nl")
    browser.post(reverse("set_language"), {"language": "ar", "next": "/"})

    html = browser.get(reverse("programme", args=["oost"])).content.decode()

    assert '<html lang="nl" dir="ltr">' in html


def test_staff_language_switch_offers_dutch_and_english_only(cast):
    html = _as(cast.coordinator).get(reverse("programme", args=["oost"])).content.decode()

    assert 'value="en"' in html and 'value="nl"' in html
    assert 'value="ar"' not in html


def test_the_login_page_follows_the_browser_among_all_languages():
    html = Client(headers={"accept-language": "ar"}).get(reverse("login")).content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert 'value="ti"' in html  # the switch offers every language before logging in


def test_she_switches_her_language_and_it_is_stored_and_logged(participant, coached):
    browser = _as(participant)

    response = browser.post(reverse("my_language"), {"language": "tr", "next": reverse("my_reads")})

    assert response.status_code == 302
    assert response.url == reverse("my_reads")
    coached.household.refresh_from_db()
    assert coached.household.language == "tr"
    assert '<html lang="tr"' in browser.get(reverse("my_file")).content.decode()
    entry = AuditEntry.objects.get(detail="language tr")
    assert entry.actor == participant and entry.household == coached.household


def test_her_switch_refuses_a_language_that_is_not_offered(participant, coached):
    response = _as(participant).post(reverse("my_language"), {"language": "de"}, follow=True)

    coached.household.refresh_from_db()
    assert coached.household.language == "en"
    assert "Choose one of the languages in the list." in response.content.decode()


def test_her_switch_does_not_send_her_to_another_site(participant):
    response = _as(participant).post(
        reverse("my_language"), {"language": "nl", "next": "https://evil.example/"}
    )

    assert response.url == reverse("my_file")


def test_her_switch_is_hers_only(cast):
    response = _as(cast.buddy).post(reverse("my_language"), {"language": "nl"})

    assert response.status_code == 404


def test_her_page_offers_her_switch_with_every_participant_language(participant):
    html = _as(participant).get(reverse("my_file")).content.decode()

    assert f'action="{reverse("my_language")}"' in html
    for code in ("nl", "en", "ar", "tr", "pl", "uk", "ti"):
        assert f'value="{code}"' in html


def test_the_invitation_to_her_page_is_in_her_language(client, cast, coached):
    _speaks(coached.household, "nl")
    client.force_login(cast.coordinator)  # the coordinator works in English

    client.post(reverse("portal_account", args=[coached.household.uuid]), {"email": "a@b.nl"})

    (sent,) = mail.outbox
    assert sent.subject == _dutch("Your own page at kansrijk")
    assert sent.subject != "Your own page at kansrijk"


def _with_password(user) -> None:
    # Django sends a reset link only to an account that has a password.
    user.set_password("een lange zin als wachtwoord")
    user.save(update_fields=["password"])


def test_a_password_reset_for_her_is_in_her_language(participant, coached):
    _speaks(coached.household, "nl")
    _with_password(participant)

    Client(headers={"accept-language": "en"}).post(
        reverse("password_reset"), {"email": "amal@x.nl"}
    )

    (sent,) = mail.outbox
    assert _dutch("Choose a new password for kansrijk") in sent.subject
    assert (
        _dutch(
            "Did you not ask for this? Then you can ignore this e-mail: your password stays the same."
        )
        in sent.body
    )


def test_a_password_reset_for_staff_asked_in_arabic_is_in_dutch(cast):
    cast.coordinator.email = "carla@x.nl"
    cast.coordinator.save(update_fields=["email"])
    _with_password(cast.coordinator)

    Client(headers={"accept-language": "ar"}).post(
        reverse("password_reset"), {"email": "carla@x.nl"}
    )

    (sent,) = mail.outbox
    assert _dutch("Choose a new password for kansrijk") in sent.subject


# ---- the buddy's one tap ----


def test_the_buddy_sees_a_link_to_her_plan_in_her_language(cast, coached):
    _speaks(coached.household, "ar")

    html = _as(cast.buddy).get(reverse("plan", args=[coached.household.uuid])).content.decode()

    url = reverse("plan_print", args=[coached.household.uuid]) + "?language=ar"
    assert f'href="{url}"' in html
    assert get_language_info("ar")["name_local"] in html  # العربيّة


def test_no_link_when_she_speaks_the_buddys_language(cast, coached):
    html = _as(cast.buddy).get(reverse("plan", args=[coached.household.uuid])).content.decode()

    assert "?language=" not in html


def test_the_one_tap_sheet_is_hers_and_the_page_around_it_the_buddys(cast, coached):
    url = reverse("plan_print", args=[coached.household.uuid])

    html = _as(cast.buddy, "nl").get(url + "?language=en").content.decode()

    assert '<html lang="nl" dir="ltr">' in html
    assert '<article class="print-sheet" aria-labelledby="print-title" lang="en" dir="ltr">' in html
    assert "Our plan</h1>" in html


def test_the_one_tap_sheet_in_arabic_is_right_to_left(cast, coached):
    url = reverse("plan_print", args=[coached.household.uuid])

    html = _as(cast.buddy, "nl").get(url + "?language=ar").content.decode()

    assert 'lang="ar" dir="rtl">' in html


@pytest.mark.parametrize("language", ["de", "xx", "../nl", ""])
def test_the_one_tap_sheet_accepts_only_participant_languages(cast, coached, language):
    url = reverse("plan_print", args=[coached.household.uuid])

    response = _as(cast.buddy).get(url, {"language": language})

    assert response.status_code == (200 if language == "" else 404)


def test_the_one_tap_sheet_is_still_only_for_who_may_see_the_plan(cast, coached):
    url = reverse("plan_print", args=[coached.household.uuid]) + "?language=ar"

    assert _as(cast.funder).get(url).status_code == 404


# ---- intake ----


def test_the_intake_stores_her_language(cast, journey):
    trajectory = journey(Phase.INTAKE)
    url = reverse("intake_step", args=[trajectory.household.uuid, "basics"])

    _as(cast.coordinator).post(
        url, {"version": trajectory.version, "stress_now": "Schulden", "language": "pl"}
    )

    trajectory.household.refresh_from_db()
    assert trajectory.household.language == "pl"


def test_the_intake_refuses_a_language_that_is_not_offered(cast, journey):
    trajectory = journey(Phase.INTAKE)
    url = reverse("intake_step", args=[trajectory.household.uuid, "basics"])

    response = _as(cast.coordinator).post(
        url, {"version": trajectory.version, "stress_now": "Schulden", "language": "de"}
    )

    assert response.status_code == 422
    trajectory.household.refresh_from_db()
    assert trajectory.household.language == "en"


# ---- the coordinator's status page ----


def test_the_coordinator_sees_how_far_each_language_is(cast):
    response = _as(cast.coordinator).get(reverse("translation_status", args=["oost"]))

    html = response.content.decode()
    assert response.status_code == 200
    for name in ("Arabic", "Turkish", "Polish", "Ukrainian", "Tigrinya", "ትግርኛ"):
        assert name in html
    assert "Draft" in html
    assert "Reviewed" not in html


def test_the_dashboard_links_to_the_language_status(cast):
    html = _as(cast.coordinator).get(reverse("programme", args=["oost"])).content.decode()

    assert reverse("translation_status", args=["oost"]) in html


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator", "stranger"])
def test_nobody_else_opens_the_language_status(cast, who):
    response = _as(getattr(cast, who)).get(reverse("translation_status", args=["oost"]))

    assert response.status_code == 404


def test_a_participant_does_not_open_the_language_status(participant):
    response = _as(participant).get(reverse("translation_status", args=["oost"]))

    assert response.status_code == 404
