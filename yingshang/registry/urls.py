from django.urls import path

from yingshang.registry import views

app_name = "registry"

urlpatterns = [
    path("enterprises/", views.enterprise_list, name="enterprise_list"),
    path("my-enterprise/", views.my_enterprise, name="my_enterprise"),
]
