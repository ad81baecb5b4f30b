"""Buddy Building: the buddies' meetings, who is invited, who comes."""

import datetime as dt

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.core.models import bulk_create_checked
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, ProgrammeRole, User

from .. import rules
from ..choices import Answer
from ..models import Invitation, Meeting
from .common import require_coordinator


@transaction.atomic
def meeting_plan(
    *,
    by: User,
    programmes: list[Programme] | QuerySet[Programme],
    on: dt.date,
    starts_at: dt.time,
    place: str,
    theme: str,
) -> Meeting:
    """Plan a Buddy Building and invite every active buddy of its programmes."""
    programmes = list(programmes)
    if not programmes:
        raise Refused(_("Choose at least one programme."))
    for programme in programmes:
        require_coordinator(by, programme)
    meeting = Meeting.objects.create(
        on=on, starts_at=starts_at, place=place, theme=theme, created_by=by
    )
    meeting.programmes.set(programmes)
    buddies = (
        ProgrammeRole.objects.filter(programme__in=programmes, role=Role.BUDDY, active=True)
        .values_list("user_id", flat=True)
        .distinct()
    )
    bulk_create_checked(Invitation(meeting=meeting, user_id=u) for u in set(buddies))
    return meeting


@transaction.atomic
def rsvp(*, invitation: Invitation, by: User, answer: Answer) -> Invitation:
    """The buddy says whether they come."""
    if invitation.user_id != by.pk:
        raise Refused(_("Only the invited buddy can answer."))
    invitation.answer = answer
    invitation.save(update_fields=["answer"])
    return invitation


@transaction.atomic
def meeting_attendance(*, meeting: Meeting, by: User, present: set[int]) -> None:
    """Who came (invitation ids)."""
    if not any(rules.coordinates(by, p) for p in meeting.programmes.all()):
        raise Refused(_("Only a coordinator of this programme can do this."))
    if meeting.on > today():
        raise Refused(_("Attendance can be recorded on the day of the meeting or later."))
    meeting.invitations.filter(pk__in=present).update(attended=True)
    meeting.invitations.exclude(pk__in=present).update(attended=False)
