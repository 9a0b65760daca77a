from django.urls import path

from yingshang.calendars import views

app_name = "calendars"

urlpatterns = [
    path("", views.calendar, name="calendar"),
]
