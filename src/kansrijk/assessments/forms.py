from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import VersionedForm, carry_forward, date_field
from kansrijk.frameworks.models import Domain, Framework

from .choices import Moment

NOTE_MAX_LENGTH = 2000


def framework_key(framework: Framework) -> str:
    return f"{framework.slug}@{framework.version}"


def _level_choice(level) -> str:
    # The step's name in bold and its plain-language description under it (escaped).
    return format_html(
        '<span class="level-choice"><strong>{} · {}</strong>'
        '<span class="level-choice__text">{}</span></span>',
        level.value,
        level.display_label,
        level.display_description,
    )


def _add_domain_fields(
    form: forms.Form, domains: list[Domain], targets: Mapping[str, int] | None
) -> None:
    """Per domain: where do you stand now, where do you want to be (from `targets`, the level
    wanted last time, when there is one), and a note."""
    for domain in domains:
        levels = list(domain.levels.all())
        form.fields[f"{domain.code}-level"] = forms.TypedChoiceField(
            label=_("Where do you stand now?"),
            choices=[(lvl.value, _level_choice(lvl)) for lvl in levels],
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose where you stand now.")},
        )
        form.fields[f"{domain.code}-wanted"] = forms.TypedChoiceField(
            label=_("Where do you want to be?"),
            choices=[
                ("", _("Choose…")),
                *((lvl.value, f"{lvl.value} · {lvl.display_label}") for lvl in levels),
            ],
            coerce=int,
            error_messages={"required": _("Choose where you want to be.")},
        )
        target = (targets or {}).get(domain.code)
        if target in {lvl.value for lvl in levels}:
            carry_forward(form, f"{domain.code}-wanted", target, _("From the previous assessment"))
        form.fields[f"{domain.code}-note"] = forms.CharField(
            label=_("Note"),
            widget=forms.Textarea(attrs={"rows": 2}),
            required=False,
            max_length=NOTE_MAX_LENGTH,
        )


class DomainsForm(forms.Form):
    """The life domains of the programme's framework, each with its three fields; the
    framework's version travels with the form, so answers never land on other domains."""

    framework = forms.CharField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        framework: Framework,
        domains: list[Domain],
        targets: Mapping[str, int] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.framework_obj = framework
        self.domains = domains
        self.initial["framework"] = framework_key(framework)
        _add_domain_fields(self, domains, targets)

    def clean(self) -> dict:
        data = super().clean()
        # The form shows one framework's domains; if the programme chose another one since it
        # was opened, the answers belong to other domains: refuse, ask to open it again.
        if data.get("framework") != framework_key(self.framework_obj):
            raise forms.ValidationError(
                _(
                    "The programme chose other life domains since this form was opened. "
                    "Open the form again."
                )
            )
        data["framework"] = self.framework_obj
        return data

    def domain_fields(self) -> list[tuple[Domain, list[forms.BoundField]]]:
        """For the template: one fieldset per domain with its three fields."""
        return [
            (domain, [self[f"{domain.code}-{part}"] for part in ("level", "wanted", "note")])
            for domain in self.domains
        ]


class AssessmentForm(DomainsForm):
    """Per domain of the programme's framework: where do you stand, where do you want to be.

    `targets` (domain code → level) are where the participant wanted to be last time: the
    form starts from them, and says so.
    """

    moment = forms.ChoiceField(label=_("Moment"), choices=Moment.choices, widget=forms.RadioSelect)
    held_on = date_field(_("Held on"))
    with_participant = forms.BooleanField(label=_("The participant"), required=False, initial=True)
    with_buddy = forms.BooleanField(label=_("The buddy"), required=False, initial=True)
    with_backup = forms.BooleanField(label=_("The backup professional"), required=False)
    note = forms.CharField(
        label=_("Note about the whole assessment"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=NOTE_MAX_LENGTH,
    )

    def __init__(self, *args: Any, next_moment: Moment = Moment.START, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("moment", next_moment)


class IntakePictureForm(VersionedForm, DomainsForm):
    """The intake's picture of the life domains, recorded as the start assessment; `version`
    is the trajectory's, like every step of the intake."""


def scores_of(data: dict) -> dict:
    """The levels and notes per domain code, from a cleaned `DomainsForm`."""
    codes = [name.removesuffix("-level") for name in data if name.endswith("-level")]
    return {
        "levels": {code: (data[f"{code}-level"], data[f"{code}-wanted"]) for code in codes},
        "notes": {code: data[f"{code}-note"] for code in codes},
    }


def service_arguments(data: dict) -> dict:
    """The form's cleaned data as the arguments of `assessment_record`."""
    return {
        "framework": data["framework"],
        "moment": data["moment"],
        "held_on": data["held_on"],
        "with_participant": data["with_participant"],
        "with_buddy": data["with_buddy"],
        "with_backup": data["with_backup"],
        "note": data["note"],
        **scores_of(data),
    }
