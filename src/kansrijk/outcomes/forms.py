"""The outcome form and the closure checklist. Errors are translated; services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import DateInput, IntegerField, ModelChoiceField, date_field
from kansrijk.people.models import HouseholdMember
from kansrijk.trajectories.forms import CloseForm

from .choices import DETAILS, REQUIRED, Hours, Level, Sector, Welfare
from .models import OutcomeType
from .services import Details, Reached, TypeChange

_MISSING = {
    "hours": _("Say whether the work is full-time or part-time."),
    "welfare": _("Say what the work did to the welfare benefit (bijstand)."),
    "level": _("Choose the level of the education."),
    "sector": _("Choose the sector of the business."),
}


def _choice(label, choices, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=[("", "—"), *choices], required=False, **kwargs)


def _detail_fields() -> dict[str, forms.Field]:
    return {
        "hours": _choice(_("Working hours"), Hours.choices),
        "welfare": _choice(_("Welfare (bijstand) after this"), Welfare.choices),
        "level": _choice(_("Level"), Level.choices),
        "diploma": forms.BooleanField(label=_("Diploma earned"), required=False),
        "sector": _choice(_("Sector"), Sector.choices),
    }


class _KindSelect(forms.Select):
    """Options that say their kind (`data-kind`), so the page shows only that kind's details."""

    kinds: dict[str, str]

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        kind = getattr(self, "kinds", {}).get(str(value))
        if kind:
            option["attrs"]["data-kind"] = kind
        return option


class _TypeChoice(ModelChoiceField):
    widget = _KindSelect

    def label_from_instance(self, obj: OutcomeType) -> str:
        return str(obj.label).capitalize()


class _MemberChoice(ModelChoiceField):
    def label_from_instance(self, obj: HouseholdMember) -> str:
        return f"{obj} ({obj.get_relation_display()})"


class OutcomeForm(forms.Form):
    """Record or correct one outcome. The details asked depend on the outcome's kind."""

    outcome_type = _TypeChoice(
        label=_("What was reached?"), queryset=OutcomeType.objects.none(), empty_label=None
    )
    reached_on = date_field(_("Reached on"))
    member = _MemberChoice(
        label=_("Who in the household"),
        queryset=HouseholdMember.objects.none(),
        required=False,
        empty_label=_("The household as a whole"),
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
        help_text=_("How do you know? For example: “rental contract seen”, “letter from UWV”."),
    )

    def __init__(self, *args, types: list[OutcomeType], members: list[HouseholdMember], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_detail_fields())
        self.fields["reached_on"].widget = DateInput()
        self.fields["outcome_type"].queryset = OutcomeType.objects.filter(
            pk__in=[t.pk for t in types]
        ).order_by("position", "id")
        self.fields["outcome_type"].choices = [(t.pk, str(t.label).capitalize()) for t in types]
        self.fields["outcome_type"].widget.kinds = {str(t.pk): t.kind for t in types}
        self.fields["member"].queryset = HouseholdMember.objects.filter(
            pk__in=[m.pk for m in members]
        )
        self.fields["member"].choices = [
            ("", _("The household as a whole")),
            *((m.pk, f"{m} ({m.get_relation_display()})") for m in members),
        ]
        self.types = types

    def clean(self):
        data = super().clean()
        outcome_type = data.get("outcome_type")
        if outcome_type is not None:
            for name in REQUIRED.get(outcome_type.kind, ()):
                if not data.get(name):
                    self.add_error(name, _MISSING[name])
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "outcome_type": data["outcome_type"],
            "reached_on": data["reached_on"],
            "member": data["member"],
            "evidence": data["evidence"],
            "details": Details(
                hours=data["hours"],
                welfare=data["welfare"],
                level=data["level"],
                diploma=data["diploma"],
                sector=data["sector"],
            ),
        }


class OutcomeEditForm(OutcomeForm):
    version = IntegerField(widget=forms.HiddenInput, min_value=1)


class OutcomeRemoveForm(forms.Form):
    version = IntegerField(widget=forms.HiddenInput, min_value=1)


class ChecklistLine:
    """One outcome type on the checklist: its tick box and the details its kind asks."""

    def __init__(self, form: "CloseChecklistForm", outcome_type: OutcomeType) -> None:
        self.outcome_type = outcome_type
        self.tick = form[f"reached-{outcome_type.code}"]
        # (detail name, bound field): the name gives the field its class on the page.
        self.details = [
            (name, form[f"{outcome_type.code}-{name}"])
            for name in _detail_fields()
            if name in DETAILS.get(outcome_type.kind, ())
        ]


