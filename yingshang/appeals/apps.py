from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "yingshang.appeals"
    label = "appeals"
    verbose_name = "诉求办理"

    def ready(self) -> None:
        from yingshang.appeals import events
        from yingshang.audit import verbs

        verbs.register(events.VERBS)
