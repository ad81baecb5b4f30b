"""A household's planned meetings (under /households/<uuid>/) and the buddy's calendar."""

from django.urls import path

from . import views

household_patterns = [
    path("appointments/new/", views.appointment_new, name="appointment_new"),
    path(
        "appointments/<uuid:appointment_uuid>/",
        views.appointment_edit,
        name="appointment_edit",
    ),
    path(
        "appointments/<uuid:appointment_uuid>/cancel/",
        views.appointment_cancel,
        name="appointment_cancel",
    ),
    path(
        "appointments/<uuid:appointment_uuid>/afspraak.ics",
        views.appointment_ics,
        name="appointment_ics",
    ),
]

urlpatterns = [
    path("my-calendar/", views.calendar_feed, name="calendar_feed"),
    # The secret is the whole permission: calendar apps fetch it without logging in.
    path("calendar/<slug:feed_token>.ics", views.calendar_feed_ics, name="calendar_feed_ics"),
]
