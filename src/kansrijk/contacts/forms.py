from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import IntegerField, ModelMultipleChoiceField, date_field
from kansrijk.plans.models import Goal

from .models import ContactKind


class GoalChoiceField(ModelMultipleChoiceField):
    """A goal shown by its own words, not by household and domain."""

    def label_from_instance(self, goal: Goal) -> str:
        return goal.text if len(goal.text) <= 90 else goal.text[:89] + "…"


class ContactForm(forms.Form):
    on = date_field(_("Date"))
    kind = forms.ChoiceField(
        label=_("Kind of contact"),
        choices=ContactKind.choices,
        initial=ContactKind.VISIT,
        widget=forms.RadioSelect,
    )
    minutes = IntegerField(
        label=_("Minutes"),
        min_value=1,
        max_value=480,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    note = forms.CharField(
        label=_("Short note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What did you talk about? Keep it short and factual."),
    )
    goals = GoalChoiceField(
        label=_("Worked on a goal?"),
        queryset=Goal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    worried = forms.BooleanField(label=_("I am worried about this household"), required=False)
    needs_professional = forms.BooleanField(
        label=_("The backup professional should know"),
        required=False,
        help_text=_("After saving, you can tell them what is going on."),
    )
    plan_next = forms.BooleanField(
        label=_("Plan the next meeting now"),
        required=False,
        help_text=_("After saving, you choose the day and time together."),
    )

    def __init__(
        self,
        *args: Any,
        goals: QuerySet[Goal] | None = None,
        may_plan: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if goals is not None and goals.exists():
            self.fields["goals"].queryset = goals
        else:
            del self.fields["goals"]
        if not may_plan:
            del self.fields["plan_next"]

    @staticmethod
    def service_arguments_of(data: dict[str, Any]) -> dict[str, Any]:
        """What `contact_log` takes: the form's data without the choice of where to go next."""
        return {key: value for key, value in data.items() if key != "plan_next"}
