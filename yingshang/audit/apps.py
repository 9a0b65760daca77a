from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "yingshang.audit"
    label = "audit"
    verbose_name = "审计日志"

    def ready(self) -> None:
        from yingshang.audit import fields

        fields.discover()
