from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kansrijk.access.choices import ConsentMethod, FilePart, Recipient
from kansrijk.access.selectors import consent_organisations
from kansrijk.core.forms import ModelChoiceField, date_field


class ConsentForm(forms.Form):
    """The coordinator or buddy records a consent: to a kind of professional, or to the people
    of an organisation the participant names (chosen from the list)."""

    recipient = forms.TypedChoiceField(
        label=_("Who may see it?"),
        choices=Recipient.choices,
        coerce=Recipient,
        widget=forms.RadioSelect,
    )
    organisation = ModelChoiceField(
        label=_("Which organisation?"),
        queryset=consent_organisations(),
        to_field_name="slug",
        required=False,
        empty_label=_("Choose an organisation"),
        help_text=_("Only for a named organisation: all its people may then see these parts."),
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

    def clean(self) -> dict:
        data = super().clean()
        named = data.get("recipient") == Recipient.ORGANISATION
        if named and not data.get("organisation") and "organisation" not in self.errors:
            self.add_error("organisation", _("Choose the organisation that may see it."))
        if data.get("organisation") and data.get("recipient") and not named:
            self.add_error(
                "organisation",
                _(
                    "An organisation is only named for 'a named organisation'. Choose that, or "
                    "leave the organisation empty."
                ),
            )
        return data


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
    # For a named organisation: which one, by its slug (the service checks she may name it).
    organisation = ModelChoiceField(
        queryset=consent_organisations(),
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
    )


class OrganisationChoiceForm(forms.Form):
    """The participant picks an organisation to read about, before she allows it anything."""

    organisation = ModelChoiceField(
        label=pgettext_lazy("participant", "Which organisation?"),
        queryset=consent_organisations(),
        to_field_name="slug",
        empty_label=pgettext_lazy("participant", "Choose an organisation"),
        error_messages={
            "required": pgettext_lazy("participant", "Choose an organisation from the list."),
            "invalid_choice": pgettext_lazy("participant", "Choose an organisation from the list."),
        },
    )


class ConsentUndoForm(forms.Form):
    """Names the change to undo by its consents' UUIDs (all checked to be hers)."""

    recipient = forms.ChoiceField(choices=Recipient.choices, widget=forms.HiddenInput)
    organisation = forms.SlugField(required=False, max_length=50, widget=forms.HiddenInput)
    given = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    ended = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
