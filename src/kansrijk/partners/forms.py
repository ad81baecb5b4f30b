from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kansrijk.access.choices import ConsentMethod
from kansrijk.core.forms import ModelChoiceField, date_field
from kansrijk.people.choices import Gender, HouseholdType
from kansrijk.people.models import Area

NEW_HOUSEHOLD = "new"


class AreaChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        return f"{obj.programme} – {obj.name}"


class PartnerReferralForm(forms.Form):
    """The referrer's "Nieuwe aanmelding": the participant, why, and her consent."""

    area = AreaChoiceField(label=_("Neighbourhood"), queryset=Area.objects.none())
    given_name = forms.CharField(label=_("First name of the participant"), max_length=60)
    family_name = forms.CharField(
        label=_("Last name of the participant"), max_length=80, required=False
    )
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
    household_type = forms.ChoiceField(
        label=_("Who is in the household?"),
        choices=[("", _("I don't know")), *HouseholdType.choices],
        required=False,
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
    share_basic = forms.BooleanField(label=_("basic details"), required=False)
    share_plan = forms.BooleanField(label=_("wishes and plan"), required=False)
    share_assessments = forms.BooleanField(label=_("assessments"), required=False)
    share_sensitive = forms.BooleanField(label=_("sensitive notes"), required=False)

    def __init__(self, *args, areas: QuerySet[Area], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["area"]
        field.queryset = areas.select_related("programme")
        # One neighbourhood to choose from: it is chosen already.
        if len(field.queryset) == 1:
            field.empty_label = None
        else:
            field.empty_label = _("Choose the neighbourhood")

    def clean_postcode(self) -> str:
        raw = self.cleaned_data["postcode"].replace(" ", "").upper()
        return f"{raw[:4]} {raw[4:]}" if raw else ""

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("consent_given")
        return data


class AcceptForm(forms.Form):
    """The coordinator's answer to "Is this the same household?": one of them, or a new one."""

    household = forms.CharField(max_length=40)

    def __init__(self, *args, choices: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.allowed = {NEW_HOUSEHOLD, *choices}

    def clean_household(self) -> str:
        value = self.cleaned_data["household"]
        if value not in self.allowed:
            raise forms.ValidationError(_("Choose one of the households, or a new household."))
        return value


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you not accept this referral?"),
        help_text=_("The referrer reads this. Write nothing about the household they do not know."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )
