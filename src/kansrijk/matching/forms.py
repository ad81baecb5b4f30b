"""The forms of matching: the proposal steps (each named in `action`), wishes, profiles, weights."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kansrijk.academy.models import Candidate
from kansrijk.academy.selectors import training_held
from kansrijk.access.choices import ConsentMethod
from kansrijk.core.forms import (
    ID_BOUNDS,
    IntegerField,
    ModelChoiceField,
    ModelForm,
    ModelMultipleChoiceField,
    VersionedForm,
    carry_forward,
    date_field,
)
from kansrijk.people.models import Area, ProgrammeRole, User

from .choices import Gender, Side, WishStrength
from .languages import choices as language_choices
from .languages import codes_in
from .models import BuddyProfile, MatchingWeights, MatchWishes, split_list
from .scoring import LIVED_EXPERIENCE


class ProposeForm(VersionedForm):
    buddy = IntegerField(widget=forms.HiddenInput, **ID_BOUNDS)


class ProposalForm(VersionedForm):
    proposal = IntegerField(widget=forms.HiddenInput, **ID_BOUNDS)


class IntroForm(ProposalForm):
    intro_on = date_field(_("Introduction on"))


class ConsentRenewForm(VersionedForm):
    consent_on = date_field(_("The participant said yes again on"))
    consent_method = forms.ChoiceField(label=_("How"), choices=ConsentMethod.choices)


class AnswerForm(ProposalForm):
    side = forms.ChoiceField(choices=Side.choices, widget=forms.HiddenInput)
    answer = forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))])
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


# Many short options fit two to a row on a phone.
_GRID = {"class": "choices-grid"}


def _tags(
    label: str, choices: list[tuple[str, Any]], *, grid: bool = False, **kwargs: Any
) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple(attrs=_GRID if grid else None),
        required=False,
        **kwargs,
    )


def _with_unknown(choices: list[tuple[str, Any]], codes: frozenset[str]) -> list[tuple[str, Any]]:
    """The known choices plus codes saved earlier that the list no longer names."""
    known = {code for code, _label in choices}
    return choices + [(code, code) for code in sorted(codes - known)]


class WishesForm(VersionedForm):
    """What the participant wishes of a buddy; `version` is the trajectory's."""

    preferred_gender = forms.ChoiceField(
        label=_("Does the participant prefer a woman or a man?"),
        choices=[("", _("No preference")), (Gender.WOMAN, _("a woman")), (Gender.MAN, _("a man"))],
        required=False,
    )
    gender_wish = forms.ChoiceField(
        label=_("How important is that?"), choices=WishStrength.choices, initial=WishStrength.NICE
    )
    wants_evening = forms.BooleanField(label=_("Visits in the evening"), required=False)
    evening_wish = forms.ChoiceField(
        label=_("How important are evening visits?"),
        choices=WishStrength.choices,
        initial=WishStrength.NICE,
    )
    languages = _tags(
        _("Languages the buddy could speak"),
        language_choices(),
        grid=True,
        help_text=_("The languages the referrer wrote down count too."),
    )
    lived_experience = _tags(
        _("What the buddy could know from their own life"),
        list(LIVED_EXPERIENCE.items()),
    )
    excluded = ModelMultipleChoiceField(
        label=_("Buddies the participant does not want"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs=_GRID),
        required=False,
        help_text=_("For example a neighbour or someone they know. Never proposed."),
    )

    def __init__(self, *args: Any, buddies: QuerySet[User], wishes: MatchWishes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["excluded"].queryset = buddies
        saved = {
            "languages": split_list(wishes.languages),
            "lived_experience": split_list(wishes.lived_experience),
        }
        for name, codes in saved.items():
            field = self.fields[name]
            field.choices = _with_unknown(list(field.choices), codes)
        if wishes.pk is None:
            # Nobody wrote the wishes down yet: they start from the referral and the intake.
            carry_forward(self, "preferred_gender", wishes.preferred_gender, _("From the referral"))
            carry_forward(self, "wants_evening", wishes.wants_evening, _("From the intake"))

    @staticmethod
    def initial_from(wishes: MatchWishes, version: int) -> dict[str, Any]:
        return {
            "version": version,
            "preferred_gender": wishes.preferred_gender,
            "gender_wish": wishes.gender_wish,
            "wants_evening": wishes.wants_evening,
            "evening_wish": wishes.evening_wish,
            "languages": sorted(split_list(wishes.languages)),
            "lived_experience": sorted(split_list(wishes.lived_experience)),
            "excluded": list(wishes.excluded.all()) if wishes.pk else [],
        }


class BuddyProfileForm(VersionedForm):
    """What matching knows of a buddy. Capacity and training are the coordinator's to set."""

    home_area = ModelChoiceField(
        label=_("Lives in"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("Somewhere else or not said"),
        help_text=_("Only the neighbourhood, to weigh the distance. Never the address."),
    )
    areas = ModelMultipleChoiceField(
        label=_("Neighbourhoods the buddy can reach"),
        queryset=Area.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs=_GRID),
        required=False,
    )
    languages = _tags(_("Languages"), language_choices(), grid=True)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    evening = forms.BooleanField(label=_("Can visit in the evening"), required=False)
    lived_experience = _tags(
        _("Knows from own life"),
        list(LIVED_EXPERIENCE.items()),
        help_text=_("Only what the buddy wants to share for matching."),
    )
    capacity = forms.TypedChoiceField(
        label=_("How many households at a time"),
        choices=[(1, _("one household")), (2, _("two households"))],
        coerce=int,
    )
    training_complete = forms.BooleanField(label=_("Finished the buddy training"), required=False)

    COORDINATOR_ONLY = ("capacity", "training_complete")

    def __init__(self, *args: Any, areas: QuerySet[Area], by_coordinator: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["home_area"].queryset = areas
        self.fields["areas"].queryset = areas
        if not by_coordinator:
            for name in self.COORDINATOR_ONLY:
                del self.fields[name]

    @staticmethod
    def initial_from(
        profile: BuddyProfile, role: ProgrammeRole, application: Candidate | None
    ) -> dict[str, Any]:
        """The saved profile; before its first save, the areas and languages of the buddy's
        application, which is what matching uses until then."""
        if profile.pk is None and application is not None:
            areas = list(application.areas.all())
            languages = sorted(codes_in(application.languages))
        else:
            areas = list(profile.areas.all()) if profile.pk else []
            languages = sorted(split_list(profile.languages))
        return {
            "version": profile.version,
            "home_area": profile.home_area_id,
            "areas": areas,
            "languages": languages,
            "gender": profile.gender,
            "evening": profile.evening,
            "lived_experience": sorted(split_list(profile.lived_experience)),
            "capacity": role.capacity,
            "training_complete": not training_held(role),
        }


class WeightsForm(ModelForm):
    version = IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta(ModelForm.Meta):
        model = MatchingWeights
        fields = MatchingWeights.CRITERIA
