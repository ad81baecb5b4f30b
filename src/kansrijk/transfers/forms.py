"""The forms of a transfer: where to, why; the buddy for an aftercare; why not."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import AreaChoiceField, ModelChoiceField
from kansrijk.people.choices import Role
from kansrijk.people.models import Area, Household, Programme, User

from .services import REASON_MAX


class TransferRequestForm(forms.Form):
    to_area = AreaChoiceField(
        label=_("Where does the household go?"),
        queryset=Area.objects.none(),
        empty_label=_("Choose the programme and area"),
    )
    reason = forms.CharField(
        label=_("Why?"),
        help_text=_("For example: the family moved house. Write no more than needed."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX,
    )

    def __init__(self, *args, household: Household, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        areas = Area.objects.exclude(pk=household.area_id).select_related("programme")
        self.fields["to_area"].queryset = areas.order_by("programme__name", "name")  # type: ignore[attr-defined]


class TransferAcceptForm(forms.Form):
    """Accepting needs nothing, except a buddy when the household is in its aftercare."""

    def __init__(self, *args, programme: Programme, needs_buddy: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if needs_buddy:
            self.fields["buddy"] = ModelChoiceField(
                label=_("Which buddy takes over the aftercare?"),
                queryset=User.objects.filter(
                    programme_roles__programme=programme,
                    programme_roles__role=Role.BUDDY,
                    programme_roles__active=True,
                ).order_by("first_name", "last_name"),
                empty_label=_("Choose a buddy"),
            )


class TransferDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why can your programme not take the household?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX,
    )
