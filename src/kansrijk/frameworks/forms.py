from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Framework


def _key(framework: Framework) -> str:
    return f"{framework.slug}@{framework.version}"


def _choice_label(framework: Framework) -> str:
    count = len(framework.domains.all())
    return format_html(
        '<span class="level-choice"><strong>{}</strong><span class="level-choice__text">{} {}'
        "</span></span>",
        framework.display_name,
        ngettext("%(count)s life domain.", "%(count)s life domains.", count) % {"count": count},
        framework.display_description,
    )


class FrameworkChoiceForm(forms.Form):
    """Which framework the programme's new assessments use; carries the one seen as chosen."""

    framework = forms.ChoiceField(
        label=_("Life domains for new assessments"), widget=forms.RadioSelect
    )
    current = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, options: list[Framework], current: Framework, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.options = {_key(f): f for f in options}
        self.fields["framework"].choices = [(_key(f), _choice_label(f)) for f in options]
        self.initial.setdefault("framework", _key(current))
        self.initial["current"] = _key(current)
        self.current = current

    def clean_framework(self) -> Framework:
        return self.options[self.cleaned_data["framework"]]

    def clean(self) -> dict:
        # Someone else chose since this page was opened: refuse instead of overwriting theirs.
        # (The service checks again under a lock, for the moment between this and the save.)
        data = super().clean()
        if data.get("current") != _key(self.current):
            raise forms.ValidationError(
                _(
                    "Someone else chose other life domains in the meantime: %(name)s. "
                    "Look at the page again and then choose."
                )
                % {"name": self.current}
            )
        data["current"] = self.current
        return data
