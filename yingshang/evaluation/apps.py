from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "yingshang.evaluation"
    label = "evaluation"
    verbose_name = "营商环境评价"

    def ready(self) -> None:
        from yingshang.audit import verbs
        from yingshang.evaluation import events

        verbs.register(events.VERBS, legacy=events.LEGACY_VERBS)
