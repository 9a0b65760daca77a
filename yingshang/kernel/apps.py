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

    def ready(self) -> None:
        # Logins, logouts and lockouts belong in the audit trail; django-axes does the counting.
        from axes.signals import user_locked_out
        from django.contrib.auth import signals

        from yingshang.kernel import signals as handlers

        signals.user_logged_in.connect(handlers.on_logged_in, dispatch_uid="audit_logged_in")
        signals.user_logged_out.connect(handlers.on_logged_out, dispatch_uid="audit_logged_out")
        signals.user_login_failed.connect(
            handlers.on_login_failed, dispatch_uid="audit_login_failed"
        )
        user_locked_out.connect(handlers.on_locked_out, dispatch_uid="audit_locked_out")
