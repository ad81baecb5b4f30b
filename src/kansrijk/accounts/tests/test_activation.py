"""A portal account without e-mail: the activation letter, its code, and activating with it."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext

from kansrijk.access.models import AuditAction, AuditEntry, ParticipantAccount
from kansrijk.accounts import codes
from kansrijk.accounts.activation_services import activation_letter_make
from kansrijk.accounts.models import ActivationCode
from kansrijk.core.errors import Refused
from kansrijk.core.phases import Phase
from kansrijk.people.choices import Role
from kansrijk.people.models import Household
from tests.factories import HouseholdMemberFactory, ProgrammeRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "blauwe fiets bij de deur"
NOT_WORKING = "This code does not work."


@pytest.fixture
def coached(journey):
    trajectory = journey(Phase.ACTIVE)
    HouseholdMemberFactory(household=trajectory.household, given_name="Amina")
    return trajectory


# The limiter's windows are fixed on the clock: a test that ran across a window's end would
# count afresh, so the tests that fill a window stand still in time.
LIMIT_CLOCK = dt.datetime(2026, 12, 1, 10, 0, 5, tzinfo=dt.UTC)


def _letter(trajectory, by):
    return activation_letter_make(household=trajectory.household, trajectory=trajectory, by=by)


def _anonymous() -> Client:
    return Client(headers={"accept-language": "en"})


def _activate(client: Client, code: str, password: str = PASSWORD):
    client.post(reverse("activate"), {"code": code})
    return client.post(
        reverse("activate_password"), {"new_password1": password, "new_password2": password}
    )


# ---- the code ----


def test_a_code_is_twelve_unambiguous_characters_in_three_groups():
    code = codes.new_code()

    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert not set(code) & set("01OIL")
    assert codes.new_code() != code


def test_a_code_is_read_however_it_was_typed():
    assert codes.code_hash(" k7qm r4tx-p9wd ") == codes.code_hash("K7QM-R4TX-P9WD")
    assert codes.well_formed("k7qm r4tx p9wd")
    assert not codes.well_formed("K7QM-R4TX")
    assert not codes.well_formed("K0QM-R4TX-P9WD")  # no 0 in the alphabet


# ---- the letter ----


def test_a_letter_makes_an_account_without_email_and_stores_only_the_codes_hash(cast, coached):
    letter = _letter(coached, cast.coordinator)

    account = ParticipantAccount.objects.get(household=coached.household)
    stored = ActivationCode.objects.get()
    assert account.user.email == ""
    assert re.fullmatch(r"amina-\d{4}", account.user.username)
    assert not account.user.has_usable_password()
    assert stored.code_hash == codes.code_hash(letter.code)
    assert codes.normalised(letter.code) not in str(ActivationCode.objects.values().get())


def test_a_code_works_for_the_configured_days(cast, coached, settings, frozen_today):
    settings.ACTIVATION_LETTER_DAYS = 30

    letter = _letter(coached, cast.coordinator)

    assert letter.expires_at - dt.datetime.now(dt.UTC) == dt.timedelta(days=30)


def test_a_new_letter_makes_the_earlier_code_stop_working(cast, coached):
    first = _letter(coached, cast.coordinator)
    second = _letter(coached, cast.buddy)

    client = _anonymous()
    refused = client.post(reverse("activate"), {"code": first.code})
    accepted = client.post(reverse("activate"), {"code": second.code})

    assert NOT_WORKING in refused.content.decode()
    assert accepted.status_code == 302
    assert ActivationCode.objects.get(code_hash=codes.code_hash(first.code)).revoked_at


def test_making_a_letter_is_in_the_audit_log(cast, coached):
    _letter(coached, cast.buddy)

    entry = AuditEntry.objects.get(detail="activation letter")
    assert entry.actor == cast.buddy
    assert entry.household == coached.household
    assert entry.action == AuditAction.CREATE


@pytest.mark.parametrize("who", ["coordinator", "buddy"])
def test_the_coordinator_and_the_own_buddy_make_and_see_the_letter(cast, coached, client, who):
    client.force_login(getattr(cast, who))
    url = reverse("activation_letter", args=[coached.household.uuid])

    made = client.post(url)
    page = client.get(url).content.decode()

    assert made.status_code == 302
    code = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", page).group(0)
    assert ActivationCode.objects.filter(code_hash=codes.code_hash(code)).exists()
    assert '<svg role="img"' in page  # the QR code, inline
    assert ParticipantAccount.objects.get().user.username in page


def test_the_letter_is_in_her_language_with_the_participant_context(cast, coached, client):
    Household.objects.filter(pk=coached.household.pk).update(language="ar")
    client.force_login(cast.coordinator)
    url = reverse("activation_letter", args=[coached.household.uuid])
    client.post(url)

    page = client.get(url).content.decode()

    # The page around it is in the coordinator's English; the letter in her Arabic.
    assert "Activation letter" in page
    assert 'lang="ar"' in page
    with translation.override("ar"):
        assert pgettext("participant", "Your own page at kansrijk") in page


def _other_buddy(cast):
    user = UserFactory()
    ProgrammeRoleFactory(user=user, programme=cast.programme, role=Role.BUDDY)
    return user


@pytest.mark.parametrize(
    "who", ["other buddy", "backup", "funder", "other coordinator", "participant", "stranger"]
)
def test_nobody_else_may_make_a_letter(cast, coached, client, who):
    user = {
        "other buddy": lambda: _other_buddy(cast),
        "backup": lambda: cast.backup,
        "funder": lambda: cast.funder,
        "other coordinator": lambda: cast.other_coordinator,
        "participant": lambda: _letter(coached, cast.coordinator).account.user,
        "stranger": lambda: cast.stranger,
    }[who]()
    client.force_login(user)
    url = reverse("activation_letter", args=[coached.household.uuid])
    before = ActivationCode.objects.count()

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert ActivationCode.objects.count() == before
    with pytest.raises(Refused):
        _letter(coached, user)


# ---- activating ----


def test_she_activates_from_the_qr_code_and_lands_on_her_own_page(cast, coached):
    letter = _letter(coached, cast.coordinator)
    client = _anonymous()

    arrived = client.get(reverse("activate"), {"code": letter.code})
    password_page = client.get(arrived["Location"])
    done = client.post(arrived["Location"], {"new_password1": PASSWORD, "new_password2": PASSWORD})

    # The code leaves the address at once, and that address is not passed on as a referrer.
    assert arrived.status_code == 302
    assert arrived["Location"] == reverse("activate_password")
    assert arrived["Referrer-Policy"] == "no-referrer"
    # Its form keeps same-origin: under no-referrer the browser would post `Origin: null`.
    assert password_page["Referrer-Policy"] == "same-origin"
    assert "no-store" in password_page["Cache-Control"]
    assert letter.account.user.username in password_page.content.decode()
    assert done["Location"] == reverse("my_file")
    assert client.get(reverse("my_file")).status_code == 200
    letter.account.user.refresh_from_db()
    assert letter.account.user.check_password(PASSWORD)


def test_the_typed_code_works_too_and_can_be_used_only_once(cast, coached):
    letter = _letter(coached, cast.coordinator)

    first = _activate(_anonymous(), letter.code.lower().replace("-", " "))
    again = _anonymous().post(reverse("activate"), {"code": letter.code})

    assert first["Location"] == reverse("my_file")
    assert NOT_WORKING in again.content.decode()
    assert ActivationCode.objects.get().used_at is not None


def test_a_weak_password_is_refused_in_words_and_the_code_still_works(cast, coached):
    letter = _letter(coached, cast.coordinator)
    client = _anonymous()

    refused = _activate(client, letter.code, password="12345")

    assert refused.status_code == 422
    assert "too short" in refused.content.decode()
    assert ActivationCode.objects.get().used_at is None


def test_wrong_expired_and_used_codes_all_get_the_same_message(cast, coached, settings):
    used = _letter(coached, cast.coordinator)
    _activate(_anonymous(), used.code)
    expired = _letter(coached, cast.coordinator)

    with time_machine.travel(dt.timedelta(days=settings.ACTIVATION_LETTER_DAYS, seconds=1)):
        answers = {
            "wrong": _anonymous().post(reverse("activate"), {"code": "AAAA-BBBB-CCCC"}),
            "expired": _anonymous().post(reverse("activate"), {"code": expired.code}),
            "used": _anonymous().post(reverse("activate"), {"code": used.code}),
        }

    pages = {kind: r.content.decode() for kind, r in answers.items()}
    assert all(r.status_code == 422 for r in answers.values())
    assert all(NOT_WORKING in page for page in pages.values())
    without_tokens = {
        re.sub(r'value="[^"]*"|"X-CSRFToken": "[^"]*"', "", page) for page in pages.values()
    }
    assert len(without_tokens) == 1  # not a word more or less for any of the three


def test_every_attempt_is_audited_without_the_code(cast, coached):
    letter = _letter(coached, cast.coordinator)
    _anonymous().post(reverse("activate"), {"code": "AAAA-BBBB-CCCC"})
    _activate(_anonymous(), letter.code)

    failed = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    activated = AuditEntry.objects.get(detail="portal account activated")
    assert failed.detail == "activation code" and failed.ip_address == "127.0.0.1"
    assert activated.household == coached.household
    assert activated.actor == letter.account.user
    every_text = " ".join(str(e.__dict__) for e in AuditEntry.objects.all())
    assert "AAAABBBBCCCC" not in every_text and "AAAA-BBBB-CCCC" not in every_text
    assert codes.normalised(letter.code) not in every_text and letter.code not in every_text


@time_machine.travel(LIMIT_CLOCK, tick=False)
def test_too_many_tries_from_one_address_are_refused_even_with_the_right_code(cast, coached):
    letter = _letter(coached, cast.coordinator)
    client = _anonymous()
    for n in range(10):
        client.post(reverse("activate"), {"code": f"AAAA-BBBB-CCC{codes.ALPHABET[n]}"})

    refused = client.post(reverse("activate"), {"code": letter.code})

    assert refused.status_code == 429
    assert "You tried too often" in refused.content.decode()
    assert ActivationCode.objects.get().used_at is None


@time_machine.travel(LIMIT_CLOCK, tick=False)
def test_too_many_tries_of_one_code_from_many_addresses_are_refused(cast, coached):
    letter = _letter(coached, cast.coordinator)
    prefix = codes.prefix(letter.code)
    for n in range(10):
        _anonymous().post(
            reverse("activate"),
            {"code": f"{prefix}-AAAA-AAA{codes.ALPHABET[n]}"},
            REMOTE_ADDR=f"10.0.0.{n}",
        )

    refused = _anonymous().post(reverse("activate"), {"code": letter.code}, REMOTE_ADDR="10.0.1.1")

    assert refused.status_code == 429


def test_losing_the_letter_after_activating_is_harmless(cast, coached):
    letter = _letter(coached, cast.coordinator)
    _activate(_anonymous(), letter.code)
    finder = _anonymous()

    found = finder.post(reverse("activate"), {"code": letter.code})
    password_page = finder.get(reverse("activate_password"))

    assert NOT_WORKING in found.content.decode()
    assert password_page.status_code == 302
    assert password_page["Location"] == reverse("activate")
