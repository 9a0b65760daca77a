"""Mounted at /evaluation/ by yingshang/config/urls.py, namespace evaluation."""

from django.urls import path

from yingshang.evaluation.views import analysis, downloads, runs

app_name = "evaluation"

urlpatterns = [
    path("", runs.run_list, name="run_list"),
    path("datasets/upload/", runs.dataset_upload, name="dataset_upload"),
    path("datasets/template.csv", downloads.data_template, name="data_template"),
    path("runs/new/", runs.run_create, name="run_create"),
    path("runs/<int:run_id>/", runs.run_detail, name="run_detail"),
    path("runs/<int:run_id>/units/", analysis.unit_pick, name="unit_pick"),
    path("runs/<int:run_id>/units/<path:unit>/", analysis.unit_detail, name="unit_detail"),
    path("runs/<int:run_id>/what-if/", analysis.what_if_page, name="what_if"),
    path("runs/<int:run_id>/what-if/best-moves/", analysis.best_moves_page, name="best_moves"),
    path("runs/<int:run_id>/robustness/", analysis.robustness_page, name="robustness"),
    path("runs/<int:run_id>/report.docx", downloads.report_docx, name="report_docx"),
    path("runs/<int:run_id>/report.xlsx", downloads.report_xlsx, name="report_xlsx"),
    path("runs/<int:run_id>/scores.csv", downloads.scores_csv, name="scores_csv"),
]
