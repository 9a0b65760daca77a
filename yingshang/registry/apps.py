from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "yingshang.registry"
    label = "registry"
    verbose_name = "组织与市场主体库"
