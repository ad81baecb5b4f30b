"""Buddy Building: meetings and invitations."""

from django.db.models import Count, Q, QuerySet

from ..choices import Answer
from ..models import Invitation, Meeting


def meetings_for(programmes) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(programmes__in=programmes)
        .distinct()
        .annotate(
            invited=Count("invitations", distinct=True),
            coming=Count("invitations", filter=Q(invitations__answer=Answer.YES), distinct=True),
            present=Count("invitations", filter=Q(invitations__attended=True), distinct=True),
        )
    )


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The Buddy Building before this one (of any of its programmes)."""
    return (
        Meeting.objects.filter(programmes__in=meeting.programmes.all(), on__lt=meeting.on)
        .order_by("-on")
        .first()
    )


def invitations_of(meeting: Meeting) -> list[Invitation]:
    return list(meeting.invitations.select_related("user"))
