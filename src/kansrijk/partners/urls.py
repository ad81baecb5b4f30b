"""The referrer's pages (their referrals) and the coordinator's inbox of referrals."""

from django.urls import path

from . import views

urlpatterns = [
    path("referrals/", views.my_referrals, name="my_referrals"),
    path("referrals/new/", views.referral_new, name="referral_new"),
    path("referrals/<uuid:referral_uuid>/", views.my_referral, name="my_referral"),
    path(
        "programmes/<slug:programme_slug>/referrals/", views.referral_inbox, name="referral_inbox"
    ),
    path(
        "programmes/<slug:programme_slug>/referrals/<uuid:referral_uuid>/",
        views.incoming_referral,
        name="incoming_referral",
    ),
    path(
        "programmes/<slug:programme_slug>/referrals/<uuid:referral_uuid>/decline/",
        views.referral_decline,
        name="referral_decline",
    ),
]
