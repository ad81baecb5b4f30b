"""Walk a household through its journey with the product's own services.

Going through the services keeps the demo honest: a step the product would refuse cannot end up
in the demo either. The services take the day of most steps from the caller; the few stamps they
set to "now" (the referral day, each phase change, when a contact or assessment was recorded)
are moved back to the day the step happened. Audit entries keep their real time: the log is
append-only, and it truthfully says when the demo was loaded.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.utils import timezone

from kansrijk.access.choices import ConsentMethod, FilePart, Recipient
from kansrijk.access.services import consent_record
from kansrijk.assessments.choices import Moment
from kansrijk.assessments.models import Assessment
from kansrijk.assessments.services import assessment_record, assessment_record_at_intake
from kansrijk.contacts.models import Contact, ContactKind
from kansrijk.contacts.services import contact_log
from kansrijk.core.dates import add_months
from kansrijk.frameworks.selectors import domains_with_levels, framework_for
from kansrijk.intake.choices import VisitSlot
from kansrijk.intake.services import intake_record, referral_register
from kansrijk.people.choices import Gender
from kansrijk.people.models import Area, Household, Organisation, User
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import (
    ACTIVE_YEAR_MONTHS,
    HALFWAY_MONTHS,
    PhaseChange,
    Trajectory,
)
from kansrijk.trajectories.services import (
    trajectory_close,
    trajectory_drop_out,
    trajectory_match,
    trajectory_start_aftercare,
    trajectory_start_intake,
    trajectory_start_year,
)

from .households import extend_if_needed, record_household_type
from .journeys import Journey
from .profiles import Profile, page_language
from .texts import (
    AFTERCARE_NOTES,
    ASSESSMENT_NOTES,
    AVAILABILITY,
    AVAILABILITY_SLOTS,
    CONTACT_NOTES,
    FAMILY_NOTES,
    INTAKE_NOTES,
)

# Recent weeks get a contact every few days; older history is sparser, as logs often are.
RECENT_DAYS = 60
CONTACT_KIND_WEIGHTS = {
    ContactKind.VISIT: 5,
    ContactKind.APP: 3,
    ContactKind.PHONE: 2,
    ContactKind.OUTING: 1,
}


@dataclass
class Backdating:
    """Stamps the services set to "now", collected to be saved at the day they happened."""

    phase_changes: list[PhaseChange] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)

    def save(self) -> None:
        PhaseChange.objects.bulk_update(self.phase_changes, ["at"], batch_size=500)
        Contact.objects.bulk_update(self.contacts, ["recorded_at"], batch_size=500)
        Assessment.objects.bulk_update(self.assessments, ["recorded_at"], batch_size=500)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@dataclass
class JourneyContext:
    """What walking a journey needs besides the journey: who runs it, and where stamps go."""

    rng: random.Random
    today: dt.date
    coordinator: User
    backdating: Backdating


def walk_journey(
    context: JourneyContext,
    journey: Journey,
    profile: Profile,
    area: Area,
    referrer: Organisation,
) -> Trajectory:
    """Take the household through every step of its journey, each on its own day."""
    by = context.coordinator
    trajectory = _register(by, journey, profile, area, referrer, context.rng)
    steps = [journey.referred_on]
    if journey.intake_started_on:
        trajectory = trajectory_start_intake(
            trajectory=trajectory, by=by, version=trajectory.version
        )
        steps.append(journey.intake_started_on)
    if journey.intake_on:
        trajectory = _hold_intake(context.rng, trajectory, journey, profile, by)
        trajectory = record_household_type(trajectory, journey.kind, profile, by)
        steps.append(journey.intake_on)
    if journey.paired_on:
        trajectory = trajectory_match(
            trajectory=trajectory,
            by=by,
            buddy=journey.buddy,
            backup=None,
            paired_on=journey.paired_on,
            version=trajectory.version,
        )
        steps.append(journey.paired_on)
        _consent_for_the_backup(context, trajectory, journey)
    if journey.matched_on:
        trajectory = trajectory_start_year(
            trajectory=trajectory, by=by, start_on=journey.matched_on, version=trajectory.version
        )
        steps.append(journey.matched_on)
    if journey.aftercare_on:
        trajectory = trajectory_start_aftercare(
            trajectory=trajectory, by=by, start_on=journey.aftercare_on, version=trajectory.version
        )
        steps.append(journey.aftercare_on)
    if journey.matched_on and not journey.ended_on:
        trajectory = extend_if_needed(trajectory, context.today, by)
    if journey.matched_on:
        _coach(context, trajectory, journey, has_children=bool(profile.others))
    if journey.ended_on:
        _end(trajectory, journey, by)
        steps.append(journey.ended_on)
    _backdate_phase_changes(context, trajectory, steps)
    return trajectory


def _consent_for_the_backup(
    context: JourneyContext, trajectory: Trajectory, journey: Journey
) -> None:
    """Most participants let their backup professional in; some keep the file to the buddy."""
    rng = context.rng
    if rng.random() > 0.85:
        return
    parts = {FilePart.BASIC, FilePart.ASSESSMENTS}
    if rng.random() < 0.6:
        parts.add(FilePart.PLAN)
    if rng.random() < 0.25:
        parts.add(FilePart.SENSITIVE)
    consent_record(
        household=trajectory.household,
        trajectory=trajectory,
        by=context.coordinator,
        recipient=Recipient.BACKUP,
        parts=parts,
        starts_on=journey.paired_on,
        ends_on=None,
        method=rng.choice([ConsentMethod.PAPER, ConsentMethod.IN_PERSON]),
    )


def _register(
    by: User,
    journey: Journey,
    profile: Profile,
    area: Area,
    referrer: Organisation,
    rng: random.Random,
) -> Trajectory:
    trajectory = referral_register(
        by=by,
        area=area,
        organisation=referrer,
        participant=profile.participant,
        others=profile.others,
        contact=profile.contact,
        reason=profile.scenario.reason,
        stress_sources=profile.scenario.stress_sources,
        preferences=profile.preferences,
        # The referrer who wrote "een vrouwelijke buddy" also chose it on the form.
        preferred_gender=Gender.WOMAN if "vrouwelijke" in profile.preferences else "",
        consent_on=journey.referred_on - dt.timedelta(days=rng.randint(0, 5)),
        consent_method=rng.choice(ConsentMethod.values),
        referrer_name=profile.referrer_name,
    )
    # referral_register always dates a referral today; the demo's began long ago.
    created_at = at(journey.referred_on, 10)
    Trajectory.objects.filter(pk=trajectory.pk).update(
        referred_on=journey.referred_on, created_at=created_at
    )
    Household.objects.filter(pk=trajectory.household_id).update(
        created_at=created_at, language=page_language(profile.contact["languages"])
    )
    trajectory.referred_on = journey.referred_on
    return trajectory


def _hold_intake(
    rng: random.Random, trajectory: Trajectory, journey: Journey, profile: Profile, by: User
) -> Trajectory:
    scenario = profile.scenario
    if journey.matched_on is None and journey.ended_on is None:
        trajectory = _picture_at_intake(trajectory, journey, by)
    availability = rng.choice(AVAILABILITY)
    intake = intake_record(
        trajectory=trajectory,
        by=by,
        held_on=journey.intake_on,
        stress_now=scenario.stress_now,
        wishes=scenario.wishes,
        strengths=scenario.strengths,
        availability=availability,
        availability_slots=_slots(availability, profile.preferences),
        notes=rng.choice(INTAKE_NOTES).format(first=scenario.first_calm, later=scenario.later),
        version=trajectory.version,
    )
    return intake.trajectory


def _slots(availability: str, preferences: str) -> list[str]:
    """The visiting times the intake ticks: those of the answer, and the evenings a referrer
    already asked for."""
    slots = AVAILABILITY_SLOTS[availability]
    wants_evenings = "avond" in preferences and VisitSlot.EVENINGS not in slots
    return [*slots, VisitSlot.EVENINGS] if wants_evenings else slots


def _picture_at_intake(trajectory: Trajectory, journey: Journey, by: User) -> Trajectory:
    """A household waiting for a buddy whose intake looked at the life domains: its start
    assessment is made already, so once paired the household page counts it as done."""
    framework = framework_for(trajectory.household.programme)
    scales = {d.code: len(d.levels.all()) for d in domains_with_levels(framework)}
    # A generator of its own, so every other figure of the demo stays as it was.
    levels = _levels_over_the_year(random.Random(trajectory.household.display_name), scales)
    start = assessment_record_at_intake(
        trajectory=trajectory,
        by=by,
        framework=framework,
        levels=levels[Moment.START],
        version=trajectory.version,
    )
    Assessment.objects.filter(pk=start.pk).update(held_on=journey.intake_on)
    return Trajectory.objects.select_related("household").get(pk=trajectory.pk)


def _end(trajectory: Trajectory, journey: Journey, by: User) -> None:
    if journey.outcome == Phase.CLOSED:
        trajectory_close(
            trajectory=trajectory,
            by=by,
            on=journey.ended_on,
            note=journey.end_note,
            version=trajectory.version,
        )
    else:
        trajectory_drop_out(
            trajectory=trajectory,
            by=by,
            reason=journey.drop_reason,
            on=journey.ended_on,
            note=journey.end_note,
            version=trajectory.version,
        )


def _backdate_phase_changes(
    context: JourneyContext, trajectory: Trajectory, steps: list[dt.date]
) -> None:
    changes = list(PhaseChange.objects.filter(trajectory=trajectory).order_by("id"))
    for change, day in zip(changes, steps, strict=True):
        change.at = at(day, context.rng.randint(9, 16), context.rng.choice([0, 15, 30, 45]))
    context.backdating.phase_changes += changes


def _coach(
    context: JourneyContext, trajectory: Trajectory, journey: Journey, has_children: bool
) -> None:
    """The buddy's part: assessments at their moments and contacts week by week."""
    last_day = journey.ended_on - dt.timedelta(days=1) if journey.ended_on else context.today
    _assess(context, trajectory, journey, last_day)
    _log_contacts(context, trajectory, journey, last_day, has_children)


