"""The agenda of a Buddy Building, filled with the progress since the last one.

The period ends on the last day of the month before the meeting, and its figures show once
that day has passed (`agenda_until`): a fixed period per meeting, so no two agendas can be
subtracted from each other.

Per programme of the meeting: per neighbourhood the participants now, started, finished and
dropped out since the previous Buddy Building (`reports.dashboard.journeys_per_area_table`, the
dashboard's table too), and what the Academie did (`academy.selectors.academy_figures`), each as
a `ReportTable` with the programme's small-cell suppression applied, so the agenda shows the
same figures as the reports. Lives in `overview` because it combines `academy` and `reports`.
"""

import datetime as dt
from dataclasses import dataclass
from uuid import UUID

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kansrijk.academy.models import Meeting
from kansrijk.academy.selectors import academy_figures, previous_meeting
from kansrijk.access import policy
from kansrijk.core.dates import long_date, today
from kansrijk.people.choices import Role
from kansrijk.people.models import Area, Programme
from kansrijk.reports.dashboard import journeys_per_area_table
from kansrijk.reports.suppression import suppress_together, suppression_note, threshold_for
from kansrijk.reports.tables import ReportTable


@dataclass
class ProgrammeAgenda:
    programme: Programme
    areas: ReportTable
    academy: ReportTable
    note: str

    @staticmethod
    def labelled(table: ReportTable) -> list[list[tuple[str, object]]]:
        """Each cell with its column heading, for tables that stack on a phone."""
        return [list(zip(table.columns, row, strict=True)) for row in table.rows]

    @property
    def area_rows(self) -> list[list[tuple[str, object]]]:
        return self.labelled(self.areas)

    @property
    def academy_rows(self) -> list[list[tuple[str, object]]]:
        return self.labelled(self.academy)


def area_table(programme: Programme, *, since: dt.date | None, until: dt.date) -> ReportTable:
    """Progress per neighbourhood as a table, with a total row, before suppression."""
    return journeys_per_area_table(
        Area.objects.filter(programme=programme),
        since=since,
        until=until,
        caption=_("Progress per neighbourhood"),
        area_heading=_("Neighbourhood"),
        counts=[
            ("coached", _("Participants now")),
            ("started", _("Started")),
            ("finished", _("Finished")),
            ("dropped_out", _("Dropped out")),
        ],
        total=_("All neighbourhoods"),
    )


def academy_table(programme: Programme, *, since: dt.date | None, until: dt.date) -> ReportTable:
    found = academy_figures(programme, since=since, until=until)
    return ReportTable(
        caption=_("Buddy Academie"),
        columns=[
            _("Sessions"),
            _("Attendances"),
            _("Training hours"),
            _("Buddies trained"),
            _("External trainees"),
        ],
        rows=[
            [
                found.sessions_held,
                found.attendances,
                found.training_hours,
                found.buddies_trained,
                found.external_trainees,
            ]
        ],
        count_columns=frozenset({3, 4}),
    )


def agenda_until(meeting: Meeting) -> dt.date:
    """The last day the agenda counts: the end of the last whole month before the meeting.

    A period that grew up to today would change from day to day, and two days' agendas,
    laid side by side, would give back what happened in between, hidden counts included. So
    each meeting counts one fixed period, and shows it once that period is over.
    """
    return meeting.on.replace(day=1) - dt.timedelta(days=1)


def agenda(meeting: Meeting) -> tuple[Meeting | None, list[ProgrammeAgenda]]:
    """The previous meeting and, per programme, the figures from it to `agenda_until`; no
    figures while that day has not passed."""
    previous = previous_meeting(meeting)
    since = previous.on if previous else None
    until = agenda_until(meeting)
    if until >= today():
        return previous, []
    found = []
    for programme in meeting.programmes.order_by("name"):
        threshold = threshold_for(programme)
        areas, academy = suppress_together(
            [
                area_table(programme, since=since, until=until),
                academy_table(programme, since=since, until=until),
            ],
            threshold,
        )
        found.append(
            ProgrammeAgenda(
                programme=programme, areas=areas, academy=academy, note=suppression_note(threshold)
            )
        )
    return previous, found


def _meeting_or_404(request: HttpRequest, meeting_uuid: UUID) -> Meeting:
    """Coordinators of the meeting's programmes, and the buddies invited to it."""
    coordinated = policy.programmes_with_role(request.user, Role.COORDINATOR)
    return get_object_or_404(
        Meeting.objects.filter(
            Q(programmes__in=coordinated) | Q(invitations__user=request.user)
        ).distinct()
        if request.user.is_authenticated
        else Meeting.objects.none(),
        uuid=meeting_uuid,
    )


@require_GET
def buddy_building_agenda(request: HttpRequest, meeting_uuid: UUID) -> HttpResponse:
    """The agenda, ready to print: welcome, progress per neighbourhood, Academie, the theme."""
    meeting = _meeting_or_404(request, meeting_uuid)
    previous, programmes = agenda(meeting)
    until = agenda_until(meeting)
    context = {
        "meeting": meeting,
        "previous": previous,
        "programmes": programmes,
        "period": (
            _("from the Buddy Building of %(date)s to %(until)s")
            % {"date": long_date(previous.on), "until": long_date(until)}
            if previous
            else _("from the start to %(until)s") % {"until": long_date(until)}
        ),
        "figures_from": until + dt.timedelta(days=1),
        "runs": policy.programmes_with_role(request.user, Role.COORDINATOR)
        .filter(pk__in=meeting.programmes.values("pk"))
        .exists(),
    }
    return render(request, "overview/buddy_building_agenda.html", context)
