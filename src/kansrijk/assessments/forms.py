from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.forms import date_field

from .choices import Domain, Level, Moment


class AssessmentForm(forms.Form):
    moment = forms.ChoiceField(label=_("Moment"), choices=Moment.choices, widget=forms.RadioSelect)
    held_on = date_field(_("Held on"))
    with_backup = forms.BooleanField(label=_("The backup professional took part"), required=False)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )

    def __init__(self, *args, next_moment: Moment = Moment.START, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("moment", next_moment)
        choices = [("", _("Choose…")), *Level.choices]
        for domain in Domain:
            self.fields[f"{domain}_level"] = forms.TypedChoiceField(
                label=_("%(domain)s: where do you stand now?")
                % {"domain": domain.label.capitalize()},
                choices=choices,
                coerce=int,
            )
            self.fields[f"{domain}_wanted"] = forms.TypedChoiceField(
                label=_("%(domain)s: where do you want to be?")
                % {"domain": domain.label.capitalize()},
                choices=choices,
                coerce=int,
            )

    def domain_pairs(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        """For the template: one fieldset per domain with its two questions."""
        return [
            (domain.label, self[f"{domain}_level"], self[f"{domain}_wanted"]) for domain in Domain
        ]


def service_arguments(data: dict) -> dict:
    """Turn the form's flat fields into the arguments of `assessment_record`."""
    return {
        "moment": data["moment"],
        "held_on": data["held_on"],
        "with_backup": data["with_backup"],
        "note": data["note"],
        "levels": {d.value: (data[f"{d}_level"], data[f"{d}_wanted"]) for d in Domain},
    }
