from django import forms
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from kansrijk.core.dates import today
from kansrijk.core.forms import IntegerField, ModelChoiceField, date_field
from kansrijk.people.choices import Gender
from kansrijk.people.models import Area, Organisation, Programme

from .models import ConsentMethod

DIFFERENT_HOUSEHOLD = "different"
DECISION_FIELDS = ("confirm", "same_household")


def hidden_copy(*forms_: forms.Form) -> SafeString:
    """What was filled in, as hidden inputs (without ids), for a form that asks one more thing."""
    return format_html_join(
        "",
        "{}",
        (
            (form[name].as_hidden(attrs={"id": False}),)
            for form in forms_
            for name in form.fields
            if name not in DECISION_FIELDS
        ),
    )


class ReferralDetailsForm(forms.Form):
    """What every referral tells, whoever sends it: the coordinator typing one in, or a partner's
    referrer (`partners`). Each form adds its own fields and says its page's order."""

    given_name = forms.CharField(label=_("First name of the participant"), max_length=60)
    family_name = forms.CharField(label=_("Last name of the participant"), max_length=80)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    street_address = forms.CharField(label=_("Address"), max_length=150, required=False)
    postcode = forms.RegexField(
        label=_("Postcode"),
        regex=r"^\s*\d{4}\s?[A-Za-z]{2}\s*$",
        required=False,
        error_messages={"invalid": _("Fill in a Dutch postcode, for example 9736 AB.")},
    )
    languages = forms.CharField(
        label=_("Languages spoken"),
        max_length=150,
        required=False,
        help_text=_("For example: Dutch, Arabic"),
    )
    reason = forms.CharField(
        label=_("Why do you refer this household?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    stress_sources = forms.CharField(
        label=_("What causes the most stress?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("For example: debts, a letter about eviction, health."),
    )
    preferred_gender = forms.ChoiceField(
        label=_("Does the participant prefer a woman or a man as buddy?"),
        choices=[("", _("No preference")), (Gender.WOMAN, _("a woman")), (Gender.MAN, _("a man"))],
        required=False,
    )
    preferences = forms.CharField(
        label=_("Other wishes for the buddy"),
        max_length=300,
        required=False,
        help_text=_("For example: visits in the evening, has children too"),
    )
    consent_given = forms.BooleanField(
        label=_("The participant agrees to this referral and to sharing these details."),
    )
    consent_on = date_field(_("Consent given on"))
    consent_method = forms.ChoiceField(
        label=_("How was consent given?"), choices=ConsentMethod.choices, widget=forms.RadioSelect
    )

    def clean_postcode(self) -> str:
        raw = self.cleaned_data["postcode"].replace(" ", "").upper()
        return f"{raw[:4]} {raw[4:]}" if raw else ""


class ReferralForm(ReferralDetailsForm):
    area = ModelChoiceField(label=_("Neighbourhood"), queryset=Area.objects.none())
    organisation = ModelChoiceField(label=_("Referred by"), queryset=Organisation.objects.all())
    referrer_name = forms.CharField(label=_("Name of the referrer"), max_length=120, required=False)
    birth_year = IntegerField(
        label=_("Birth year of the participant"), min_value=1900, required=False
    )
    partner_given_name = forms.CharField(
        label=_("First name of the partner"),
        max_length=60,
        required=False,
        help_text=_("Leave empty if there is no partner in the household."),
    )
    partner_family_name = forms.CharField(
        label=_("Last name of the partner"), max_length=80, required=False
    )
    # The coordinator's answer when the household may already be known (see `_duplicates.html`):
    # register it anyway, or add the referral to that existing household.
    confirm = forms.ChoiceField(
        choices=[("", ""), (DIFFERENT_HOUSEHOLD, "")], required=False, widget=forms.HiddenInput
    )
    same_household = forms.UUIDField(required=False, widget=forms.HiddenInput)

    # The order of the page (refer.html), which the error summary follows; the referral's own
    # texts and the consent come after these.
    field_order = [
        "organisation",
        "referrer_name",
        "area",
        "given_name",
        "family_name",
        "birth_year",
        "phone",
        "email",
        "street_address",
        "postcode",
        "languages",
        "partner_given_name",
        "partner_family_name",
    ]

    def __init__(self, *args, programme: Programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = programme.areas.all()

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data["birth_year"]
        if year is not None and year > today().year - 16:
            raise forms.ValidationError(_("A participant is at least 16 years old."))
        return year


class ChildForm(forms.Form):
    given_name = forms.CharField(label=_("First name"), max_length=60, required=False)
    birth_year = IntegerField(label=_("Birth year"), min_value=1990, required=False)

    def clean(self) -> dict:
        data = super().clean()
        name, year = data.get("given_name"), data.get("birth_year")
        if bool(name) != (year is not None):
            raise forms.ValidationError(_("Fill in both the first name and the birth year."))
        if year is not None and year > today().year:
            raise forms.ValidationError(_("The birth year cannot be in the future."))
        return data


ChildFormSet = forms.formset_factory(ChildForm, extra=3, max_num=12, validate_max=True)
