"""The small forms on the proposals page; each names the step it takes in `action`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import VersionedForm, date_field

from .choices import Side


class ProposeForm(VersionedForm):
    buddy = forms.IntegerField(widget=forms.HiddenInput)


class ProposalForm(VersionedForm):
    proposal = forms.IntegerField(widget=forms.HiddenInput)


class IntroForm(ProposalForm):
    intro_on = date_field(_("Introduction on"))


class AnswerForm(ProposalForm):
    side = forms.ChoiceField(choices=Side.choices, widget=forms.HiddenInput)
    answer = forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))])
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
