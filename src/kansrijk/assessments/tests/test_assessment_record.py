"""Life-domain assessments: one start, halfway and end assessment, and extra ones as needed."""

import datetime as dt
from unittest import mock

import pytest
from django.db import IntegrityError
from django.urls import reverse

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.assessments.choices import Moment
from kansrijk.assessments.models import Assessment, DomainScore
from kansrijk.assessments.services import assessment_record
from kansrijk.core.errors import Refused
from kansrijk.frameworks.models import Domain, Framework, Level, ProgrammeFramework
from kansrijk.frameworks.shipped import BROAD
from kansrijk.trajectories.choices import Phase
from tests.factories import AssessmentFactory, shipped_framework

# Per domain code of the default framework ("kansrijk-five"): (level now, level wanted).
LEVELS = {
    "home": (2, 4),
    "wellbeing": (3, 4),
    "finances": (1, 3),
    "education": (3, 3),
    "work": (2, 5),
}


def _record(trajectory, by, *, held_on, moment=Moment.START, levels=None):
    return assessment_record(
        trajectory=trajectory,
        by=by,
        moment=moment,
        held_on=held_on,
        levels=levels or LEVELS,
        with_backup=True,
        note="Together at the kitchen table.",
    )


def _assert_nothing_recorded() -> None:
    assert not Assessment.objects.exists()
    assert not DomainScore.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("who", ["buddy", "backup", "coordinator"])
@pytest.mark.parametrize("phase", [Phase.ACTIVE, Phase.AFTERCARE])
def test_buddy_backup_and_coordinator_record_an_assessment_while_the_household_is_coached(
    cast, journey, frozen_today, who, phase
):
    trajectory = journey(phase)
    user = getattr(cast, who)

    assessment = _record(trajectory, user, held_on=frozen_today)

    assert (assessment.moment, assessment.held_on, assessment.recorded_by) == (
        Moment.START,
        frozen_today,
        user,
    )
    scores = {s.domain.code: (s.level, s.wanted_level) for s in assessment.scores.all()}
    assert scores == LEVELS
    assert assessment.framework.slug == "kansrijk-five"
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.household, entry.detail) == (
        AuditAction.CREATE,
        user,
        trajectory.household,
        "assessment",
    )


@pytest.mark.parametrize(
    "phase",
    [Phase.REFERRED, Phase.INTAKE, Phase.MATCHING, Phase.CLOSED, Phase.DROPPED_OUT],
)
def test_no_assessment_is_recorded_outside_the_active_year_and_aftercare(
    cast, journey, frozen_today, phase
):
    trajectory = journey(phase)

    with pytest.raises(Refused, match="during the active year and aftercare"):
        _record(trajectory, cast.coordinator, held_on=frozen_today)

    _assert_nothing_recorded()


@pytest.mark.parametrize("who", ["funder", "other_coordinator", "stranger"])
def test_only_the_households_pair_and_coordinator_record_assessments(
    cast, journey, frozen_today, who
):
    trajectory = journey(Phase.ACTIVE)

    with pytest.raises(Refused):
        _record(trajectory, getattr(cast, who), held_on=frozen_today)

    _assert_nothing_recorded()


def test_an_assessment_cannot_be_in_the_future(cast, journey, frozen_today):
    trajectory = journey(Phase.ACTIVE)

    with pytest.raises(Refused, match="An assessment cannot be in the future"):
        _record(trajectory, cast.buddy, held_on=frozen_today + dt.timedelta(days=1))

    _assert_nothing_recorded()


def test_an_assessment_cannot_be_before_the_active_year_started(cast, journey):
    trajectory = journey(Phase.ACTIVE)

    with pytest.raises(Refused, match="before the start of the active year"):
        _record(trajectory, cast.buddy, held_on=trajectory.matched_on - dt.timedelta(days=1))

    _assert_nothing_recorded()


def test_a_failure_while_saving_the_scores_leaves_no_assessment_behind(cast, journey, frozen_today):
    trajectory = journey(Phase.ACTIVE)
    broken = mock.patch.object(DomainScore.objects, "bulk_create", side_effect=IntegrityError)

    with broken, pytest.raises(Refused):
        _record(trajectory, cast.buddy, held_on=frozen_today)

    _assert_nothing_recorded()


