from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import AreaChoiceField
from kansrijk.intake.forms import ReferralDetailsForm
from kansrijk.people.choices import HouseholdType
from kansrijk.people.models import Area

NEW_HOUSEHOLD = "new"


class PartnerReferralForm(ReferralDetailsForm):
    """The referrer's "Nieuwe aanmelding": the participant, why, and her consent, with which
    parts of her file the referring organisation may see later."""

    area = AreaChoiceField(label=_("Neighbourhood"), queryset=Area.objects.none())
    # A referrer may not know the family name yet; the intake asks.
    family_name = forms.CharField(
        label=_("Last name of the participant"), max_length=80, required=False
    )
    household_type = forms.ChoiceField(
        label=_("Who is in the household?"),
        choices=[("", _("I don't know")), *HouseholdType.choices],
        required=False,
    )
    share_basic = forms.BooleanField(label=_("basic details"), required=False)
    share_plan = forms.BooleanField(label=_("wishes and plan"), required=False)
    share_assessments = forms.BooleanField(label=_("assessments"), required=False)
    share_sensitive = forms.BooleanField(label=_("sensitive notes"), required=False)

    # The order of the page (referral_new.html), which the error summary follows.
    field_order = [
        "area",
        "given_name",
        "family_name",
        "phone",
        "email",
        "street_address",
        "postcode",
        "languages",
        "household_type",
    ]

    def __init__(self, *args, areas: QuerySet[Area], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["area"]
        field.queryset = areas.select_related("programme")
        # One neighbourhood to choose from: it is chosen already.
        if len(field.queryset) == 1:
            field.empty_label = None
        else:
            field.empty_label = _("Choose the neighbourhood")

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
