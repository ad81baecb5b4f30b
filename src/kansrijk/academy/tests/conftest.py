import datetime as dt

import pytest

from kansrijk.academy import services
from kansrijk.academy.models import Candidate
from kansrijk.core.dates import today
from tests.factories import AreaFactory, CandidateFactory, CourseFactory, SessionFactory


@pytest.fixture
def courses(db):
    return {
        "intro": CourseFactory(name="Introduction", slug="intro", order=1),
        "doorbraak": CourseFactory(name="Doorbraak workshop", slug="doorbraak", order=2),
    }


@pytest.fixture
def strict(cast, courses):
    """Programme A asks for both courses and a valid certificate of conduct before matching."""
    return services.settings_save(
        programme=cast.programme,
        by=cast.coordinator,
        required_courses=list(courses.values()),
        requires_vog=True,
        vog_valid_years=3,
        rejected_retention_days=28,
        version=None,
    )


def attended(user, course, *, days_ago: int = 10, hours: int = 3):
    """The user attended a session of this course some days ago."""
    session = SessionFactory(course=course, on=today() - dt.timedelta(days=days_ago), hours=hours)
    session.enrolments.create(user=user, status="enrolled", attended=True)
    return session


@pytest.fixture
def in_training(cast, frozen_today):
    """A candidate walked through the selection up to the training: account, inactive role."""
    candidate = CandidateFactory(programme=cast.programme, created_by=cast.coordinator)
    candidate.areas.add(cast.area)
    by = cast.coordinator
    c = services.interview_record(
        candidate=candidate, by=by, held_on=today(), notes="Warm, calm.", version=None
    )
    c = services.candidate_accept(candidate=c, by=by, reason="Knows the area.", version=None)
    c = services.vog_receive(candidate=c, by=by, received_on=today(), expires_on=None, version=None)
    c = services.reference_check(
        candidate=c, by=by, checked_on=today(), note="Reliable.", version=None
    )
    return services.agreement_sign(candidate=c, by=by, signed_on=today(), version=None)


def fresh(candidate: Candidate) -> Candidate:
    return Candidate.objects.get(pk=candidate.pk)


@pytest.fixture
def other_area(cast):
    return AreaFactory(programme=cast.programme, name="Lewenborg", slug="lewenborg")