@pytest.mark.parametrize(("now", "wanted"), [(0, 3), (3, 6), (-1, 2)])
def test_levels_off_the_scale_are_refused(cast, journey, frozen_today, now, wanted):
    trajectory = journey(Phase.ACTIVE)

    with pytest.raises(Refused) as refusal:
        _record(
            trajectory,
            cast.buddy,
            held_on=frozen_today,
            levels={**LEVELS, "finances": (now, wanted)},
        )

    assert refusal.value.message == "For “finances”, choose a level from 1 to 5."

    _assert_nothing_recorded()


def test_every_life_domain_must_be_filled_in(cast, journey, frozen_today):
    trajectory = journey(Phase.ACTIVE)
    without_work = {code: pair for code, pair in LEVELS.items() if code != "work"}

    with pytest.raises(Refused, match="Fill in every life domain"):
        _record(trajectory, cast.buddy, held_on=frozen_today, levels=without_work)

    _assert_nothing_recorded()


@pytest.mark.parametrize("moment", [Moment.START, Moment.HALFWAY, Moment.END])
def test_a_second_fixed_moment_assessment_is_refused_and_nothing_is_half_saved(
    cast, journey, frozen_today, moment
):
    trajectory = journey(Phase.ACTIVE)
    first = AssessmentFactory(trajectory=trajectory, moment=moment)

    with pytest.raises(Refused) as refusal:
        _record(trajectory, cast.buddy, held_on=frozen_today, moment=moment)

    assert refusal.value.message == (
        f"The {moment.label} assessment was already recorded. Choose “extra” for another one."
    )
    assert list(Assessment.objects.all()) == [first]
    assert DomainScore.objects.count() == len(LEVELS)
    assert not AuditEntry.objects.exists()


def test_extra_assessments_may_be_recorded_as_often_as_wanted(cast, journey, frozen_today):
    trajectory = journey(Phase.ACTIVE)

    for _ in range(3):
        _record(trajectory, cast.buddy, held_on=frozen_today, moment=Moment.EXTRA)

    assert Assessment.objects.filter(moment=Moment.EXTRA).count() == 3
    assert DomainScore.objects.count() == 3 * len(LEVELS)


def test_the_same_moment_may_be_recorded_for_another_household(cast, journey, frozen_today):
    AssessmentFactory(trajectory=journey(Phase.AFTERCARE), moment=Moment.START)

    _record(journey(Phase.ACTIVE), cast.buddy, held_on=frozen_today)

    assert Assessment.objects.filter(moment=Moment.START).count() == 2


def _form_data(moment: Moment = Moment.START) -> dict[str, str]:
    data = {
        "framework": "kansrijk-five@1",
        "moment": str(moment),
        "held_on": "2025-06-16",
        "with_participant": "on",
        "with_buddy": "on",
        "with_backup": "on",
        "note": "",
    }
    for code, (now, wanted) in LEVELS.items():
        data[f"{code}-level"] = str(now)
        data[f"{code}-wanted"] = str(wanted)
        data[f"{code}-note"] = ""
    return data


def test_the_buddy_records_an_assessment_through_the_form(client, cast, journey):
    trajectory = journey(Phase.ACTIVE)
    client.force_login(cast.buddy)

    response = client.post(
        reverse("record_assessment", args=[trajectory.household.uuid]), _form_data()
    )

    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert (assessment.moment, assessment.with_backup) == (Moment.START, True)
    assert assessment.scores.count() == len(LEVELS)


def test_the_form_suggests_the_next_moment_that_is_still_open(client, cast, journey):
    trajectory = journey(Phase.ACTIVE)
    AssessmentFactory(trajectory=trajectory, moment=Moment.START)
    client.force_login(cast.buddy)

    response = client.get(reverse("record_assessment", args=[trajectory.household.uuid]))

    assert response.context["form"].initial["moment"] == Moment.HALFWAY


def test_a_duplicate_start_assessment_through_the_form_answers_422_with_the_reason(
    client, cast, journey
):
    trajectory = journey(Phase.ACTIVE)
    AssessmentFactory(trajectory=trajectory, moment=Moment.START)
    client.force_login(cast.buddy)

    response = client.post(
        reverse("record_assessment", args=[trajectory.household.uuid]), _form_data()
    )

    assert response.status_code == 422
    assert "The start assessment was already recorded." in response.content.decode()
    assert Assessment.objects.count() == 1


