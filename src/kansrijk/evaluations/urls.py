"""The evaluation's pages (mounted at the root)."""

from django.urls import path

from . import views

urlpatterns = [
    path("me/evaluation/", views.my_evaluation, name="my_evaluation"),
    path("programmes/<slug:programme_slug>/evaluations/", views.evaluations, name="evaluations"),
    path(
        "programmes/<slug:programme_slug>/evaluations/<uuid:evaluation_uuid>/",
        views.evaluation,
        name="evaluation",
    ),
    path(
        "households/<uuid:household_uuid>/evaluation/paper/",
        views.evaluation_paper,
        name="evaluation_paper",
    ),
]
