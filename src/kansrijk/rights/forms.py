import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.people.models import Household

# Letters that have no accent to drop, but that a Dutch keyboard does not have either.
_PLAIN_LETTERS = str.maketrans({"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O"})


def _folded(text: str) -> str:
    """'  AYŞE  Yılmaz' → 'ayse yilmaz': no accents, capitals or extra spaces."""
    plain = unicodedata.normalize("NFKD", text.translate(_PLAIN_LETTERS))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(plain.split()).casefold()


def _same_name(typed: str, name: str) -> bool:
    """Typed as shown, give or take accents, capitals and spaces."""
    return _folded(typed) == _folded(name)


class EraseForm(forms.Form):
    """Erasing cannot be undone: the coordinator types the name and says why."""

    reason = forms.CharField(
        label=_("Why is the household erased?"),
        max_length=200,
        help_text=_(
            "For example: the participant asked for it by phone on 3 June. "
            "Write no personal details: this reason is kept."
        ),
    )
    confirm_name = forms.CharField(
        label=_("Type the name of the household to confirm"),
        max_length=150,
    )

    def __init__(self, *args, household: Household, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.household = household
        self.fields["confirm_name"].help_text = _("Type: %(name)s") % {
            "name": household.display_name
        }

    def clean_confirm_name(self) -> str:
        typed = self.cleaned_data["confirm_name"]
        if not _same_name(typed, self.household.display_name):
            raise forms.ValidationError(
                _("This is not the name of the household. Type it as it is shown.")
            )
        return typed
