from django.urls import path

from .views import academie, buddies, buildings, selection, support

programme = "programmes/<slug:programme_slug>/academy/"

urlpatterns = [
    path(f"{programme}candidates/", selection.candidates, name="academy_candidates"),
    path(f"{programme}candidates/new/", selection.candidate_new, name="academy_candidate_new"),
    path(
        f"{programme}candidates/<uuid:candidate_uuid>/",
        selection.candidate_page,
        name="academy_candidate",
    ),
    path(
        f"{programme}candidates/<uuid:candidate_uuid>/vog/new/",
        selection.vog_scan_new,
        name="academy_vog_scan_new",
    ),
    path(
        f"{programme}candidates/<uuid:candidate_uuid>/vog/<uuid:scan_uuid>/",
        selection.vog_scan,
        name="academy_vog_scan",
    ),
    path(f"{programme}settings/", selection.academy_settings, name="academy_settings"),
    path(f"{programme}buddies/", buddies.buddies, name="academy_buddies"),
    path(f"{programme}buddies/<uuid:user_uuid>/", buddies.buddy_page, name="academy_buddy"),
    path(f"{programme}buddies/<uuid:user_uuid>/end/", buddies.buddy_end, name="academy_buddy_end"),
    path(
        f"{programme}buddies/<uuid:user_uuid>/certificate.pdf",
        buddies.buddy_certificate,
        name="academy_buddy_certificate",
    ),
    path("academy/", academie.academie, name="academie"),
    path("academy/sessions/new/", academie.session_new, name="academy_session_new"),
    path(
        "academy/sessions/<uuid:session_uuid>/",
        academie.session_page,
        name="academy_session",
    ),
    path("academy/certificate.pdf", support.own_certificate, name="academy_certificate"),
    path("buddy/check-in/", support.own_check_in, name="buddy_check_in"),
    path("buddy/break/", support.buddy_pause, name="buddy_pause"),
    path("buddy-building/", buildings.meetings, name="buddy_buildings"),
    path(
        "buddy-building/<uuid:meeting_uuid>/",
        buildings.meeting_page,
        name="buddy_building",
    ),
    path(
        "buddy-building/<uuid:meeting_uuid>/answer/",
        buildings.rsvp,
        name="buddy_building_rsvp",
    ),
]
