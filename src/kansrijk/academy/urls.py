from django.urls import path

from . import academie_views, views

programme = "programmes/<slug:programme_slug>/academy/"

urlpatterns = [
    path(f"{programme}candidates/", views.candidates, name="academy_candidates"),
    path(f"{programme}candidates/new/", views.candidate_new, name="academy_candidate_new"),
    path(
        f"{programme}candidates/<uuid:candidate_uuid>/",
        views.candidate_page,
        name="academy_candidate",
    ),
    path(f"{programme}settings/", views.academy_settings, name="academy_settings"),
    path(f"{programme}buddies/", views.buddies, name="academy_buddies"),
    path(f"{programme}buddies/<uuid:user_uuid>/", views.buddy_page, name="academy_buddy"),
    path(f"{programme}buddies/<uuid:user_uuid>/end/", views.buddy_end, name="academy_buddy_end"),
    path(
        f"{programme}buddies/<uuid:user_uuid>/certificate.pdf",
        views.buddy_certificate,
        name="academy_buddy_certificate",
    ),
    path("academy/", academie_views.academie, name="academie"),
    path("academy/sessions/new/", academie_views.session_new, name="academy_session_new"),
    path(
        "academy/sessions/<uuid:session_uuid>/",
        academie_views.session_page,
        name="academy_session",
    ),
    path("academy/certificate.pdf", academie_views.own_certificate, name="academy_certificate"),
    path("buddy/check-in/", academie_views.own_check_in, name="buddy_check_in"),
    path("buddy/break/", academie_views.buddy_pause, name="buddy_pause"),
    path("buddy-building/", academie_views.meetings, name="buddy_buildings"),
    path(
        "buddy-building/<uuid:meeting_uuid>/",
        academie_views.meeting_page,
        name="buddy_building",
    ),
    path(
        "buddy-building/<uuid:meeting_uuid>/answer/",
        academie_views.rsvp,
        name="buddy_building_rsvp",
    ),
]
