"""The participant's rights, under households/<uuid>/rights/ (see kansrijk/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.rights, name="rights"),
    path("export.zip", views.export_zip, name="rights_export_zip"),
    path("export.pdf", views.export_pdf, name="rights_export_pdf"),
    path("erase/", views.erase, name="rights_erase"),
]