def test_an_assessment_form_with_a_level_missing_answers_422(client, cast, journey):
    trajectory = journey(Phase.ACTIVE)
    client.force_login(cast.buddy)
    data = _form_data()
    del data["finances-level"]

    response = client.post(reverse("record_assessment", args=[trajectory.household.uuid]), data)

    assert response.status_code == 422
    assert "finances-level" in response.context["form"].errors
    assert not Assessment.objects.exists()


def _small_framework(programme):
    """A framework of the programme's own: one domain on a three-step scale."""
    framework = Framework.objects.create(slug="own", version=1, name="Our own")
    domain = Domain.objects.create(framework=framework, code="money", name="money", position=1)
    for value, label in enumerate(["low", "middle", "high"], start=1):
        Level.objects.create(domain=domain, value=value, label=label)
    ProgrammeFramework.objects.create(programme=programme, framework=framework)
    return framework


def test_levels_are_checked_against_the_scale_of_that_domain(cast, journey, frozen_today):
    trajectory = journey(Phase.ACTIVE)
    _small_framework(cast.programme)

    with pytest.raises(Refused) as refusal:
        _record(trajectory, cast.buddy, held_on=frozen_today, levels={"money": (2, 4)})

    assert refusal.value.message == "For “money”, choose a level from 1 to 3."
    _assert_nothing_recorded()
    assessment = _record(trajectory, cast.buddy, held_on=frozen_today, levels={"money": (2, 3)})
    assert [(s.domain.code, s.now.label, s.wanted.label) for s in assessment.scores.all()] == [
        ("money", "middle", "high")
    ]


def test_the_domains_of_another_framework_are_refused(cast, journey, frozen_today):
    trajectory = journey(Phase.ACTIVE)
    _small_framework(cast.programme)

    with pytest.raises(Refused, match="Fill in every life domain"):
        _record(trajectory, cast.buddy, held_on=frozen_today)

    _assert_nothing_recorded()


def test_somebody_must_have_taken_part(cast, journey, frozen_today):
    trajectory = journey(Phase.ACTIVE)

    with pytest.raises(Refused, match="Say who took part"):
        assessment_record(
            trajectory=trajectory,
            by=cast.buddy,
            moment=Moment.START,
            held_on=frozen_today,
            levels=LEVELS,
            with_participant=False,
            with_buddy=False,
            with_backup=False,
        )

    _assert_nothing_recorded()


def test_the_form_asks_about_the_domains_of_the_programmes_framework(client, cast, journey):
    trajectory = journey(Phase.ACTIVE)
    ProgrammeFramework.objects.create(programme=cast.programme, framework=shipped_framework(BROAD))
    client.force_login(cast.buddy)

    response = client.get(reverse("record_assessment", args=[trajectory.household.uuid]))

    html = response.content.decode()
    form = response.context["form"]
    assert len(form.domains) == 11
    assert "Taking part in the community" in html
    assert "A crisis: help is needed right away." in html
    assert 'name="income-level"' in html and 'name="justice-note"' in html
    assert 'value="kansrijk-eleven@1"' in html


def test_a_form_opened_before_the_programme_switched_framework_is_refused(client, cast, journey):
    trajectory = journey(Phase.ACTIVE)
    client.force_login(cast.buddy)
    data = _form_data()  # filled in on the five life domains
    ProgrammeFramework.objects.create(programme=cast.programme, framework=shipped_framework(BROAD))

    response = client.post(reverse("record_assessment", args=[trajectory.household.uuid]), data)

    assert response.status_code == 422
    assert "The programme chose other life domains since this form was opened." in (
        response.content.decode()
    )
    assert not Assessment.objects.exists()


def test_the_form_saves_who_took_part_and_a_note_per_domain(client, cast, journey):
    trajectory = journey(Phase.ACTIVE)
    client.force_login(cast.buddy)
    data = _form_data()
    del data["with_backup"]
    data["finances-note"] = "The debt counsellor called back."

    client.post(reverse("record_assessment", args=[trajectory.household.uuid]), data)

    assessment = Assessment.objects.get()
    assert (assessment.with_participant, assessment.with_buddy, assessment.with_backup) == (
        True,
        True,
        False,
    )
    assert assessment.scores.get(domain__code="finances").note == (
        "The debt counsellor called back."
    )
    assert assessment.scores.get(domain__code="work").note == ""
