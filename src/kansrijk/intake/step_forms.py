"""The forms of the guided intake, one per step, and the one that finishes it.

The first picture's form is the start assessment's (`assessments.forms.IntakePictureForm`)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import VersionedForm, date_field
from kansrijk.people.choices import HouseholdType
from kansrijk.people.languages import local_name, participant_languages
from kansrijk.people.models import Household

from .choices import StressSource, VisitSlot
from .models import Intake
from .steps import STEPS, Step


class IntakeStepForm(VersionedForm):
    """One step of the guided intake: its fields are the Intake fields of that step."""

    step: Step

    @classmethod
    def initial_from(cls, intake: Intake | None) -> dict[str, Any]:
        if intake is None:
            return {}
        return {name: getattr(intake, name) for name in cls.step.fields}

    def answers(self) -> dict[str, Any]:
        """The cleaned answers, by Intake (and Household) field name."""
        return {name: self.cleaned_data[name] for name in (*self.step.fields, *self.step.household)}


YES, NO = "yes", "no"


def household_initial(household: Household) -> dict[str, Any]:
    working_poor = household.working_poor
    return {
        "household_type": household.household_type,
        "working_poor": "" if working_poor is None else (YES if working_poor else NO),
    }


class HouseholdTypeFields(forms.Form):
    """Who the household is: recorded at the intake, changed later on its own page."""

    household_type = forms.ChoiceField(
        label=_("Who lives in the household?"),
        choices=HouseholdType.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("The programme reports how many households of each type it reaches."),
    )
    working_poor = forms.TypedChoiceField(
        label=_("Does someone in the household have paid work, yet the income is not enough?"),
        choices=[(YES, _("Yes")), (NO, _("No")), ("", _("Not known"))],
        coerce=lambda value: value == YES,
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("“Working poor”: counted apart in the reports."),
    )


def _text(label: str, *, rows: int = 3, max_length: int = 3000, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=False,
        max_length=max_length,
        **kwargs,
    )


class BasicsForm(IntakeStepForm, HouseholdTypeFields):
    step = STEPS[0]
    field_order = ["household_type", "working_poor", "stress_now", "stress_sources"]
    stress_now = _text(
        _("What causes the most stress now?"),
        help_text=_("Calm at the base comes first: debts, housing, health, …"),
    )
    stress_sources = forms.MultipleChoiceField(
        label=_("Which of these apply?"),
        choices=StressSource.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    @classmethod
    def initial_from(cls, intake: Intake | None) -> dict[str, Any]:
        initial = super().initial_from(intake)
        if intake is not None:
            initial["stress_sources"] = intake.stress_source_list
        return initial

    # Stored with the household, not the intake: her pages and letters speak it from now on.
    language = forms.ChoiceField(
        label=_("In which language should their own page and letters be?"),
        choices=(),
        required=False,  # left out, the stored language stays
        help_text=_("The participant can change this later on their own page."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, f"{local_name(code)} ({name})") for code, name in participant_languages()
        ]

    def clean_stress_sources(self) -> str:
        return ",".join(self.cleaned_data["stress_sources"])


class WishesForm(IntakeStepForm):
    step = STEPS[1]
    wishes = _text(_("What do you want?"), help_text=_("Write it in the participant's own words."))


class StrengthsForm(IntakeStepForm):
    step = STEPS[2]
    strengths = _text(
        _("Strengths"), rows=2, max_length=2000, help_text=_("What is the participant good at?")
    )
    network = _text(
        _("Who helps?"),
        rows=2,
        max_length=2000,
        help_text=_("Family, neighbours, friends, a club, a church or mosque, …"),
    )
    availability_slots = forms.MultipleChoiceField(
        label=_("When can a buddy visit?"),
        choices=VisitSlot.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    availability = forms.CharField(
        label=_("Note about visits"),
        max_length=200,
        required=False,
        help_text=_("For example: not on Wednesdays, the children are home then."),
    )
    notes = _text(_("Other notes"), rows=2)


STEP_FORMS: dict[str, type[IntakeStepForm]] = {
    form.step.slug: form for form in (BasicsForm, WishesForm, StrengthsForm)
}


class HouseholdTypeForm(VersionedForm, HouseholdTypeFields):
    """The household type on its own page, for a coordinator who corrects or adds it."""

    field_order = ["household_type", "working_poor"]


class FinishIntakeForm(VersionedForm):
    held_on = date_field(_("Intake held on"))