def ticked_lines(types: list[OutcomeType], data: dict) -> list[Reached]:
    """The checklist's ticked outcomes with their details, from the form's cleaned data."""
    return [
        Reached(
            outcome_type=t,
            details=Details(
                hours=data.get(f"{t.code}-hours", ""),
                welfare=data.get(f"{t.code}-welfare", ""),
                level=data.get(f"{t.code}-level", ""),
                diploma=data.get(f"{t.code}-diploma", False),
                sector=data.get(f"{t.code}-sector", ""),
            ),
        )
        for t in types
        if data.get(f"reached-{t.code}")
    ]


class CloseChecklistForm(CloseForm):
    """Closing a trajectory: the date and note, and the programme's outcomes to tick off."""

    nothing_reached = forms.BooleanField(label=_("None of these was reached"), required=False)

    def __init__(self, *args, types: list[OutcomeType], recorded: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.types = types
        # Outcomes recorded during the year: shown above the checklist, not offered again.
        self.recorded = recorded
        if recorded:
            self.fields["nothing_reached"].label = _("Nothing else was reached")
        for outcome_type in types:
            self.fields[f"reached-{outcome_type.code}"] = forms.BooleanField(
                label=str(outcome_type.label).capitalize(), required=False
            )
            for name, field in _detail_fields().items():
                if name in DETAILS.get(outcome_type.kind, ()):
                    self.fields[f"{outcome_type.code}-{name}"] = field
        # The checklist comes before the note, the button last.
        checklist = [name for name in self.fields if name not in ("version", "on", "note")]
        self.order_fields(["version", "on", *checklist, "note"])

    @property
    def lines(self) -> list[ChecklistLine]:
        return [ChecklistLine(self, t) for t in self.types]

    def clean(self):
        data = super().clean()
        ticked = [t for t in self.types if data.get(f"reached-{t.code}")]
        if ticked and data.get("nothing_reached"):
            self.add_error(
                "nothing_reached",
                _("Tick what was reached, or the last line: not both."),
            )
        elif not ticked and not data.get("nothing_reached"):
            self.add_error(
                "nothing_reached",
                _(
                    "Go through the checklist: tick what was reached, or the last line if nothing was."
                ),
            )
        for t in ticked:
            for name in REQUIRED.get(t.kind, ()):
                if not data.get(f"{t.code}-{name}"):
                    self.add_error(f"{t.code}-{name}", _MISSING[name])
        return data


class OutcomeTypesForm(forms.Form):
    """The programme's outcome types: own wording, on or off, order; and a new one of its own."""

    # Present on every real submit: an empty post changes nothing (it is not "all off").
    sent = forms.CharField(widget=forms.HiddenInput, initial="1")
    new_name = forms.CharField(
        label=_("Add an outcome of your own"),
        required=False,
        max_length=100,
        help_text=_("For example: “driving licence”. It is counted under this name."),
    )

    def __init__(self, *args, types: list[OutcomeType], **kwargs):
        super().__init__(*args, **kwargs)
        self.types = types
        for t in types:
            self.fields[f"name-{t.pk}"] = forms.CharField(
                label=_("Wording"),
                required=t.kind == "other",
                max_length=100,
                initial=t.name,
            )
            self.fields[f"name-{t.pk}"].widget.attrs["placeholder"] = str(t.label).capitalize()
            self.fields[f"active-{t.pk}"] = forms.BooleanField(
                label=_("Offered"), required=False, initial=t.active
            )
            self.fields[f"position-{t.pk}"] = IntegerField(
                label=_("Place"), min_value=0, max_value=999, initial=t.position
            )

    @property
    def rows(
        self,
    ) -> list[tuple[OutcomeType, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (t, self[f"name-{t.pk}"], self[f"active-{t.pk}"], self[f"position-{t.pk}"])
            for t in self.types
        ]

    def changes(self) -> dict[int, TypeChange]:
        data = self.cleaned_data
        return {
            t.pk: TypeChange(
                name=data[f"name-{t.pk}"],
                active=data[f"active-{t.pk}"],
                position=data[f"position-{t.pk}"],
            )
            for t in self.types
        }
