"""The audit log in words: one line per person per day, saying what they did and which parts
of the file they saw, on the coordinator's log and the participant's "who looked"."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from kansrijk.access.audit import audit, parts_named
from kansrijk.access.choices import FilePart
from kansrijk.access.log_words import by_person_and_day, code_of
from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.access.services import participant_account_create
from kansrijk.core.phases import Phase

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
VIEW, CREATE, CHANGE = AuditAction.VIEW, AuditAction.CREATE, AuditAction.CHANGE


@pytest.fixture
def household(journey):
    return journey(Phase.ACTIVE).household


def _write(actor, household, *doings, role="buddy"):
    for action, detail in doings:
        audit(actor=actor, action=action, household=household, detail=detail, role=role)


def _days(household):
    entries = AuditEntry.objects.filter(household=household).select_related("actor", "household")
    return by_person_and_day(entries.order_by("-at", "-id"))


def test_a_persons_day_is_one_sentence_in_the_order_it_happened(cast, household):
    _write(
        cast.buddy,
        household,
        (VIEW, "plan page"),
        (VIEW, "household page: basic, plan"),
        (CREATE, "contact"),
        (CREATE, "contact"),
        (CHANGE, "goal achieved"),
    )

    [day] = _days(household)

    assert day.name == "Bas Buddy"
    assert day.role == "buddy"
    assert day.sentence == (
        "viewed the plan and the household page; added 2 contacts; marked a goal as achieved"
    )


def test_the_line_says_which_parts_of_the_file_were_seen(cast, household):
    _write(
        cast.backup,
        household,
        (VIEW, f"household page: {parts_named({FilePart.ASSESSMENTS, FilePart.BASIC})}"),
        role="backup",
    )

    [day] = _days(household)

    assert day.part_labels == ["basic details", "assessments"]


def test_a_write_names_the_part_it_belongs_to(cast, household):
    _write(cast.buddy, household, (CREATE, "assessment"), (CREATE, "goal"))

    [day] = _days(household)

    assert day.part_labels == ["wishes and plan", "assessments"]


def test_two_people_and_two_days_make_separate_lines(cast, household, frozen_today):
    with time_machine.travel(dt.datetime(2025, 6, 15, 9, 0).replace(tzinfo=AMSTERDAM), tick=False):
        _write(cast.buddy, household, (VIEW, "plan page"))
    _write(cast.buddy, household, (VIEW, "plan page"), (VIEW, "plan page"))
    _write(cast.coordinator, household, (VIEW, "outcomes"), role="coordinator")

    days = _days(household)

    assert [(d.name, d.day, d.sentence) for d in days] == [
        ("Carla Coördinator", frozen_today, "viewed the outcomes"),
        ("Bas Buddy", frozen_today, "viewed the plan (2 times)"),
        ("Bas Buddy", dt.date(2025, 6, 15), "viewed the plan"),
    ]


def test_a_login_reads_as_a_deed_without_a_thing(cast):
    audit(actor=cast.buddy, action=AuditAction.LOGIN)
    audit(actor=cast.buddy, action=AuditAction.LOGIN, detail="second factor")

    [day] = by_person_and_day(AuditEntry.objects.select_related("actor", "household"))

    assert day.sentence == "logged in; logged in with a code from the app"


def test_the_longest_code_that_fits_wins():
    assert code_of("signal picked up") == "signal picked up"
    assert code_of("signal worry") == "signal"
    assert code_of("signal queue") == "signal queue"
    assert code_of("signals oost phase=open") == "signals"
    assert code_of("outcome paid_work removed") == "outcome * removed"
    assert code_of("outcome paid_work") == "outcome"
    assert code_of("referral → intake (consent)") == "* → *"
    assert code_of("timeline page 3: basic") == "timeline page"


def test_the_sentence_is_dutch_on_a_dutch_page(cast, household):
    _write(cast.buddy, household, (VIEW, "plan page"), (CREATE, "contact"), (CREATE, "contact"))

    with translation.override("nl"):
        [day] = _days(household)
        assert day.sentence == "bekeek het plan; voegde 2 contacten toe"


def _log_page(client, cast, **query):
    client.force_login(cast.coordinator)
    return client.get(reverse("audit_log", args=[cast.programme.slug]), query)


def test_the_coordinators_log_shows_words_not_codes(client, cast, household):
    _write(cast.buddy, household, (CHANGE, "action done"), (VIEW, "network comparison"))

    html = _log_page(client, cast).content.decode()

    assert "ticked off a step; viewed two network maps side by side" in html
    assert "action done" not in html
    assert "network comparison" not in html


def test_the_log_is_searched_by_the_words_it_shows(client, cast, household):
    _write(cast.buddy, household, (CHANGE, "action done"), (VIEW, "plan page"))

    response = _log_page(client, cast, text="ticked off")

    assert [e.detail for e in response.context["page_obj"]] == ["action done"]


def test_the_log_of_many_people_and_days_is_paginated_with_bounded_queries(
    client, cast, household, django_assert_max_num_queries
):
    for day in range(1, 11):
        with time_machine.travel(
            dt.datetime(2025, 6, day, 9, 0).replace(tzinfo=AMSTERDAM), tick=False
        ):
            for _ in range(6):
                _write(cast.buddy, household, (VIEW, "plan page"), (CREATE, "contact"))
    client.force_login(cast.coordinator)
    url = reverse("audit_log", args=[cast.programme.slug])

    with django_assert_max_num_queries(10):
        first = client.get(url)

    # 120 entries, the coordinator's login and their read of the log: 50 on the first page, the
    # coordinator's two and the buddy's last four days (in two roles: login has none).
    assert first.context["page_obj"].paginator.count == 122
    assert len(first.context["days"]) == 6


def test_the_participant_sees_who_looked_in_words_and_not_their_own_reads(client, cast, household):
    participant = participant_account_create(
        household=household, trajectory=None, by=cast.coordinator, email="sam@example.org"
    )
    _write(cast.buddy, household, (VIEW, "plan page"), (CREATE, "assessment"))
    audit(actor=participant, action=VIEW, household=household, detail="portal", role="participant")
    client.force_login(participant)

    response = client.get(reverse("my_reads"))

    html = response.content.decode()
    assert "Bas Buddy (buddy)</strong> · today: viewed the plan; added an assessment" in html
    assert "wishes and plan, assessments" in html
    assert "their own page" not in html
