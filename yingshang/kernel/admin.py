"""The admin site for the organisation: zones, departments, users. Every save leaves an audit
event."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.db import transaction

from yingshang.audit.admin import AuditedAdminMixin
from yingshang.kernel.models import Department, Notification, User, Zone
from yingshang.kernel.services.users import record_password_change
from yingshang.lib.admin import ReadOnlyInline


class DepartmentInline(ReadOnlyInline):
    model = Department
    fields = ("code", "name", "short_name", "is_office", "sort_order", "is_active")


@admin.register(Zone)
class ZoneAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "code", "kind", "province", "city", "hosted")
    list_filter = ("hosted", "kind", "province")
    search_fields = ("name", "code", "city")
    inlines = [DepartmentInline]


@admin.register(Department)
class DepartmentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "short_name", "code", "zone", "is_office", "sort_order", "is_active")
    list_filter = ("zone", "is_office", "is_active")
    list_editable = ("sort_order",)
    search_fields = ("name", "short_name", "code")
    list_select_related = ("zone",)
    autocomplete_fields = ("zone",)


@admin.register(User)
class PlatformUserAdmin(AuditedAdminMixin, UserAdmin):
    list_display = ("username", "full_name", "role", "zone", "department", "is_active", "is_staff")
    list_filter = ("role", "zone", "is_active", "is_staff")
    search_fields = ("username", "full_name", "phone", "email")
    list_select_related = ("zone", "department")
    autocomplete_fields = ("zone", "department")
    raw_id_fields = ("enterprise",)
    ordering = ("username",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("full_name", "phone", "email")}),
        ("角色与归属", {"fields": ("role", "zone", "department", "enterprise")}),
        (
            "权限",
            {
                "fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions"),
                "classes": ("collapse",),
            },
        ),
        ("登录记录", {"fields": ("last_login", "date_joined"), "classes": ("collapse",)}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2"),
            },
        ),
        ("个人信息", {"fields": ("full_name", "phone", "email")}),
        ("角色与归属", {"fields": ("role", "zone", "department", "enterprise", "is_staff")}),
    )

    def user_change_password(self, request, id, form_url=""):
        """The admin's password form bypasses save_model, so its event is recorded here."""
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                user = self.get_object(request, unquote(id))
                record_password_change(actor=request.user, user=user, reason="管理后台")
        return response


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: notifications are written by the services that send them."""

    list_display = ("user", "verb", "text", "created_at", "read_at", "emailed")
    list_filter = ("verb",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
