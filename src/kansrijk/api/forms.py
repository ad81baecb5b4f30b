import datetime as dt

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kansrijk.core.dates import today
from kansrijk.core.forms import ModelChoiceField, date_field
from kansrijk.people.models import Organisation

from .choices import ApiScope


class ApiClientForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the connection"),
        max_length=80,
        help_text=_("For example: the referral system of the WIJ-team."),
    )
    organisation = ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name")
    )
    scopes = forms.MultipleChoiceField(
        label=_("What may it do?"),
        choices=ApiScope.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    expires_on = date_field(
        _("Works until"),
        help_text=_("At most a year from today. Then make a new key."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The last whole day within the limit (the key ends at the end of that day).
        self.fields["expires_on"].initial = today() + dt.timedelta(
            days=settings.API_KEY_MAX_DAYS - 1
        )
