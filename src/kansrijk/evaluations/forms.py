"""The evaluation's questions, in plain words: the participant's form and the paper one."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kansrijk.core.forms import date_field

from .choices import MARKS, Bond
from .services import MAX_ANSWER, Answers


def _words(label, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=MAX_ANSWER,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EvaluationForm(forms.Form):
    """The participant's own evaluation in the portal."""

    helped = _words(pgettext_lazy("participant", "What helped you most?"))
    bond = forms.ChoiceField(
        label=pgettext_lazy("participant", "How was the contact with your buddy?"),
        choices=Bond.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    bond_words = _words(
        pgettext_lazy("participant", "Tell us more about the contact with your buddy")
    )
    improve = _words(pgettext_lazy("participant", "What should be better?"))
    mark = forms.TypedChoiceField(
        label=pgettext_lazy("participant", "What mark do you give Kansrijk? (1–10)"),
        help_text=pgettext_lazy("participant", "1 is very bad, 10 is very good."),
        choices=[(mark, str(mark)) for mark in MARKS],
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "mark-scale__input"}),
        error_messages={
            "required": pgettext_lazy("participant", "Choose a mark from 1 to 10."),
            "invalid_choice": pgettext_lazy("participant", "Choose a mark from 1 to 10."),
        },
    )

    def answers(self) -> Answers:
        data = self.cleaned_data
        return Answers(
            mark=data["mark"],
            helped=data["helped"],
            bond=data["bond"],
            bond_words=data["bond_words"],
            improve=data["improve"],
        )


class PaperEvaluationForm(EvaluationForm):
    """The same questions, typed in by the coordinator from the participant's paper form."""

    paper_dated = date_field(
        _("Date on the paper form"),
        error_messages={"required": _("Fill in the date written on the paper form.")},
    )

    field_order = ["paper_dated", "helped", "bond", "bond_words", "improve", "mark"]
