"""Mounted at /registry/import/ by yingshang/config/urls.py, namespace registry_import."""

from django.urls import path

from yingshang.enterprises import views_import

app_name = "registry_import"

urlpatterns = [
    path("", views_import.upload, name="upload"),
    path("<str:token>/commit/", views_import.commit, name="commit"),
    path("template.xlsx", views_import.template_xlsx, name="template_xlsx"),
    path("template.csv", views_import.template_csv, name="template_csv"),
    path("export/", views_import.export, name="export"),
]
