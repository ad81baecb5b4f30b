"""The network's pages, joined into the household's URLs."""

from django.urls import path

from . import views

household_patterns = [
    path("network/", views.network, name="network"),
    path("network/new/", views.network_new, name="network_new"),
    path("network/compare/", views.network_compare, name="network_compare"),
    path("network/<uuid:map_uuid>/", views.network, name="network_map"),
    path("network/<uuid:map_uuid>/edit/", views.network_map_edit, name="network_map_edit"),
    path("network/<uuid:map_uuid>/ties/new/", views.network_tie_new, name="network_tie_new"),
    path(
        "network/<uuid:map_uuid>/ties/<uuid:tie_uuid>/",
        views.network_tie_edit,
        name="network_tie_edit",
    ),
    path(
        "network/<uuid:map_uuid>/ties/<uuid:tie_uuid>/remove/",
        views.network_tie_remove,
        name="network_tie_remove",
    ),
]
