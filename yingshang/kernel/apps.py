from django.apps import AppConfig


class KernelConfig(AppConfig):
    """Organisation (zones, departments, users, enterprises as parties), access rules,
    versioned updates and notifications.

    The app label stays "registry": the tables, the migrations and the custom user model
    (AUTH_USER_MODEL = "registry.User") were created under it, and a user model cannot change
    its app label without rewriting every foreign key to it.
    """

    name = "yingshang.kernel"
    label = "registry"
    verbose_name = "组织与用户"
