from django.apps import AppConfig


class RectificationConfig(AppConfig):
    name = "yingshang.rectification"
    label = "rectification"
    verbose_name = "整改提升"
