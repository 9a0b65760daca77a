from django.apps import AppConfig


class EnterprisesConfig(AppConfig):
    """The enterprise registry (市场主体库): search, edit, import and export of market entities.

    Its records are the kernel's `Enterprise` and `Qualification` models, which every module
    refers to; this module owns the workflows around them.
    """

    name = "yingshang.enterprises"
    label = "enterprises"
    verbose_name = "市场主体库"

    def ready(self) -> None:
        from yingshang.audit import verbs
        from yingshang.enterprises import events

        verbs.register(events.VERBS)
