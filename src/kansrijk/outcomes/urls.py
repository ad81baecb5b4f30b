"""The outcomes' household pages and the programme's outcome types (mounted at the root)."""

from django.urls import path

from . import views
from .followup import views as follow_up_views

urlpatterns = [
    path(
        "programmes/<slug:programme_slug>/outcome-types/",
        views.outcome_types,
        name="outcome_types",
    ),
    path("households/<uuid:household_uuid>/outcomes/", views.outcomes, name="outcomes"),
    path("households/<uuid:household_uuid>/outcomes/new/", views.outcome_new, name="outcome_new"),
    path(
        "households/<uuid:household_uuid>/outcomes/<uuid:outcome_uuid>/",
        views.outcome_edit,
        name="outcome_edit",
    ),
    path(
        "households/<uuid:household_uuid>/outcomes/<uuid:outcome_uuid>/remove/",
        views.outcome_remove,
        name="outcome_remove",
    ),
    path(
        "programmes/<slug:programme_slug>/follow-ups/",
        follow_up_views.follow_ups_due,
        name="follow_ups_due",
    ),
    path(
        "households/<uuid:household_uuid>/follow-up/",
        follow_up_views.follow_up,
        name="follow_up",
    ),
    path("me/follow-up/", follow_up_views.my_follow_up, name="my_follow_up"),
]
