import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.dates import today
from kansrijk.core.forms import IntegerField, TimeInput, VersionedForm, date_field

from ..models import AppointmentKind
from .services import MAX_MINUTES, MAX_PLACE, MAX_PURPOSE, MIN_MINUTES


def _a_week_on() -> dt.date:
    """The weekly rhythm: the same day next week, unless the buddy picks another."""
    return today() + dt.timedelta(days=7)


class AppointmentForm(forms.Form):
    on = date_field(_("Date"), initial=_a_week_on)
    at = forms.TimeField(label=_("Time"), widget=TimeInput())
    minutes = IntegerField(
        label=_("How long (minutes)"),
        min_value=MIN_MINUTES,
        max_value=MAX_MINUTES,
        initial=60,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    kind = forms.ChoiceField(
        label=_("How do you meet?"),
        choices=AppointmentKind.choices,
        initial=AppointmentKind.MEET,
        widget=forms.RadioSelect,
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=MAX_PLACE,
        required=False,
        help_text=_("Only when you meet. For example: at home, at the library."),
    )
    purpose = forms.CharField(
        label=_("What is it for?"),
        max_length=MAX_PURPOSE,
        required=False,
        help_text=_("A few words, for both of you. It does not go into your calendar."),
    )

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {key: data[key] for key in ("on", "at", "minutes", "kind", "place", "purpose")}


class AppointmentMoveForm(VersionedForm, AppointmentForm):
    """The same fields, with the version of the meeting the user saw."""


class AppointmentCancelForm(VersionedForm):
    pass
