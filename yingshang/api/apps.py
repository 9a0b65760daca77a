from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "yingshang.api"
    label = "api"
    verbose_name = "接口"
