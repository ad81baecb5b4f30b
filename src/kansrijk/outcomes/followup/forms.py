"""The follow-up form: per outcome whether it still holds; the coordinator's and the portal's."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import Outcome
from .choices import Answer


def _label(outcome: Outcome) -> str:
    label = str(outcome.outcome_type.label).capitalize()
    if outcome.member_id:
        label = f"{label} ({outcome.member})"
    return label


class FollowUpForm(forms.Form):
    """The coordinator's form: an answer per outcome, or "we could not reach them"."""

    unreachable = forms.BooleanField(
        label=_("We could not reach the household"),
        required=False,
        help_text=_("Tried by phone, by e-mail and with a letter? Then tick this instead."),
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
        help_text=_("Optional. For example: “moved to a bigger house in Lewenborg”."),
    )
    choices = Answer.choices
    missing = _("Say whether “%(outcome)s” still holds.")

    def __init__(self, *args, outcomes: list[Outcome], **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = outcomes
        for outcome in outcomes:
            label = _label(outcome)
            self.fields[f"answer-{outcome.uuid}"] = forms.ChoiceField(
                label=label,
                choices=self.choices,
                widget=forms.RadioSelect,
                # Named, so the summary above the form says which answer is missing.
                error_messages={"required": self.missing % {"outcome": label}},
            )
        self.order_fields([*(f"answer-{o.uuid}" for o in outcomes), "unreachable", "note"])

    @property
    def answer_fields(self) -> list[forms.BoundField]:
        return [self[f"answer-{o.uuid}"] for o in self.outcomes]

    def clean(self):
        data = super().clean()
        if data.get("unreachable"):
            # Not reachable: no answer is asked, so a missing one is no error.
            for outcome in self.outcomes:
                self.errors.pop(f"answer-{outcome.uuid}", None)
        return data

    def answers(self) -> dict[int, str]:
        return {o.pk: self.cleaned_data.get(f"answer-{o.uuid}", "") for o in self.outcomes}


class MyFollowUpForm(FollowUpForm):
    """The participant's own form in her portal: yes or no per outcome, in her words."""

    choices = [
        (Answer.HOLDS, pgettext_lazy("participant", "Yes, still so")),
        (Answer.LOST, pgettext_lazy("participant", "No, not any more")),
    ]
    missing = pgettext_lazy("participant", "Choose yes or no at “%(outcome)s”.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["unreachable"]
        self.fields["note"].label = pgettext_lazy("participant", "Anything you want to tell us?")
        self.fields["note"].help_text = pgettext_lazy("participant", "You may leave this empty.")
