from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import (
    IntegerField,
    ModelChoiceField,
    ModelForm,
    ModelMultipleChoiceField,
    TimeInput,
    UploadField,
    VersionedForm,
    date_field,
)

from .choices import Answer, PauseReason, Scale
from .models import Candidate, Course


class CandidateForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = Candidate
        fields = [
            "given_name",
            "family_name",
            "email",
            "phone",
            "motivation",
            "social_experience",
            "lived_experience",
            "languages",
            "areas",
            "availability",
        ]
        widgets = {
            "motivation": forms.Textarea(attrs={"rows": 3}),
            "social_experience": forms.Textarea(attrs={"rows": 3}),
            "lived_experience": forms.Textarea(attrs={"rows": 3}),
            "areas": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = programme.areas.all()
        self.fields["email"].required = False

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone"):
            raise forms.ValidationError(_("Write an e-mail address or a phone number."))
        return data


class InterviewForm(VersionedForm):
    held_on = date_field(_("Date of the interview"))
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(VersionedForm):
    reason = forms.CharField(label=_("Reason for the decision"), max_length=300)


class RejectForm(VersionedForm):
    reason = forms.CharField(label=_("Reason for the decision"), max_length=300)
    message = forms.CharField(
        label=_("Message to the candidate"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Sent by e-mail when there is an address; kept with the decision."),
    )


class DateStepForm(VersionedForm):
    on = date_field(_("Date"))


class VogForm(VersionedForm):
    received_on = date_field(_("Received on"))
    expires_on = date_field(
        _("Valid until"),
        initial=None,
        required=False,
        help_text=_("Leave empty to use the programme's period."),
    )


class ReferenceForm(VersionedForm):
    on = date_field(_("Checked on"))
    note = forms.CharField(label=_("What the references said"), max_length=300)


class SettingsForm(VersionedForm):
    required_courses = ModelMultipleChoiceField(
        label=_("Courses required before matching"),
        queryset=Course.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    requires_vog = forms.BooleanField(
        label=_("A valid certificate of conduct (VOG) is required before matching"),
        required=False,
    )
    vog_valid_years = IntegerField(
        label=_("A certificate of conduct counts for (years)"), min_value=1, max_value=10
    )
    rejected_retention_days = IntegerField(
        label=_("Keep a rejected candidate's data for (days)"), min_value=1, max_value=730
    )


class SessionForm(forms.Form):
    course = ModelChoiceField(label=_("Course"), queryset=Course.objects.all())
    on = date_field(_("Date"))
    starts_at = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=150)
    trainer = forms.CharField(label=_("Trainer"), max_length=120)
    capacity = IntegerField(label=_("Places"), min_value=1, max_value=200)
    hours = forms.DecimalField(
        label=_("Hours"), min_value=Decimal("0.5"), max_value=Decimal("40"), decimal_places=1
    )


class EnrolBuddyForm(forms.Form):
    user = ModelChoiceField(label=_("Buddy or trainee"), queryset=None)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people


class ExternalForm(forms.Form):
    external_name = forms.CharField(label=_("Name"), max_length=120)
    external_organisation = forms.CharField(label=_("Organisation"), max_length=120)


class MeetingForm(forms.Form):
    on = date_field(_("Date"))
    starts_at = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=150)
    theme = forms.CharField(label=_("Theme"), max_length=150, initial="Doorbraaknetwerk")
    programmes = ModelMultipleChoiceField(
        label=_("Invite the buddies of"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programmes"].queryset = programmes
        self.fields["programmes"].initial = list(programmes)


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Are you coming?"),
        choices=[(Answer.YES, Answer.YES.label), (Answer.NO, Answer.NO.label)],
    )


class CheckInForm(forms.Form):
    on = date_field(_("Date"))
    load = forms.TypedChoiceField(
        label=_("How heavy is it (1 light, 5 heavy)"),
        choices=Scale.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    wellbeing = forms.TypedChoiceField(
        label=_("How are you doing (1 bad, 5 good)"),
        choices=Scale.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


class PauseForm(forms.Form):
    starts_on = date_field(_("From"))
    ends_on = date_field(_("Until"), initial=None)
    reason = forms.ChoiceField(label=_("Reason"), choices=PauseReason.choices)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The break cannot end before it starts."))
        return data


class EndForm(forms.Form):
    """Per household the buddy coaches: who takes over, or back to the waiting list."""

    WAITING = "waiting"
    reason = forms.CharField(label=_("Why the buddy stops"), max_length=300)

    def __init__(self, *args, trajectories, buddies, **kwargs):
        super().__init__(*args, **kwargs)
        self.trajectories = trajectories
        choices = [("", _("Choose…")), (self.WAITING, _("Back to the waiting list"))]
        choices += [(str(u.uuid), str(u)) for u in buddies]
        self.buddies = {str(u.uuid): u for u in buddies}
        for trajectory in trajectories:
            self.fields[f"t{trajectory.pk}"] = forms.ChoiceField(
                label=trajectory.household.display_name, choices=choices
            )

    def handovers(self) -> dict:
        found = {}
        for trajectory in self.trajectories:
            value = self.cleaned_data[f"t{trajectory.pk}"]
            found[trajectory.pk] = None if value == self.WAITING else self.buddies[value]
        return found


class VogScanForm(forms.Form):
    file = UploadField(label=_("Scan of the VOG"))
