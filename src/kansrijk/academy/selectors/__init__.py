"""Reads about buddies: who may be matched, the board, training hours, figures, check-ins.

One module per subject, as in `services`: `readiness` (the Academie's one rule of who may be
matched), `selection`, `academie`, `support` and `buildings`. Everything counts in SQL with a
fixed number of queries, whatever the number of buddies. Callers import from here.
"""

from .academie import (
    ZERO_HOURS,
    AcademyFigures,
    CourseDone,
    academy_figures,
    courses_attended,
    hours_of,
    past_sessions,
    required_courses_missing,
    required_missing,
    session_enrolments,
    upcoming_sessions,
    waiting_position,
)
from .buildings import invitations_of, meetings_for, previous_meeting
from .readiness import (
    Readiness,
    application_areas,
    application_of,
    block_of,
    readiness,
    readiness_rows,
    settings_for,
    training_held,
)
from .selection import (
    BOARD_LIMIT,
    NEWEST_ACTIVE,
    VOG_WARNING_DAYS,
    Board,
    Column,
    board,
    buddy_file,
    candidate_or_404,
    households_coached_by,
    vog_expiring,
)
from .support import (
    BuddyPage,
    buddy_page,
    check_ins_of,
    current_pause,
    is_paused,
    latest_check_ins,
    pauses_of,
)

__all__ = [
    "BOARD_LIMIT",
    "NEWEST_ACTIVE",
    "VOG_WARNING_DAYS",
    "ZERO_HOURS",
    "AcademyFigures",
    "Board",
    "BuddyPage",
    "Column",
    "CourseDone",
    "Readiness",
    "academy_figures",
    "application_areas",
    "application_of",
    "block_of",
    "board",
    "buddy_file",
    "buddy_page",
    "candidate_or_404",
    "check_ins_of",
    "courses_attended",
    "current_pause",
    "hours_of",
    "households_coached_by",
    "invitations_of",
    "is_paused",
    "latest_check_ins",
    "meetings_for",
    "past_sessions",
    "pauses_of",
    "previous_meeting",
    "readiness",
    "readiness_rows",
    "required_courses_missing",
    "required_missing",
    "session_enrolments",
    "settings_for",
    "training_held",
    "upcoming_sessions",
    "vog_expiring",
    "waiting_position",
]
