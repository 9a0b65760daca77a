from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo zone: `yingshang demo` builds it by calling each module's demo builder."""

    name = "yingshang.demo"
    label = "demo"
    verbose_name = "演示数据"
