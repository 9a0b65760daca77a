"""Mounted at /appeals/ by yingshang/config/urls.py, namespace appeals."""

from django.urls import path

from yingshang.appeals.views import detail, intake, lists

app_name = "appeals"

urlpatterns = [
    path("", lists.appeal_index, name="appeal_index"),
    path("new/", intake.appeal_create, name="appeal_create"),
    path("<int:appeal_id>/", detail.appeal_detail, name="appeal_detail"),
    path("<int:appeal_id>/act/", detail.appeal_act, name="appeal_act"),
]
