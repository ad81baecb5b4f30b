from collections.abc import Callable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import ModelChoiceField, VersionedForm, date_field, submit
from kansrijk.people.models import Organisation, User

from .choices import SignalKind, TagKind
from .models import BarrierTag


class SignalForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of signal?"),
        choices=SignalKind.choices,
        initial=SignalKind.QUESTION,
        widget=forms.RadioSelect,
    )
    description = forms.CharField(
        label=_("What is going on?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences: what you saw or heard, and what you need from the backup."),
    )


class CrisisGuidanceForm(VersionedForm):
    text = forms.CharField(
        label=_("What should a buddy do when safety is at stake?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Shown with every urgent signal, under 112 and Veilig Thuis, which always show. "
            "Empty: the standard text."
        ),
    )
    crisis_line = forms.CharField(
        label=_("Crisis line of the programme"),
        max_length=30,
        required=False,
        help_text=_("A phone number that answers when the backup professional cannot."),
    )


class StepForm(VersionedForm):
    """A step that needs nothing but the version the user saw: pick up, close."""


class AnswerForm(VersionedForm):
    answer = forms.CharField(
        label=_("Answer for the buddy"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PassOnForm(VersionedForm):
    organisation = ModelChoiceField(
        label=_("Passed on to"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Another organisation (write its name)"),
    )
    organisation_name = forms.CharField(
        label=_("Name of the organisation"), max_length=100, required=False
    )
    note = forms.CharField(
        label=_("What was passed on, and what happens next"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, organisations, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class CoverForm(forms.Form):
    backup = ModelChoiceField(
        label=_("Who is away?"), queryset=User.objects.none(), empty_label=None
    )
    colleague = ModelChoiceField(
        label=_("Which colleague takes the signals?"),
        queryset=User.objects.none(),
        empty_label=None,
    )
    starts_on = date_field(_("From"))
    ends_on = date_field(_("Until (the last day away)"), initial=None)

    def __init__(self, *args: Any, backups, colleagues, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["backup"].queryset = backups
        self.fields["colleague"].queryset = colleagues
        only = list(backups[:2])
        if len(only) == 1:
            # A backup professional records their own absence: no choice to make.
            self.fields["backup"].widget = forms.HiddenInput()
            self.fields["backup"].initial = only[0].pk


# The life domains are short words: two to a row on a phone (the matching forms' grid). The
# tags stay one to a row: "Kinderopvangtoeslag" does not fit half a phone.
_GRID = {"class": "choices-grid"}


def _tag_choices(tags: list[BarrierTag]) -> list[tuple[int, str]]:
    return [(tag.pk, tag.display_name) for tag in tags]


class CaseForm(forms.Form):
    """Opening a case: the barrier, what blocks, and the tags for the learning register."""

    barrier = forms.CharField(
        label=_("The barrier in plain words"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What is the participant stuck on? As the participant would say it."),
    )
    blocking_rule = forms.CharField(
        label=_("The rule or agency that blocks"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    barrier_types = forms.TypedMultipleChoiceField(
        label=_("Kind of barrier"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agencies = forms.TypedMultipleChoiceField(
        label=_("Agencies involved"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opened_on = date_field(_("Opened on"))

    def __init__(self, *args: Any, tags: dict[str, list[BarrierTag]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tags = {tag.pk: tag for kind in tags.values() for tag in kind}
        self.fields["barrier_types"].choices = _tag_choices(tags[TagKind.BARRIER])
        self.fields["agencies"].choices = _tag_choices(tags[TagKind.AGENCY])

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["barrier_types"] = [self.tags[pk] for pk in data["barrier_types"]]
        data["agencies"] = [self.tags[pk] for pk in data["agencies"]]
        return data


class CaseEditForm(CaseForm, VersionedForm):
    """Keeping a case up to date, up to the solution and the lesson for policy."""

    solution = forms.CharField(
        label=_("The tailored solution"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    decided_by = forms.CharField(
        label=_("Who decided it"),
        max_length=150,
        required=False,
        help_text=_("For example: the team leader of income services."),
    )
    costs = forms.DecimalField(
        label=_("Costs in euros"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        help_text=_("Only when the solution cost money, for example a debt paid off."),
    )
    solved_on = date_field(_("Solved on"), initial=None, required=False)
    freed_domains = forms.MultipleChoiceField(
        label=_("What it freed up on other life domains"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=_GRID),
    )
    lesson = forms.CharField(
        label=_("Lesson for policy"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What should change in a rule or way of working? Write it without names: the "
            "learning register shows it to policy makers."
        ),
    )

    # The solution first: that is what this form is mostly opened for.
    field_order = [
        "solution",
        "decided_by",
        "solved_on",
        "costs",
        "freed_domains",
        "lesson",
        "barrier",
        "blocking_rule",
        "barrier_types",
        "agencies",
        "opened_on",
    ]

    def __init__(self, *args: Any, domains: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["freed_domains"].choices = domains


def run(form: forms.Form, call: Callable[[dict[str, Any]], Any]) -> Any:
    """Like `core.forms.submit`, but answer what the service made (None when refused)."""
    made: list[Any] = []
    return made[0] if submit(form, lambda data: made.append(call(data))) else None
