from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import VersionedForm, date_field

from .choices import Flow, Moment, Strength, TieKind
from .models import NetworkMap
from .services import MAX_NAME, MAX_NOTE, MAX_STRENGTHS

# Many short options fit two to a row on a phone.
_GRID = {"class": "choices-grid"}
PERSON, ORGANISATION = "person", "organisation"
EMPTY = "empty"


def _strengths_field() -> forms.CharField:
    return forms.CharField(
        label=_("What goes well"),
        max_length=MAX_STRENGTHS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The household's own strengths, beside the problems: what they are good at, what "
            "gives them energy. The participant reads this too."
        ),
    )


class MapFieldsForm(forms.Form):
    moment = forms.ChoiceField(
        label=_("Which moment?"),
        choices=Moment.choices,
        widget=forms.RadioSelect(attrs=_GRID),
    )
    drawn_on = date_field(_("Date"))
    strengths = _strengths_field()


class NewMapForm(MapFieldsForm):
    """A new moment; it starts as a copy of an earlier map, or empty."""

    start_from = forms.ChoiceField(
        label=_("Start from"),
        widget=forms.RadioSelect,
        help_text=_("A copy of an earlier map is quickest: then change what is different now."),
    )

    field_order = ["moment", "drawn_on", "start_from", "strengths"]

    def __init__(self, *args, maps: list[NetworkMap], **kwargs) -> None:
        """`maps`: the year's maps as `selectors.maps_of` gives them (with their `label`)."""
        super().__init__(*args, **kwargs)
        latest_first = list(reversed(maps))
        self.fields["start_from"].choices = [
            (m.uuid.hex, _("A copy of %(name)s") % {"name": m.label}) for m in latest_first
        ] + [(EMPTY, _("An empty map"))]
        self.fields["start_from"].initial = latest_first[0].uuid.hex if maps else EMPTY
        self.maps = {m.uuid.hex: m for m in maps}
        taken = {m.moment for m in maps}
        self.fields["moment"].initial = next(
            (m for m in (Moment.START, Moment.HALFWAY, Moment.END) if m not in taken),
            Moment.OTHER,
        )
        if not maps:
            # The first map starts empty: there is nothing to choose.
            self.fields["start_from"].widget = forms.HiddenInput()
            return
        self.fields["strengths"].help_text = format_lazy(
            "{} {}",
            _("Leave it empty to keep what the copied map says."),
            self.fields["strengths"].help_text,
        )

    def copy_from(self) -> NetworkMap | None:
        return self.maps.get(self.cleaned_data["start_from"])


class MapEditForm(MapFieldsForm, VersionedForm):
    pass


class TieForm(forms.Form):
    name = forms.CharField(
        label=_("Who is it?"),
        max_length=MAX_NAME,
        help_text=_(
            "A first name or a role only, for example “zus”, “buurvrouw Els” or “huisarts”. "
            "No surnames."
        ),
    )
    who = forms.ChoiceField(
        label=_("A person or an organisation?"),
        choices=[(PERSON, _("a person")), (ORGANISATION, _("an organisation"))],
        initial=PERSON,
        widget=forms.RadioSelect(attrs=_GRID),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=TieKind.choices,
        widget=forms.RadioSelect(attrs=_GRID),
    )
    strength = forms.ChoiceField(
        label=_("How strong is the tie?"),
        choices=Strength.choices,
        initial=Strength.NORMAL,
        widget=forms.RadioSelect,
    )
    flow = forms.ChoiceField(
        label=_("What does it do for the household?"),
        choices=Flow.choices,
        initial=Flow.SUPPORT,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Short note"),
        max_length=MAX_NOTE,
        required=False,
        help_text=_("For example: “picks the children up on Wednesdays”."),
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "kind": data["kind"],
            "is_organisation": data["who"] == ORGANISATION,
            "strength": data["strength"],
            "flow": data["flow"],
            "note": data["note"],
        }


class TieEditForm(TieForm, VersionedForm):
    pass


class TieRemoveForm(VersionedForm):
    pass
