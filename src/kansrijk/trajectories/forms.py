from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.core.dates import add_months, long_date, today
from kansrijk.core.forms import ModelChoiceField, VersionedForm, date_field
from kansrijk.people.models import Programme, ProgrammeRole, User

from .choices import DropOutReason, ExtensionReason, Phase
from .models import Trajectory
from .selectors import backup_professionals, buddy_roles_with_load
from .services import extension_limit


def _buddy_label(role: ProgrammeRole) -> str:
    return _("%(name)s (coaches %(load)s of %(capacity)s)") % {
        "name": role.user,
        "load": role.load,
        "capacity": role.capacity,
    }


class PairForm(VersionedForm):
    buddy = ModelChoiceField(
        label=_("Buddy"),
        queryset=User.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        help_text=_("Only buddies with room for another household are shown."),
    )
    backup = ModelChoiceField(
        label=_("Backup professional"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("The buddy's usual backup professional"),
    )
    paired_on = date_field(
        _("Both said yes on"),
        help_text=_("The year starts later, at the first meeting: the buddy or you start it."),
    )

    def __init__(self, *args, programme: Programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        with_room = [r for r in buddy_roles_with_load(programme) if r.load < r.capacity]
        buddy = self.fields["buddy"]
        buddy.queryset = User.objects.filter(pk__in=[r.user_id for r in with_room])
        # Labels from the loads already counted, instead of a query per choice.
        buddy.choices = [(r.user_id, _buddy_label(r)) for r in with_room]
        self.fields["backup"].queryset = backup_professionals(programme)


class StartYearForm(VersionedForm):
    start_on = date_field(
        _("Day of the first meeting"),
        help_text=_(
            "The year of coaching counts from this day: halfway, the end and the aftercare."
        ),
    )


class AftercareForm(VersionedForm):
    start_on = date_field(_("Aftercare starts on"))


class CloseForm(VersionedForm):
    on = date_field(_("Closed on"))
    note = forms.CharField(
        label=_("How did the year go?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
        help_text=_("A few words for the file: what went well, what was reached."),
    )


class DropOutForm(VersionedForm):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=DropOutReason.choices, widget=forms.RadioSelect
    )
    on = date_field(_("Stopped on"))
    note = forms.CharField(
        label=_("Explanation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class StartIntakeForm(VersionedForm):
    pass


class ExtendForm(VersionedForm):
    """A new end for the running active year or aftercare, with the reason."""

    new_end = date_field(_("New end"))
    reason = forms.ChoiceField(
        label=_("Why does the buddy stay longer?"),
        choices=ExtensionReason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Explanation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("What the extra time is for."),
    )

    def __init__(self, *args, trajectory: Trajectory, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        active = trajectory.phase == Phase.ACTIVE
        current = trajectory.active_year_ends_on if active else trajectory.aftercare_ends_on
        if current is None:
            return
        latest = extension_limit(trajectory)
        field = self.fields["new_end"]
        field.label = _("New end of the active year") if active else _("New end of the aftercare")
        field.initial = min(add_months(max(current, today()), 3), latest)
        field.help_text = _("Now it ends on %(current)s. The latest possible end: %(latest)s.") % {
            "current": long_date(current),
            "latest": long_date(latest),
        }
