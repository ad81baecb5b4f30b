"""The plan's pages: household pages (joined into the household's URLs) and the portal's."""

from django.urls import path

from . import portal_views, proposal_views, views

household_patterns = [
    path("plan/", views.plan, name="plan"),
    path("plan/print/", views.plan_print, name="plan_print"),
    path("plan/goals/new/", views.goal_new, name="goal_new"),
    path("plan/goals/<uuid:goal_uuid>/edit/", views.goal_edit, name="goal_edit"),
    path("plan/goals/<uuid:goal_uuid>/status/", views.goal_status, name="goal_status"),
    path("plan/goals/<uuid:goal_uuid>/actions/new/", views.action_new, name="action_new"),
    path("plan/goals/<uuid:goal_uuid>/notes/new/", views.note_new, name="note_new"),
    path("plan/actions/<uuid:action_uuid>/done/", views.action_done, name="action_done"),
    path("plan/notes/<uuid:note_uuid>/celebrate/", views.note_celebrate, name="note_celebrate"),
    path(
        "plan/proposals/<uuid:proposal_uuid>/take/",
        proposal_views.proposal_take,
        name="proposal_take",
    ),
    path(
        "plan/proposals/<uuid:proposal_uuid>/discuss/",
        proposal_views.proposal_discuss,
        name="proposal_discuss",
    ),
]

portal_patterns = [
    path("me/plan/proposals/new/", proposal_views.my_proposal_new, name="my_proposal_new"),
    path("me/plan/print/", portal_views.my_plan_print, name="my_plan_print"),
    path(
        "me/plan/goals/<uuid:goal_uuid>/notes/new/",
        portal_views.my_note_new,
        name="my_note_new",
    ),
    path(
        "me/plan/actions/<uuid:action_uuid>/done/",
        portal_views.my_action_done,
        name="my_action_done",
    ),
]
