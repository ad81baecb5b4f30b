"""The guided intake: four steps to fill in, then a check of all answers before finishing.

Each step is saved on its own (see `services.intake_save_step`), so leaving halfway loses
nothing; opening the intake again resumes at the first step not saved yet. The fourth step, a
first picture of the life domains, is the start assessment: `assessments` records it, and the
intake only notes that the step was saved.
"""

from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kansrijk.people.choices import HouseholdType
from kansrijk.people.models import Household

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
    household: tuple[str, ...] = ()  # the Household fields this step fills in


STEPS = [
    Step(
        1,
        "basics",
        _("Calm at the base"),
        _("Calm"),
        ("stress_now", "stress_sources"),
        ("stress_now",),
        ("household_type", "working_poor"),
    ),
    Step(2, "wishes", _("What do you want?"), _("Wishes"), ("wishes",), ("wishes",)),
    Step(
        3,
        "strengths",
        _("Strengths and who helps"),
        _("Strengths"),
        ("strengths", "network", "availability_slots", "availability", "notes"),
    ),
    Step(4, "first-picture", _("A first picture"), _("Picture")),
]
PICTURE = STEPS[3]
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


def working_poor_words(value: bool | None) -> str:
    if value is None:
        return ""
    return str(_("Yes") if value else _("No"))


def household_answers(household: Household) -> list[tuple[str, str]]:
    """The household type and "working poor", as the check page and the file show them."""
    kind = household.household_type
    return [
        (_("Household type"), capfirst(HouseholdType(kind).label) if kind else ""),
        (_("Working poor"), working_poor_words(household.working_poor)),
    ]


def summary(
    intake: Intake | None, household: Household
) -> list[tuple[Step, list[tuple[str, str]]]]:
    """Every answer so far, per step, as the check page shows it."""
    if intake is None:
        return [(step, household_answers(household) if step.household else []) for step in STEPS]
    return [
        (
            STEPS[0],
            [
                *household_answers(household),
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
                (_("Other notes"), intake.notes),
            ],
        ),
        (
            PICTURE,
            [
                (
                    _("Life domains"),
                    _("Saved as the start assessment")
                    if PICTURE.number in intake.steps_saved
                    else "",
                )
            ],
        ),
    ]
