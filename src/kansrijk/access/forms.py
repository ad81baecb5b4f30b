from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import DateInput

from .models import AuditAction


class AuditFilterForm(forms.Form):
    text = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("A user name, a household's name or a word from the description."),
    )
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All actions")), *AuditAction.choices]
    )
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("Until"), required=False, widget=DateInput())


class ParticipantAccountForm(forms.Form):
    email = forms.EmailField(
        label=_("The participant's e-mail address"),
        help_text=_("They get a link to choose their own password."),
    )