def _assess(
    context: JourneyContext, trajectory: Trajectory, journey: Journey, last_day: dt.date
) -> None:
    rng = context.rng
    domains = domains_with_levels(framework_for(trajectory.household.programme))
    scales = {domain.code: len(domain.levels.all()) for domain in domains}
    levels = _levels_over_the_year(rng, scales)
    for moment, held_on in _assessment_days(rng, journey, last_day):
        assessment = assessment_record(
            trajectory=trajectory,
            by=journey.buddy,
            moment=moment,
            held_on=held_on,
            levels=levels[moment],
            with_backup=rng.random() < 0.8,
            note=rng.choice(ASSESSMENT_NOTES[moment]),
        )
        assessment.recorded_at = at(held_on, 20)
        context.backdating.assessments.append(assessment)


def _log_contacts(
    context: JourneyContext,
    trajectory: Trajectory,
    journey: Journey,
    last_day: dt.date,
    has_children: bool,
) -> None:
    rng = context.rng
    kinds, weights = list(CONTACT_KIND_WEIGHTS), list(CONTACT_KIND_WEIGHTS.values())
    for day in _contact_days(context, journey, last_day):
        kind = rng.choices(kinds, weights)[0]
        contact = contact_log(
            trajectory=trajectory,
            by=journey.buddy,
            on=day,
            kind=kind,
            minutes=_minutes(rng, kind),
            note=rng.choice(_contact_notes(journey, kind, day, has_children)),
        )
        contact.recorded_at = at(day, rng.randint(18, 21), rng.randint(0, 59))
        context.backdating.contacts.append(contact)


