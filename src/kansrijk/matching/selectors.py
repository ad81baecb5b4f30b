"""Reads for matching: the programme's buddies as the scorer sees them, ranked for a household.

Callers pass a trajectory whose household they got through `access`.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet, prefetch_related_objects
from django.utils.translation import gettext as _

from kansrijk.academy.choices import Block
from kansrijk.academy.models import CheckIn
from kansrijk.academy.selectors import (
    application_areas,
    hours_of,
    latest_check_ins,
    readiness_rows,
)
from kansrijk.access import policy
from kansrijk.core.dates import today
from kansrijk.intake.choices import VisitSlot
from kansrijk.intake.models import Intake, Referral
from kansrijk.intake.selectors import visiting_times
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, ProgrammeRole, User
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.selectors import buddy_roles_with_load

from . import assignment, scoring
from .choices import Gender, ProposalStatus, WishStrength
from .languages import codes_in, language_name
from .models import BuddyProfile, MatchingWeights, MatchWishes, Proposal, split_list


@dataclass(frozen=True)
class Ranked:
    """One buddy for one household: the score and reasons, or why they cannot be proposed."""

    role: ProgrammeRole
    score: scoring.Score | None
    refusal: scoring.Refusal | None


def wishes_for(trajectory: Trajectory) -> MatchWishes:
    """The trajectory's wishes; until first saved they start from the referral and the intake.

    Wishes never saved are answered unsaved (no `pk`, nobody excluded): a read never writes.
    The services that change them save them first (`services.wishes_save`, a decline).
    """
    found = MatchWishes.objects.filter(trajectory=trajectory).first()
    if found is not None:
        return found
    referral = Referral.objects.filter(trajectory=trajectory).first()
    return first_wishes(trajectory, referral, Intake.objects.filter(trajectory=trajectory).first())


def first_wishes(
    trajectory: Trajectory, referral: Referral | None, intake: Intake | None
) -> MatchWishes:
    """The wishes before anyone wrote them down: the buddy's gender the referral asked for and
    the evening visits ticked at the intake, each a wish that would be nice (the coordinator
    asks the participant how much it matters). The household's languages count in any case
    (`seeker_for`)."""
    gender = referral.preferred_gender if referral else ""
    return MatchWishes(
        trajectory=trajectory,
        preferred_gender=gender if gender in (Gender.WOMAN, Gender.MAN) else "",
        wants_evening=bool(intake and VisitSlot.EVENINGS in intake.availability_slots),
    )


@dataclass(frozen=True)
class WishLine:
    """One wish in a short sentence, and where it comes from when nobody wrote it down."""

    text: str
    source: str = ""


def describe_wishes(trajectory: Trajectory, wishes: MatchWishes) -> list[WishLine]:
    """The wishes the buddies are scored with, in short sentences, as the proposals page lists
    them; a wish the coordinator did not write down says where it comes from."""
    unsaved = wishes.pk is None
    from_referral = _("From the referral") if unsaved else ""
    lines = []
    must = WishStrength.MUST
    if wishes.preferred_gender in (Gender.WOMAN, Gender.MAN):
        text = (
            (_("must be a woman") if wishes.gender_wish == must else _("prefers a woman"))
            if wishes.preferred_gender == Gender.WOMAN
            else (_("must be a man") if wishes.gender_wish == must else _("prefers a man"))
        )
        lines.append(WishLine(text, from_referral))
    if wishes.wants_evening:
        text = (
            _("needs evening visits")
            if wishes.evening_wish == must
            else _("would like evening visits")
        )
        lines.append(WishLine(text, _("From the intake") if unsaved else ""))
    written = split_list(wishes.languages)
    for codes, source in (
        (written, ""),
        (codes_in(trajectory.household.languages) - written, _("From the referral")),
    ):
        spoken = sorted(str(language_name(code)) for code in codes)
        if spoken:
            text = _("a buddy who speaks: %(languages)s") % {"languages": ", ".join(spoken)}
            lines.append(WishLine(text, source))
    known = [
        str(scoring.LIVED_EXPERIENCE.get(tag, tag)) for tag in split_list(wishes.lived_experience)
    ]
    if known:
        lines.append(
            WishLine(_("a buddy who knows from own life: %(what)s") % {"what": ", ".join(known)})
        )
    excluded = [str(user) for user in wishes.excluded.all()] if wishes.pk else []
    if excluded:
        lines.append(WishLine(_("never propose: %(names)s") % {"names": ", ".join(excluded)}))
    return lines


def visit_times(trajectory: Trajectory) -> str:
    """When a buddy can visit, as the intake heard it: the slots and the participant's words."""
    return visiting_times(Intake.objects.filter(trajectory=trajectory).first())


