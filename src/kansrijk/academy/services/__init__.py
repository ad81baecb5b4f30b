"""Writes about buddies, one function in a transaction each, and each checks who may do it.

One module per subject: `selection` (from application to active buddy, and the settings that
say what a buddy needs), `academie` (courses, sessions, enrolments), `buildings` (Buddy Building
meetings) and `support` (check-ins, breaks, ending as a buddy). Callers import from here.
"""

from .academie import attendance_record, enrol, enrolment_cancel, session_plan
from .buildings import meeting_attendance, meeting_plan, rsvp
from .common import require_any_coordinator, require_coordinator
from .selection import (
    activation_blocks,
    agreement_sign,
    buddy_file_make,
    candidate_accept,
    candidate_activate,
    candidate_apply,
    candidate_erase,
    candidate_reject,
    erase_expired_candidates,
    interview_record,
    reference_check,
    rejection_text,
    settings_save,
    vog_expiry,
    vog_receive,
    vog_request,
    vog_scan_add,
)
from .support import buddy_end, check_in_record, pause_end, pause_record, training_hold_set

__all__ = [
    "activation_blocks",
    "agreement_sign",
    "attendance_record",
    "buddy_end",
    "buddy_file_make",
    "candidate_accept",
    "candidate_activate",
    "candidate_apply",
    "candidate_erase",
    "candidate_reject",
    "check_in_record",
    "enrol",
    "enrolment_cancel",
    "erase_expired_candidates",
    "interview_record",
    "meeting_attendance",
    "meeting_plan",
    "pause_end",
    "pause_record",
    "reference_check",
    "rejection_text",
    "require_any_coordinator",
    "require_coordinator",
    "rsvp",
    "session_plan",
    "settings_save",
    "training_hold_set",
    "vog_expiry",
    "vog_receive",
    "vog_request",
    "vog_scan_add",
]
