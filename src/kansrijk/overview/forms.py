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


class ConsentTapForm(forms.Form):
    """One tap on the participant's consent page: give or stop one part for one recipient.

    `seen` is what the page showed (`access.services.seen_token`), so a change made meanwhile
    in another tab is refused instead of overwritten.
    """

    recipient = forms.TypedChoiceField(
        choices=Recipient.choices, coerce=Recipient, widget=forms.HiddenInput
    )
    part = forms.TypedChoiceField(
        choices=FilePart.choices, coerce=FilePart, widget=forms.HiddenInput
    )
    seen = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)


class ConsentUndoForm(forms.Form):
    """Names the change to undo by its consents' UUIDs (all checked to be hers)."""

    recipient = forms.ChoiceField(choices=Recipient.choices, widget=forms.HiddenInput)
    given = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    ended = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