def consent_ended_on(trajectory: Trajectory) -> dt.date | None:
    """The last day of the referral's consent when that day has passed, else None."""
    referral = Referral.objects.filter(trajectory=trajectory).first()
    return _ended(referral)


def _ended(referral: Referral | None) -> dt.date | None:
    if referral is None or referral.consent_until >= today():
        return None
    return referral.consent_until


def seeker_for(
    trajectory: Trajectory, wishes: MatchWishes, excluded: Iterable[int] | None = None
) -> scoring.Seeker:
    """The scorer's view of a household; `excluded` saves the query when read for many at once."""
    if excluded is None:
        excluded = wishes.excluded.values_list("pk", flat=True) if wishes.pk else ()
    household = trajectory.household
    return scoring.Seeker(
        id=trajectory.pk,
        area=str(household.area_id),
        location=household.area.centre,
        # The languages the referrer wrote down count as much as those asked for later.
        languages=split_list(wishes.languages) | codes_in(household.languages),
        preferred_gender=wishes.preferred_gender or None,
        gender_wish=scoring.Strength(wishes.gender_wish),
        wants_evening=wishes.wants_evening,
        evening_wish=scoring.Strength(wishes.evening_wish),
        lived_experience=split_list(wishes.lived_experience),
        excluded_buddies=frozenset(excluded),
    )


def buddy_profile_for(role: ProgrammeRole) -> scoring.Buddy:
    """The scorer's view of a buddy role read by `_buddy_roles` (load, profile, readiness).

    Without a matching profile the buddy reaches the areas and speaks the languages of their
    application (`academy`), until they or the coordinator fill in the profile; a buddy with
    neither reaches no area, so they are listed as not possible. Whether the buddy is away or
    ready is the Academie's one rule (`readiness_rows`): a break counts as unavailable, and
    training not finished or a certificate of conduct missing refuse the buddy with the reason.
    """
    block = getattr(role, "academy_block", None)
    profile = getattr(role, "matching_profile", None)
    ready = {
        "unavailable": block == Block.PAUSED,
        "training_complete": block not in (Block.TRAINING, Block.UNTRAINED),
        "vog_missing": block == Block.VOG,
    }
    if profile is None:
        application = getattr(role, "application", None)
        if application is None:
            return scoring.Buddy(
                id=role.user_id, areas=frozenset(), capacity=role.capacity, load=role.load, **ready
            )
        area_ids, languages = application
        return scoring.Buddy(
            id=role.user_id,
            areas=frozenset(str(area_id) for area_id in area_ids),
            languages=codes_in(languages),
            capacity=role.capacity,
            load=role.load,
            **ready,
        )
    return scoring.Buddy(
        id=role.user_id,
        areas=frozenset(str(area.pk) for area in profile.areas.all()),
        location=profile.home_area.centre if profile.home_area else None,
        languages=split_list(profile.languages),
        gender=profile.gender,
        evening=profile.evening,
        lived_experience=split_list(profile.lived_experience),
        capacity=role.capacity,
        load=role.load,
        **ready,
    )


def programme_buddies(programme: Programme) -> QuerySet[User]:
    """The programme's active buddies, by name."""
    return User.objects.filter(
        programme_roles__programme=programme,
        programme_roles__role=Role.BUDDY,
        programme_roles__active=True,
    ).order_by("first_name", "last_name")


def weights_for(programme: Programme) -> scoring.Weights:
    """The programme's own weights, or the defaults when a coordinator never changed them."""
    found = MatchingWeights.objects.filter(programme=programme).first()
    return found.as_weights() if found else scoring.Weights()


