"""The guided intake: four steps to fill in, then a check of all answers before finishing.

Each step is saved on its own (see `services.intake_save_step`), so leaving halfway loses
nothing; opening the intake again resumes at the first step not saved yet.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from kansrijk.frameworks.models import Domain

from .choices import StressSource, VisitSlot
from .models import Intake


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    title: str
    short: str  # in the progress indicator, where five must fit on a phone
    fields: tuple[str, ...] = ()  # the Intake fields this step fills in
    required: tuple[str, ...] = ()  # what the intake cannot be finished without


STEPS = [
    Step(
        1,
        "basics",
        _("Calm at the base"),
        _("Calm"),
        ("stress_now", "stress_sources"),
        ("stress_now",),
    ),
    Step(2, "wishes", _("What do you want?"), _("Wishes"), ("wishes",), ("wishes",)),
    Step(
        3,
        "strengths",
        _("Strengths and who helps"),
        _("Strengths"),
        ("strengths", "network", "availability_slots", "availability"),
    ),
    Step(4, "first-picture", _("A first picture"), _("Picture"), ("first_picture", "notes")),
]
FINISH = Step(5, "finish", _("Check and finish"), _("Check"))
ALL_STEPS = [*STEPS, FINISH]


def step_by_slug(slug: str) -> Step | None:
    return next((step for step in STEPS if step.slug == slug), None)


def resume_step(intake: Intake | None) -> Step:
    """The first step not saved yet; the check at the end once all are."""
    saved = intake.steps_saved if intake else []
    return next((step for step in STEPS if step.number not in saved), FINISH)


def missing_step(intake: Intake | None) -> Step | None:
    """The first step whose required answers are not there yet."""
    for step in STEPS:
        if any(not (intake and getattr(intake, name).strip()) for name in step.required):
            return step
    return None


def _labels(choices: type, codes: list[str]) -> str:
    return ", ".join(str(choices(code).label) for code in codes if code in choices.values)


def _picture(domains: list[Domain], picture: dict[str, int]) -> list[tuple[str, str]]:
    """The first picture in the words of the programme's framework."""
    rows = []
    for domain in domains:
        level = next(
            (lvl for lvl in domain.levels.all() if lvl.value == picture.get(domain.code)), None
        )
        rows.append(
            (
                domain.display_name.capitalize(),
                f"{level.value} – {level.display_label}" if level else "",
            )
        )
    return rows


def summary(
    intake: Intake | None, domains: list[Domain]
) -> list[tuple[Step, list[tuple[str, str]]]]:
    """Every answer so far, per step, as the check page shows it.

    `domains`: the programme's framework with its levels (`frameworks.selectors`).
    """
    if intake is None:
        return [(step, []) for step in STEPS]
    picture = intake.first_picture
    return [
        (
            STEPS[0],
            [
                (_("What causes the most stress now?"), intake.stress_now),
                (_("What applies"), _labels(StressSource, intake.stress_source_list)),
            ],
        ),
        (STEPS[1], [(_("What do you want?"), intake.wishes)]),
        (
            STEPS[2],
            [
                (_("Strengths"), intake.strengths),
                (_("Who helps"), intake.network),
                (_("When can a buddy visit?"), _labels(VisitSlot, intake.availability_slots)),
                (_("Note about visits"), intake.availability),
            ],
        ),
        (
            STEPS[3],
            [*_picture(domains, picture), (_("Notes"), intake.notes)],
        ),
    ]
