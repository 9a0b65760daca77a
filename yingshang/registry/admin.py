"""The admin site for the registry's reference data. Every save leaves an audit event."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.core.paginator import Paginator
from django.db import transaction
from django.utils.functional import cached_property

from yingshang.audit.admin import AuditedAdminMixin
from yingshang.registry.fieldgroups import ENTERPRISE_FIELD_GROUPS
from yingshang.registry.models import (
    Department,
    Enterprise,
    Qualification,
    QualificationKind,
    User,
    Zone,
)
from yingshang.registry.services.users import record_password_change

COUNT_CAP = 10_000


class CappedCountPaginator(Paginator):
    """Counts at most COUNT_CAP rows, so a changelist over a million rows never scans them all.

    Past the cap the admin shows COUNT_CAP results in pages; narrowing by search or filters
    reaches the rest.
    """

    @cached_property
    def count(self) -> int:
        return self.object_list[:COUNT_CAP].count()


class ReadOnlyInline(admin.TabularInline):
    """Rows listed on the parent's page but edited on their own page, where edits are audited."""

    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


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


class QualificationInline(ReadOnlyInline):
    model = Qualification
    fields = ("kind", "certificate_no", "valid_from", "valid_until")


@admin.register(Enterprise)
class EnterpriseAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = (
        "name",
        "uscc",
        "zone",
        "entity_type",
        "status",
        "industry_section",
        "size_class",
        "credit_risk_class",
    )
    list_filter = ("status", "entity_type", "size_class", "credit_risk_class", "zone")
    # Exact-case lookups, so PostgreSQL can use the trigram and pattern indexes (0003).
    search_fields = ("name__contains", "uscc__startswith")
    list_select_related = ("zone",)
    autocomplete_fields = ("zone",)
    readonly_fields = ("version", "created_at", "updated_at")
    show_full_result_count = False
    paginator = CappedCountPaginator
    inlines = [QualificationInline]
    fieldsets = tuple((title, {"fields": names}) for title, names in ENTERPRISE_FIELD_GROUPS)

    def save_model(self, request, obj, form, change) -> None:
        if change and form.has_changed():
            # Keep the optimistic version moving, so open edit pages see the admin's change.
            obj.version = (obj.version or 0) + 1
        super().save_model(request, obj, form, change)


@admin.register(QualificationKind)
class QualificationKindAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "code", "sort_order")
    list_editable = ("sort_order",)
    search_fields = ("name", "code")


@admin.register(Qualification)
class QualificationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("enterprise", "kind", "certificate_no", "valid_from", "valid_until")
    list_filter = ("kind",)
    search_fields = ("=enterprise__uscc", "certificate_no")
    list_select_related = ("enterprise", "kind")
    raw_id_fields = ("enterprise",)
    show_full_result_count = False
    paginator = CappedCountPaginator
