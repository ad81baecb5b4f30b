"""A household's transfer (under its page) and a programme's transfers (mounted at the root)."""

from django.urls import path

from . import views

household_patterns = [
    path("transfer/", views.transfer_request, name="transfer_request"),
]

urlpatterns = [
    path(
        "programmes/<slug:programme_slug>/transfers/",
        views.programme_transfers,
        name="programme_transfers",
    ),
    path("transfers/<uuid:transfer_uuid>/accept/", views.transfer_accept, name="transfer_accept"),
    path(
        "transfers/<uuid:transfer_uuid>/decline/", views.transfer_decline, name="transfer_decline"
    ),
    path("transfers/<uuid:transfer_uuid>/cancel/", views.transfer_cancel, name="transfer_cancel"),
]
