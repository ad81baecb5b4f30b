from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import date_field

from .models import ContactKind


class ContactForm(forms.Form):
    on = date_field(_("Date"))
    kind = forms.ChoiceField(
        label=_("Kind of contact"),
        choices=ContactKind.choices,
        initial=ContactKind.VISIT,
        widget=forms.RadioSelect,
    )
    minutes = forms.IntegerField(label=_("Minutes"), min_value=1, max_value=480, required=False)
    note = forms.CharField(
        label=_("Short note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What did you talk about? Keep it short and factual."),
    )
