from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kansrijk.core.forms import ModelChoiceField, VersionedForm, date_field
from kansrijk.frameworks.models import Domain
from kansrijk.people.models import Organisation

from .choices import ActionBy, GoalStatus
from .rules import MAX_ACTION, MAX_GOAL, MAX_NOTE, MAX_ORGANISATION_NAME, MAX_REASON

OWN_WORDS, MY_WORDS = "own", "mine"


class _DomainChoice(ModelChoiceField):
    def label_from_instance(self, domain: Domain) -> str:
        return domain.display_name.capitalize()


class GoalForm(forms.Form):
    domain = _DomainChoice(
        label=_("Life domain"),
        queryset=Domain.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a life domain.")},
    )
    text = forms.CharField(
        label=_("The goal"),
        max_length=MAX_GOAL,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Small and doable. Write it the way the participant says it."),
        error_messages={"required": _("Write the goal in a few words.")},
    )
    words = forms.ChoiceField(
        label=_("Whose words are these?"),
        choices=[
            (OWN_WORDS, _("The participant's own words")),
            (MY_WORDS, _("My words: I wrote it down for them")),
        ],
        initial=OWN_WORDS,
        widget=forms.RadioSelect,
    )
    basic_calm = forms.BooleanField(
        label=_("Calm at the base: this takes away a big worry first"),
        required=False,
        help_text=_("For example a debt freeze, keeping the home, or getting medical care."),
    )
    target_on = date_field(
        _("Target date"), error_messages={"required": _("Choose a target date.")}
    )

    def __init__(self, *args, domains: list[Domain], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["domain"]
        field.queryset = Domain.objects.filter(pk__in=[d.pk for d in domains])
        # Labels from the domains already read, instead of a query per choice.
        field.choices = [(d.pk, d.display_name.capitalize()) for d in domains]
        self.fields["target_on"].initial = None

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "domain": data["domain"],
            "text": data["text"],
            "target_on": data["target_on"],
            "basic_calm": data["basic_calm"],
            "in_own_words": data["words"] == OWN_WORDS,
        }


class GoalEditForm(GoalForm, VersionedForm):
    pass


class GoalStatusForm(VersionedForm):
    status = forms.ChoiceField(
        label=_("What happened?"),
        choices=[
            (GoalStatus.ACHIEVED, _("Achieved: the goal is reached")),
            (GoalStatus.ADJUSTED, _("Adjusted: the goal changes, we go on with it")),
            (GoalStatus.DROPPED, _("Stopped: we no longer work on this goal")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happened to the goal.")},
    )
    reason = forms.CharField(
        label=_("Why, in a few words"),
        max_length=MAX_REASON,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when you adjust or stop a goal. The participant reads this too."),
    )
    new_text = forms.CharField(
        label=_("The adjusted goal"),
        max_length=MAX_GOAL,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The earlier words are kept in the notes."),
    )
    new_target_on = date_field(_("New target date"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_target_on"].initial = None


class ActionForm(forms.Form):
    who = forms.ChoiceField(
        label=_("Who does it?"),
        choices=ActionBy.choices,
        initial=ActionBy.PARTICIPANT,
        widget=forms.RadioSelect,
    )
    what = forms.CharField(
        label=_("What will be done?"),
        max_length=MAX_ACTION,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One clear step, for example: call the Kredietbank about a payment plan."),
        error_messages={"required": _("Write what will be done.")},
    )
    due_on = date_field(
        _("By when?"), error_messages={"required": _("Choose the day it should be done by.")}
    )
    organisation = ModelChoiceField(
        label=_("Which organisation?"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("Choose an organisation"),
    )
    organisation_name = forms.CharField(
        label=_("Not in the list? Write its name"),
        max_length=MAX_ORGANISATION_NAME,
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["due_on"].initial = None


class ActionDoneForm(VersionedForm):
    DONE, OPEN = "done", "open"

    state = forms.ChoiceField(choices=[(DONE, DONE), (OPEN, OPEN)], widget=forms.HiddenInput)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("How is it going?"),
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The participant reads this too."),
        error_messages={"required": _("Write how it is going.")},
    )
    is_success = forms.BooleanField(label=_("This is a small success"), required=False)
    by_participant = forms.BooleanField(
        label=_("These are the participant's own words"), required=False
    )


class MyNoteForm(NoteForm):
    """The participant's own note in the portal: always their own words."""

    by_participant = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = _("Your buddy reads this too.")


class ProposalForm(forms.Form):
    """The participant proposes a goal in her portal, in her own words."""

    text = forms.CharField(
        label=pgettext_lazy("participant", "Your goal, in your own words"),
        max_length=MAX_GOAL,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=pgettext_lazy(
            "participant", "Something small you want to reach. Your buddy reads it."
        ),
        error_messages={
            "required": pgettext_lazy("participant", "Write your goal in a few words.")
        },
    )
    domain = _DomainChoice(
        label=pgettext_lazy("participant", "What is it about?"),
        queryset=Domain.objects.none(),
        required=False,
        empty_label=pgettext_lazy("participant", "I don't know"),
    )

    def __init__(self, *args, domains: list[Domain], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["domain"]
        field.queryset = Domain.objects.filter(pk__in=[d.pk for d in domains])
        field.choices = [("", field.empty_label)] + [
            (d.pk, d.display_name.capitalize()) for d in domains
        ]


class TakeProposalForm(VersionedForm):
    """The buddy takes her proposal into the plan: her words stay; he adds domain and date."""

    domain = _DomainChoice(
        label=_("Life domain"),
        queryset=Domain.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a life domain.")},
    )
    target_on = date_field(
        _("Target date"), error_messages={"required": _("Choose a target date.")}
    )
    basic_calm = forms.BooleanField(
        label=_("Calm at the base: this takes away a big worry first"), required=False
    )

    def __init__(self, *args, domains: list[Domain], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["domain"]
        field.queryset = Domain.objects.filter(pk__in=[d.pk for d in domains])
        field.choices = [(d.pk, d.display_name.capitalize()) for d in domains]
        self.fields["target_on"].initial = None


class DiscussProposalForm(VersionedForm):
    """Not into the plan yet: talk about it first."""