def _contact_notes(
    journey: Journey, kind: ContactKind, day: dt.date, has_children: bool
) -> tuple[str, ...]:
    if journey.aftercare_on is not None and day >= journey.aftercare_on:
        return AFTERCARE_NOTES[kind]
    return CONTACT_NOTES[kind] + (FAMILY_NOTES[kind] if has_children else ())


def _assessment_days(
    rng: random.Random, journey: Journey, last_day: dt.date
) -> list[tuple[Moment, dt.date]]:
    """Start, halfway and end, each near its due day, if the journey got that far."""
    planned = [
        (Moment.START, journey.matched_on + dt.timedelta(days=rng.randint(5, 20))),
        (
            Moment.HALFWAY,
            add_months(journey.matched_on, HALFWAY_MONTHS)
            + dt.timedelta(days=rng.randint(-10, 12)),
        ),
        (
            Moment.END,
            add_months(journey.matched_on, ACTIVE_YEAR_MONTHS)
            + dt.timedelta(days=rng.randint(-20, 8)),
        ),
    ]
    return [(m, day) for m, day in planned if day <= last_day and m not in journey.skipped]


def _levels_over_the_year(
    rng: random.Random, scales: dict[str, int]
) -> dict[Moment, dict[str, tuple[int, int]]]:
    """Per moment, each domain's (level now, level wanted): mostly small steps up over the
    year, now and then a step back. `scales`: each domain code with the size of its scale."""
    start = {d: rng.randint(1, min(3, top)) for d, top in scales.items()}
    wanted = {d: min(scales[d], level + rng.randint(1, 2)) for d, level in start.items()}
    halfway = {
        d: max(1, min(wanted[d], level + rng.choices((-1, 0, 1), (1, 4, 5))[0]))
        for d, level in start.items()
    }
    end = {d: min(scales[d], level + rng.randint(0, 1)) for d, level in halfway.items()}
    return {
        Moment.START: {d: (start[d], wanted[d]) for d in start},
        Moment.HALFWAY: {d: (halfway[d], wanted[d]) for d in start},
        # Someone who got further often wants to go further still.
        Moment.END: {d: (end[d], max(wanted[d], min(scales[d], end[d] + 1))) for d in start},
    }


def _contact_days(context: JourneyContext, journey: Journey, last_day: dt.date) -> list[dt.date]:
    rng = context.rng
    # A quiet household's contact stopped a few weeks ago: the dashboard should notice.
    stop = last_day - dt.timedelta(days=rng.randint(16, 35)) if journey.quiet else last_day
    days = []
    day = journey.matched_on + dt.timedelta(days=rng.randint(1, 6))
    while day <= stop:
        days.append(day)
        in_aftercare = journey.aftercare_on is not None and day >= journey.aftercare_on
        if (context.today - day).days > RECENT_DAYS:
            gap = rng.randint(14, 28)
        else:
            gap = rng.randint(7, 12) if in_aftercare else rng.randint(4, 9)
        day += dt.timedelta(days=gap)
    return days


def _minutes(rng: random.Random, kind: ContactKind) -> int | None:
    if kind == ContactKind.VISIT:
        return rng.choice([45, 60, 75, 90, 120])
    if kind == ContactKind.PHONE:
        return rng.choice([10, 15, 20, 30])
    if kind == ContactKind.OUTING:
        return rng.choice([90, 120, 180, 240])
    return None
