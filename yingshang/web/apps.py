from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "yingshang.web"
    label = "web"
    verbose_name = "门户"
