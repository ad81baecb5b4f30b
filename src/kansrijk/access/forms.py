from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import date_field

from .models import AuditAction


class AuditFilterForm(forms.Form):
    text = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_(
            "A staff member's name or user name, a household's name, or a word of what they did "
            "(for example: plan)."
        ),
    )
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All actions")), *AuditAction.choices]
    )
    since = date_field(_("From"), initial=None, required=False)
    until = date_field(_("Until"), initial=None, required=False)


class ParticipantAccountForm(forms.Form):
    email = forms.EmailField(
        label=_("The participant's e-mail address"),
        help_text=_("They get a link to choose their own password."),
    )
