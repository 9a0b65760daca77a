"""Mounted at /registry/import/ by yingshang/config/urls.py, namespace registry_import."""

from django.urls import path

from yingshang.enterprises.views import imports as views

app_name = "registry_import"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("<str:token>/commit/", views.commit, name="commit"),
    path("template.xlsx", views.template_xlsx, name="template_xlsx"),
    path("template.csv", views.template_csv, name="template_csv"),
    path("export/", views.export, name="export"),
]
