"""A funder's report comes from the programme's published set for the year, and a
coordinator's from their exact report, both kept in the cache under the programme's figures
version (`reports.snapshot`). Every kind of write that changes a figure of them gives the
programme a new version in its own transaction, so the page, read from the cache before the
write, shows the new figure after it: the same as a report built anew. Each write is tried
with both readers."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from kansrijk.academy import services as academy
from kansrijk.academy.choices import EnrolmentStatus
from kansrijk.academy.models import Enrolment
from kansrijk.assessments.choices import Moment
from kansrijk.assessments.services import assessment_record
from kansrijk.assessments.tests.test_assessment_record import LEVELS
from kansrijk.escalation.case_services import case_update
from kansrijk.intake.services import household_type_record
from kansrijk.outcomes.choices import Hours, OutcomeKind, Welfare
from kansrijk.outcomes.services import Details, outcome_record, outcome_remove
from kansrijk.people.choices import HouseholdType, Role
from kansrijk.reports import snapshot
from kansrijk.reports.cohort import cohort_from
from kansrijk.reports.forms import COST_FIELDS
from kansrijk.reports.models import ReportSettings
from kansrijk.reports.publication import (
    KINDS,
    audience_for,
    build,
    build_published,
    funder_cohort,
)
from kansrijk.reports.scope import scope_from
from kansrijk.reports.services import cost_benefit_save
from kansrijk.trajectories import counts
from kansrijk.trajectories import services as journeys
from kansrijk.trajectories.choices import Phase
from tests.factories import (
    DoorbraakCaseFactory,
    ProgrammeRoleFactory,
    SessionFactory,
    UserFactory,
    outcome_type_of,
)

YEAR = 2024  # the last whole year on the frozen day (16 June 2025)
PAGE = {"dashboard": "programme_report", "results": "results", "cost-benefit": "cost_benefit"}


@pytest.fixture
def year(cast, journey, settings, frozen_today):
    """Eight households referred in the year: six finished it, two are still in their year."""
    settings.SUPPRESSION_FLOOR = 2
    ReportSettings.objects.create(programme=cast.programme, suppression_threshold=2)
    closed = [
        journey(
            Phase.CLOSED,
            referred_on=dt.date(YEAR, 1, 10),
            matched_on=dt.date(YEAR, 2, 1),
            ended_on=dt.date(YEAR, 11, 1),
            buddy=None,
        )
        for _ in range(6)
    ]
    active = [
        journey(Phase.ACTIVE, referred_on=dt.date(YEAR, 5, 1), matched_on=dt.date(YEAR, 6, 1))
        for _ in range(2)
    ]
    assert counts.figures_version(cast.programme.pk) is not None  # else nothing is cached
    return closed, active


@pytest.fixture(params=["funder", "coordinator"])
def reader(request):
    return request.param


def _page_of(client, cast, kind: str, reader: str) -> dict:
    client.force_login(getattr(cast, reader))
    url = reverse(PAGE[kind], args=[cast.programme.slug])
    response = client.get(url, {"year": str(YEAR)})
    assert response.status_code == 200
    return snapshot._plain_report(response.context["report"])


def _built_anew(cast, kind: str, reader: str) -> dict:
    """The oracle: the report of all areas built now, without the cache."""
    query = QueryDict(f"year={YEAR}")
    if reader == "coordinator":
        scope, _form = scope_from(query, cast.programme)
        cohort, _form = cohort_from(query, scope)
        report = build(kind, scope, cohort, audience_for(cast.programme, exact=True))
        return snapshot._plain_report(report)
    scope, _form = scope_from(query, cast.programme, single_year=True)
    audience = audience_for(cast.programme, exact=False)
    reports = build_published(scope, funder_cohort(scope), audience)[None]
    return snapshot._plain_report(reports[KINDS.index(kind)])


def _assert_the_page_shows_the_write(client, cast, kind, write, reader):
    before = _page_of(client, cast, kind, reader)  # now in the cache
    version = counts.figures_version(cast.programme.pk)
    write()
    assert counts.figures_version(cast.programme.pk) != version
    after = _page_of(client, cast, kind, reader)
    assert after == _built_anew(cast, kind, reader)
    assert after != before


def _outcome(cast, trajectory, kind=OutcomeKind.PAID_WORK):
    return outcome_record(
        trajectory=trajectory,
        by=cast.coordinator,
        outcome_type=outcome_type_of(cast.programme, kind),
        reached_on=dt.date(YEAR, 9, 1),
        details=Details(hours=Hours.FULL_TIME, welfare=Welfare.ENDED),
    )


def test_an_outcome_recorded(client, cast, year, reader):
    closed, _active = year
    _assert_the_page_shows_the_write(
        client, cast, "results", lambda: [_outcome(cast, t) for t in closed[:3]], reader
    )


def test_an_outcome_removed(client, cast, year, reader):
    closed, _active = year
    outcomes = [_outcome(cast, t) for t in closed[:3]]
    _assert_the_page_shows_the_write(
        client,
        cast,
        "results",
        lambda: outcome_remove(outcome=outcomes[0], by=cast.coordinator, version=None),
        reader,
    )


def test_a_household_type_recorded(client, cast, year, reader):
    closed, _active = year

    def write():
        for t in closed[:3]:
            household_type_record(
                trajectory=t,
                by=cast.coordinator,
                household_type=HouseholdType.SINGLE_PARENT,
                working_poor=None,
                version=None,
            )

    _assert_the_page_shows_the_write(client, cast, "results", write, reader)


def test_the_costs_of_a_doorbraak_case(client, cast, year, reader):
    closed, _active = year
    case = DoorbraakCaseFactory(trajectory=closed[0], opened_on=dt.date(YEAR, 3, 1))

    def write():
        case_update(
            case=case,
            by=cast.coordinator,
            version=None,
            barrier=case.barrier,
            opened_on=case.opened_on,
            costs=Decimal(2500),
        )

    _assert_the_page_shows_the_write(client, cast, "cost-benefit", write, reader)


def test_the_cost_benefit_model(client, cast, year, reader):
    def write():
        cost_benefit_save(
            programme=cast.programme,
            by=cast.coordinator,
            version=None,
            costs={name: Decimal(12345) for name in COST_FIELDS},
            threshold=2,
            benefits={},
            labels={},
        )

    _assert_the_page_shows_the_write(client, cast, "cost-benefit", write, reader)


def test_assessments_at_the_start_and_the_end(client, cast, year, reader):
    _closed, active = year
    better = {code: (min(now + 1, 5), wanted) for code, (now, wanted) in LEVELS.items()}

    def write():
        for t in active:
            for moment, held_on, levels in (
                (Moment.START, dt.date(YEAR, 6, 15), LEVELS),
                (Moment.END, dt.date(YEAR, 12, 1), better),
            ):
                assessment_record(
                    trajectory=t, by=cast.coordinator, moment=moment, held_on=held_on, levels=levels
                )

    _assert_the_page_shows_the_write(client, cast, "dashboard", write, reader)


def test_an_academie_attendance(client, cast, year, reader):
    session = SessionFactory(on=dt.date(YEAR, 4, 1), created_by=cast.coordinator)
    buddies = [cast.buddy] + [UserFactory() for _ in range(2)]
    for buddy in buddies[1:]:
        ProgrammeRoleFactory(user=buddy, programme=cast.programme, role=Role.BUDDY)
    places = [
        Enrolment.objects.create(session=session, user=b, status=EnrolmentStatus.ENROLLED)
        for b in buddies
    ]

    def write():
        academy.attendance_record(
            session=session, by=cast.coordinator, present={p.pk for p in places}
        )

    _assert_the_page_shows_the_write(client, cast, "dashboard", write, reader)


def test_a_buddy_hands_over(client, cast, year, reader):
    _closed, active = year
    others = [UserFactory() for _ in range(2)]
    for other in others:
        ProgrammeRoleFactory(user=other, programme=cast.programme, role=Role.BUDDY, capacity=2)

    def write():
        with transaction.atomic():
            for t, other in zip(active, others, strict=True):
                journeys.hand_over(trajectory=t, to=other, by=cast.coordinator)

    _assert_the_page_shows_the_write(client, cast, "dashboard", write, reader)


def test_an_outcome_type_renamed_in_the_admin(client, cast, year, reader):
    """A change in the admin gives every programme new figures versions: the programme's own
    name of a kind of outcome shows on the next page, not the name kept before."""
    closed, _active = year
    [_outcome(cast, t) for t in closed[:3]]
    paid_work = outcome_type_of(cast.programme, OutcomeKind.PAID_WORK)
    staff = Client()
    staff.force_login(UserFactory(is_staff=True, is_superuser=True))

    def write():
        url = reverse("admin:outcomes_outcometype_change", args=[paid_work.pk])
        response = staff.post(
            url,
            {
                "programme": cast.programme.pk,
                "code": paid_work.code,
                "kind": paid_work.kind,
                "name": "Betaald werk via de werkgeversservice",
                "position": paid_work.position,
                "active": "on",
            },
        )
        assert response.status_code == 302, response.content[:2000]

    _assert_the_page_shows_the_write(client, cast, "results", write, reader)
    text = str(_page_of(client, cast, "results", reader))
    assert "werkgeversservice" in text
