from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "yingshang.api"
    label = "api"
    verbose_name = "接口"

    def ready(self) -> None:
        from yingshang.api import services as events
        from yingshang.audit import verbs

        verbs.register(events.VERBS)
