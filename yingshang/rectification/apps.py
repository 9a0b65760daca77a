from django.apps import AppConfig


class RectificationConfig(AppConfig):
    name = "yingshang.rectification"
    label = "rectification"
    verbose_name = "整改提升"

    def ready(self) -> None:
        from yingshang.audit import verbs
        from yingshang.rectification import events

        verbs.register(events.VERBS, legacy=events.LEGACY_VERBS)
