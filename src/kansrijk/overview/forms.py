from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.access.choices import ConsentMethod, FilePart, Recipient
from kansrijk.core.forms import date_field


class ConsentForm(forms.Form):
    recipient = forms.ChoiceField(
        label=_("Who may see it?"), choices=Recipient.choices, widget=forms.RadioSelect
    )
    parts = forms.TypedMultipleChoiceField(
        label=_("Which parts?"),
        choices=FilePart.choices,
        coerce=FilePart,
        initial=[FilePart.BASIC],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The basic details are always needed: name, phase and dates."),
    )
    starts_on = date_field(_("From"))
    ends_on = date_field(_("Until"), initial=None, required=False)
    method = forms.ChoiceField(
        label=_("How did the participant give consent?"),
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
    )
