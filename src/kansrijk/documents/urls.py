"""The documents' pages, joined into the household's URLs and the participant's own."""

from django.urls import path

from . import views

household_patterns = [
    path("documents/", views.documents, name="household_documents"),
    path("documents/<uuid:document_uuid>/", views.document, name="household_document"),
    path(
        "documents/<uuid:document_uuid>/remove/",
        views.document_remove,
        name="household_document_remove",
    ),
]

portal_patterns = [
    path("me/documents/<uuid:document_uuid>/", views.my_document, name="my_document"),
]
