from django.urls import path

from . import views

urlpatterns = [
    path("figures/", views.figures, name="figures"),
    path(
        "programmes/<slug:programme_slug>/report/", views.programme_report, name="programme_report"
    ),
    path("programmes/<slug:programme_slug>/results/", views.results, name="results"),
    path("programmes/<slug:programme_slug>/cost-benefit/", views.cost_benefit, name="cost_benefit"),
    path(
        "programmes/<slug:programme_slug>/cost-benefit/edit/",
        views.cost_benefit_edit,
        name="cost_benefit_edit",
    ),
    path(
        "programmes/<slug:programme_slug>/downloads/<slug:report_kind>.<slug:file_format>",
        views.report_download,
        name="report_download",
    ),
]