def _buddy_roles(programme: Programme) -> list[ProgrammeRole]:
    roles = buddy_roles_with_load(programme)
    prefetch_related_objects(roles, "matching_profile__areas", "matching_profile__home_area")
    # Who the Academie holds back (a break, required courses, the certificate of conduct), and
    # the applications that stand in for a profile not filled in yet: one query, and one more
    # only when a buddy has no profile but an application.
    found = {r.user_id: r for r in readiness_rows(programme)}
    without_profile = [
        found[r.user_id].application_id
        for r in roles
        if getattr(r, "matching_profile", None) is None
        and r.user_id in found
        and found[r.user_id].application_id
    ]
    areas = application_areas(without_profile)
    for role in roles:
        readiness = found.get(role.user_id)
        role.academy_block = readiness.block if readiness else None
        role.away_until = readiness.away_until if readiness else None
        if readiness and readiness.application_id in areas:
            role.application = (areas[readiness.application_id], readiness.languages)
    return roles


@dataclass(frozen=True)
class BuddyRow:
    """One buddy on the programme's buddies page: matching's profile and the Academie's word."""

    role: ProgrammeRole
    profile: BuddyProfile | None
    scored: scoring.Buddy
    hours: Decimal
    latest: CheckIn | None
    # The names of the areas the scorer uses: the profile's, or the application's before it.
    areas: str

    @property
    def block(self) -> Block | None:
        """Why the Academie holds the buddy back from matching now, if it does."""
        return getattr(self.role, "academy_block", None)

    @property
    def languages(self) -> str:
        return ", ".join(sorted(str(language_name(code)) for code in self.scored.languages))

    @property
    def away_until(self) -> dt.date | None:
        """The last day of the buddy's break that holds today, if one does."""
        return getattr(self.role, "away_until", None)


def buddy_overview(programme: Programme) -> list[BuddyRow]:
    """Every active buddy with their profile, readiness, training hours and latest check-in:
    the coordinator's one buddies page. A fixed number of queries however many buddies."""
    roles = _buddy_roles(programme)
    hours = hours_of([role.user_id for role in roles])
    latest = latest_check_ins(programme)
    area_names = {str(pk): name for pk, name in programme.areas.values_list("pk", "name")}
    rows = []
    for role in roles:
        scored = buddy_profile_for(role)
        reached = sorted(area_names[pk] for pk in scored.areas if pk in area_names)
        rows.append(
            BuddyRow(
                role,
                getattr(role, "matching_profile", None),
                scored,
                hours.get(role.user_id, Decimal(0)),
                latest.get(role.user_id),
                ", ".join(reached),
            )
        )
    return rows


def ranked_buddies(trajectory: Trajectory, wishes: MatchWishes) -> list[Ranked]:
    """Every active buddy of the programme, best first; those who cannot be proposed last.

    A fixed number of queries: the weights, the roles with their load, their profiles, the
    profiles' areas and home areas.
    """
    programme = trajectory.household.programme
    roles = _buddy_roles(programme)
    seeker = seeker_for(trajectory, wishes)
    weights = weights_for(programme)
    ranked = []
    for role in roles:
        buddy = buddy_profile_for(role)
        ranked.append(
            Ranked(
                role=role,
                score=scoring.score(seeker, buddy, weights),
                refusal=scoring.refusal(seeker, buddy),
            )
        )
    return sorted(ranked, key=lambda r: (r.score is None, -(r.score.total if r.score else 0)))


@dataclass(frozen=True)
class Candidates:
    """The proposals page's lists. Each buddy is in one of them only, the first that holds
    them: proposed, possible, declined before, not possible. A buddy the participant passed
    over for another can be proposed again, so they are a candidate, not "declined"."""

    proposed: list[Proposal]
    possible: list[Ranked]
    declined: list[Proposal]
    impossible: list[Ranked]


def candidates(trajectory: Trajectory, wishes: MatchWishes) -> Candidates:
    """The buddies for one household, each in one list (see `Candidates`)."""
    proposals = list(trajectory.proposals.select_related("buddy").order_by("pk"))
    ranked = ranked_buddies(trajectory, wishes)
    proposed = [p for p in proposals if p.status != ProposalStatus.DECLINED]
    taken = {p.buddy_id for p in proposed}
    possible = [r for r in ranked if r.score and r.role.user_id not in taken]
    taken |= {r.role.user_id for r in possible}
    declined = []
    # The latest decline of a buddy says why they are out now.
    for proposal in reversed(proposals):
        if proposal.status == ProposalStatus.DECLINED and proposal.buddy_id not in taken:
            declined.append(proposal)
            taken.add(proposal.buddy_id)
    impossible = [r for r in ranked if r.refusal and r.role.user_id not in taken]
    return Candidates(proposed, possible, declined, impossible)


@dataclass(frozen=True)
class BatchPair:
    trajectory: Trajectory
    buddy: User
    score: scoring.Score


