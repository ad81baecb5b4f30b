from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from kansrijk.access.views import audit_log
from kansrijk.api import views as api_views
from kansrijk.assessments.intake_views import intake_picture
from kansrijk.assessments.views import record_assessment
from kansrijk.contacts.appointments import urls as appointments
from kansrijk.contacts.views import log_contact
from kansrijk.core.views import healthz, metrics, readyz
from kansrijk.documents import urls as documents
from kansrijk.escalation import urls as escalation
from kansrijk.frameworks.views import programme_framework
from kansrijk.intake import step_views as intake_steps
from kansrijk.intake import views as intake_views
from kansrijk.matching import programme_views as matching_setup
from kansrijk.matching.views import batch_matching, match, wishes
from kansrijk.network import urls as network
from kansrijk.outcomes import views as outcome_views
from kansrijk.overview import (
    buddy_building,
    consent_views,
    letter_views,
    my_consent_views,
    portal_views,
    translation_views,
)
from kansrijk.overview import views as overview
from kansrijk.plans import urls as plans
from kansrijk.rights import views as rights_views
from kansrijk.trajectories import views as journey
from kansrijk.transfers import urls as transfers

household_patterns = [
    path("", overview.household, name="household"),
    path("timeline/", overview.household_timeline, name="household_timeline"),
    path("intake/start/", journey.start_intake, name="start_intake"),
    path("intake/", intake_steps.intake, name="intake"),
    path("intake/finish/", intake_steps.intake_finish, name="intake_finish"),
    # The picture of the life domains is the start assessment: before the other steps' pattern.
    path("intake/first-picture/", intake_picture, name="intake_picture"),
    path("intake/<slug:step>/", intake_steps.intake_step, name="intake_step"),
    path("household-type/", intake_steps.household_type, name="household_type"),
    path("match/", match, name="match"),
    path("match/wishes/", wishes, name="match_wishes"),
    path("pair/", journey.pair, name="pair"),
    path("start-year/", journey.start_year, name="start_year"),
    path("aftercare/", journey.start_aftercare, name="start_aftercare"),
    path("extend/", journey.extend, name="extend"),
    path("close/", outcome_views.close, name="close"),
    path("drop-out/", journey.drop_out, name="drop_out"),
    path("contacts/new/", log_contact, name="log_contact"),
    *appointments.household_patterns,
    path("assessments/new/", record_assessment, name="record_assessment"),
    path("consent/", consent_views.consents, name="consents"),
    path("portal-account/", consent_views.portal_account, name="portal_account"),
    path("activation-letter/", letter_views.activation_letter, name="activation_letter"),
    path(
        "consent/<uuid:consent_uuid>/withdraw/",
        consent_views.withdraw_consent,
        name="withdraw_consent",
    ),
    *plans.household_patterns,
    *escalation.household_patterns,
    *network.household_patterns,
    *documents.household_patterns,
    *transfers.household_patterns,
]

urlpatterns = [
    path("", overview.home, name="home"),
    # For the operator's machines: alive, ready to take work, and Prometheus's metrics.
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),
    # Logging in and out, the second factor, password reset, single sign-on.
    path("", include("kansrijk.accounts.urls")),
    path("language/", login_not_required(set_language), name="set_language"),
    path("programmes/<slug:programme_slug>/", overview.programme, name="programme"),
    path(
        "programmes/<slug:programme_slug>/households/",
        overview.programme_households,
        name="programme_households",
    ),
    path("programmes/<slug:programme_slug>/refer/", intake_views.refer, name="refer"),
    path("programmes/<slug:programme_slug>/waiting/", overview.waiting_list, name="waiting_list"),
    path("households/<uuid:household_uuid>/", include(household_patterns)),
    path("programmes/<slug:programme_slug>/", include(escalation.programme_patterns)),
    path("", include(escalation.urlpatterns)),
    path("households/<uuid:household_uuid>/rights/", include("kansrijk.rights.urls")),
    path("", include("kansrijk.partners.urls")),
    path("my-households/", overview.buddy_home, name="buddy_home"),
    path("", include(appointments.urlpatterns)),
    path("backup/", overview.backup_home, name="backup_home"),
    path("organisation/", overview.organisation_home, name="organisation_home"),
    path("organisations/", overview.organisations, name="organisations"),
    path("", include("kansrijk.outcomes.urls")),
    path("", include("kansrijk.transfers.urls")),
    path("", include("kansrijk.evaluations.urls")),
    path("", include("kansrijk.reports.urls")),
    path("", include("kansrijk.academy.urls")),
    # The agenda combines academy and reports, so it lives in overview (the last app).
    path(
        "buddy-building/<uuid:meeting_uuid>/agenda/",
        buddy_building.buddy_building_agenda,
        name="buddy_building_agenda",
    ),
    path("programmes/<slug:programme_slug>/audit/", audit_log, name="audit_log"),
    path(
        "programmes/<slug:programme_slug>/languages/",
        translation_views.translation_status,
        name="translation_status",
    ),
    path(
        "programmes/<slug:programme_slug>/life-domains/",
        programme_framework,
        name="programme_framework",
    ),
    path("programmes/<slug:programme_slug>/matching/", batch_matching, name="batch_matching"),
    path(
        "programmes/<slug:programme_slug>/matching/weights/",
        matching_setup.matching_weights,
        name="matching_weights",
    ),
    path(
        "programmes/<slug:programme_slug>/buddies/",
        matching_setup.buddy_profiles,
        name="buddy_profiles",
    ),
    path(
        "programmes/<slug:programme_slug>/buddies/<uuid:user_uuid>/",
        matching_setup.buddy_profile,
        name="buddy_profile",
    ),
    path(
        "programmes/<slug:programme_slug>/my-buddy-profile/",
        matching_setup.own_buddy_profile,
        name="own_buddy_profile",
    ),
    path("me/", portal_views.my_file, name="my_file"),
    path("me/looked-at/", portal_views.my_reads, name="my_reads"),
    path("me/consents/", my_consent_views.my_consents, name="my_consents"),
    path(
        "me/consents/organisation/",
        my_consent_views.my_consent_organisation,
        name="my_consent_organisation",
    ),
    path("me/consents/give/", my_consent_views.my_consent_give, name="my_consent_give"),
    path("me/consents/stop/", my_consent_views.my_consent_stop, name="my_consent_stop"),
    path("me/consents/undo/", my_consent_views.my_consent_undo, name="my_consent_undo"),
    path("me/language/", portal_views.my_language, name="my_language"),
    *plans.portal_patterns,
    *documents.portal_patterns,
    path("me/my-data.zip", rights_views.my_export_zip, name="my_export_zip"),
    path("me/my-data.pdf", rights_views.my_export_pdf, name="my_export_pdf"),
    path(
        "me/consent/<uuid:consent_uuid>/withdraw/",
        portal_views.withdraw_my_consent,
        name="withdraw_my_consent",
    ),
    path(
        "programmes/<slug:programme_slug>/api-clients/",
        api_views.api_clients,
        name="api_clients",
    ),
    path(
        "programmes/<slug:programme_slug>/api-clients/<uuid:client_uuid>/stop/",
        api_views.api_client_revoke,
        name="api_client_revoke",
    ),
    # The JSON API (NL GOV API Design Rules: the major version in the path, no trailing slash).
    path("api/v1/", include("kansrijk.api.urls")),
    path("admin/", admin.site.urls),
]
