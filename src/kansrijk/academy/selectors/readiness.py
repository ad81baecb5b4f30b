"""Whether a buddy may be matched: the Academie's one rule, which matching, reminders and the
buddies page all ask."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from kansrijk.core.dates import today
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, ProgrammeRole, User

from ..choices import Block
from ..models import AcademySettings, Candidate, Enrolment, Pause, TrainingHold


def settings_for(programme: Programme) -> AcademySettings:
    """The programme's settings, or the defaults (nothing required) when none were saved."""
    found = AcademySettings.objects.filter(programme=programme).first()
    return found or AcademySettings(programme=programme)


@dataclass(frozen=True)
class Readiness:
    """One active buddy as matching needs them from the Academie."""

    user_id: int
    block: Block | None
    # The last day of the break that holds now (the latest, when breaks overlap), else None.
    away_until: dt.date | None
    # The buddy's application (in this programme), whose areas and languages stand in for a
    # matching profile not filled in yet.
    application_id: int | None
    languages: str


def readiness_rows(
    programme: Programme, on: dt.date | None = None, *, only: User | None = None
) -> list[Readiness]:
    """Every active buddy of the programme (or `only` this one) with why they may not be
    matched now, if so.

    A break comes first, then the required courses, then the coordinator's "training not
    finished" (`TrainingHold`), then the certificate of conduct (VOG). A programme without
    settings requires no course and no VOG, so only breaks and holds count there. One query.
    """
    on = on or today()
    required = AcademySettings.required_courses.through.objects.filter(
        academysettings__programme_id=OuterRef("programme_id")
    )
    application = Candidate.objects.filter(user_id=OuterRef("user_id"), programme=programme)
    roles = ProgrammeRole.objects.filter(programme=programme, role=Role.BUDDY, active=True)
    if only is not None:
        roles = roles.filter(user=only)
    rows = roles.annotate(
        away_until=Subquery(
            Pause.objects.filter(user_id=OuterRef("user_id"), starts_on__lte=on, ends_on__gte=on)
            .order_by("-ends_on")
            .values("ends_on")[:1]
        ),
        held=Exists(TrainingHold.objects.filter(role_id=OuterRef("pk"))),
        requires_vog=Coalesce(
            Subquery(
                AcademySettings.objects.filter(programme_id=OuterRef("programme_id")).values(
                    "requires_vog"
                )[:1]
            ),
            Value(False),
        ),
        vog_valid=Exists(
            Candidate.objects.filter(
                user_id=OuterRef("user_id"),
                vog_received_on__isnull=False,
                vog_expires_on__gte=on,
            )
        ),
        required=Coalesce(
            Subquery(
                required.order_by()
                .values("academysettings_id")
                .annotate(n=Count("course_id"))
                .values("n")[:1]
            ),
            Value(0),
        ),
        attended=Coalesce(
            Subquery(
                Enrolment.objects.filter(
                    user_id=OuterRef("user_id"),
                    attended=True,
                    session__course_id__in=Subquery(
                        AcademySettings.required_courses.through.objects.filter(
                            academysettings__programme_id=OuterRef(OuterRef("programme_id"))
                        ).values("course_id")
                    ),
                )
                .order_by()
                .values("user_id")
                .annotate(n=Count("session__course_id", distinct=True))
                .values("n")[:1]
            ),
            Value(0),
        ),
        application_id=Subquery(application.values("pk")[:1]),
        application_languages=Subquery(application.values("languages")[:1]),
    ).values_list(
        "user_id",
        "away_until",
        "held",
        "requires_vog",
        "vog_valid",
        "required",
        "attended",
        "application_id",
        "application_languages",
    )
    found = []
    for row in rows:
        user_id, away_until, held, requires_vog, vog_valid, required_n, attended, app, lang = row
        block = None
        if away_until is not None:
            block = Block.PAUSED
        elif attended < required_n:
            block = Block.TRAINING
        elif held:
            block = Block.UNTRAINED
        elif requires_vog and not vog_valid:
            block = Block.VOG
        found.append(Readiness(user_id, block, away_until, app, lang or ""))
    return found


def readiness(programme: Programme, on: dt.date | None = None) -> dict[int, Block]:
    """The programme's active buddies who may not be matched now, each with the first reason."""
    return {r.user_id: r.block for r in readiness_rows(programme, on) if r.block}


def block_of(buddy: User, programme: Programme) -> Block | None:
    """Why this buddy may not be matched in the programme now, if so (as `readiness`)."""
    rows = readiness_rows(programme, only=buddy)
    return rows[0].block if rows else None


def training_held(role: ProgrammeRole) -> bool:
    """Whether a coordinator said this buddy has not finished the buddy training."""
    return TrainingHold.objects.filter(role=role).exists()


def application_of(role: ProgrammeRole) -> Candidate | None:
    """The buddy's application in the role's programme, whose areas and languages are where
    their matching profile starts."""
    return (
        Candidate.objects.filter(user_id=role.user_id, programme_id=role.programme_id)
        .prefetch_related("areas")
        .first()
    )


def application_areas(application_ids: list[int]) -> dict[int, set[int]]:
    """Area ids per application; no query when there is none to read."""
    if not application_ids:
        return {}
    found: dict[int, set[int]] = {i: set() for i in application_ids}
    through = Candidate.areas.through.objects.filter(candidate_id__in=application_ids)
    for candidate_id, area_id in through.values_list("candidate_id", "area_id"):
        found[candidate_id].add(area_id)
    return found