@dataclass(frozen=True)
class Unmatched:
    trajectory: Trajectory
    why: str


@dataclass(frozen=True)
class Round:
    """The households waiting for a first proposal and the buddies who could take them."""

    trajectories: list[Trajectory]
    seekers: list[scoring.Seeker]
    roles: list[ProgrammeRole]
    buddies: list[scoring.Buddy]
    weights: scoring.Weights = field(default_factory=scoring.Weights)
    # Waiting too, but their consent ended: ask the participant again before matching them.
    consent_ended: list[Trajectory] = field(default_factory=list)

    @property
    def buddies_with_room(self) -> int:
        return sum(1 for b in self.buddies if b.room > 0 and not b.unavailable)


@dataclass(frozen=True)
class BatchResult:
    pairs: list[BatchPair]
    unmatched: list[Unmatched]
    total: float
    greedy_total: float

    @property
    def percent_less(self) -> float:
        """How much less matching one by one scores, in percent of this proposal's total."""
        if self.total <= 0:
            return 0.0
        return max(self.total - self.greedy_total, 0.0) / self.total * 100


def waiting_round(user: User, programme: Programme) -> Round:
    """The programme's households in matching without an open proposal, with their buddies.

    A fixed number of queries however many wait: the trajectories, their wishes, the excluded
    buddies, and the buddy roles with their profiles and areas.
    """
    households = policy.visible_households(user).filter(programme=programme)
    waiting = list(
        Trajectory.objects.filter(household__in=households, phase=Phase.MATCHING)
        .exclude(proposals__status__in=[s for s in ProposalStatus if s != ProposalStatus.DECLINED])
        .select_related("household__area", "referral", "intake")
        .order_by("referred_on", "pk")
    )
    consent_ended = [t for t in waiting if _ended(getattr(t, "referral", None))]
    trajectories = [t for t in waiting if t not in consent_ended]
    wishes = {
        w.trajectory_id: w
        for w in MatchWishes.objects.filter(trajectory__in=trajectories).prefetch_related(
            "excluded"
        )
    }
    seekers = []
    for trajectory in trajectories:
        found = wishes.get(trajectory.pk)
        if found is None:
            first = first_wishes(
                trajectory,
                getattr(trajectory, "referral", None),
                getattr(trajectory, "intake", None),
            )
            seekers.append(seeker_for(trajectory, first, excluded=()))
        else:
            excluded = [u.pk for u in found.excluded.all()]
            seekers.append(seeker_for(trajectory, found, excluded=excluded))
    roles = _buddy_roles(programme)
    return Round(
        trajectories=trajectories,
        seekers=seekers,
        roles=roles,
        buddies=[buddy_profile_for(role) for role in roles],
        weights=weights_for(programme),
        consent_ended=consent_ended,
    )


def _why_unmatched(seeker: scoring.Seeker, buddies: list[scoring.Buddy]) -> str:
    refusals = Counter(scoring.refusal(seeker, buddy) for buddy in buddies)
    if not buddies:
        return _("There is no active buddy.")
    if refusals[None]:
        return _("The buddies who fit are proposed to households they fit better.")
    most, _count = refusals.most_common(1)[0]
    return _("No buddy fits; most often the buddy %(reason)s.") % {"reason": most.message}


def batch_result(found: Round, weights: scoring.Weights | None = None) -> BatchResult:
    """The best proposal for the whole round, next to matching one by one, best pair first."""
    weights = weights or found.weights
    best = assignment.optimal_assignment(found.seekers, found.buddies, weights)
    greedy = assignment.greedy_assignment(found.seekers, found.buddies, weights)
    trajectories = {t.pk: t for t in found.trajectories}
    seekers = {c.id: c for c in found.seekers}
    roles = {r.user_id: r for r in found.roles}
    buddies = {b.id: b for b in found.buddies}
    pairs = []
    for pair in best.pairs:
        result = scoring.score(seekers[pair.seeker_id], buddies[pair.buddy_id], weights)
        if result is not None:
            pairs.append(BatchPair(trajectories[pair.seeker_id], roles[pair.buddy_id].user, result))
    return BatchResult(
        pairs=pairs,
        unmatched=[
            Unmatched(trajectories[i], _why_unmatched(seekers[i], found.buddies))
            for i in best.unmatched
        ],
        total=best.total,
        greedy_total=greedy.total,
    )
