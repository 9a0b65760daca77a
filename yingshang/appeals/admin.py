"""The admin site for appeals: kinds (time limits) and the zone's rules are edited here and
audited; appeals and their records are shown read-only, since they change only through the
services (with their workflow checks and audit events)."""

from django.contrib import admin

from yingshang.appeals.models import (
    Appeal,
    AppealKind,
    AppealRecord,
    AppealSettings,
    Escalation,
    Extension,
    Rating,
)
from yingshang.audit.admin import AuditedAdminMixin


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AppealKind)
class AppealKindAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name", "zone", "acceptance_workdays", "limit_amount", "limit_unit")
    list_filter = ("zone",)


@admin.register(AppealSettings)
class AppealSettingsAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("zone", "rating_rectification_workdays", "urge_after_days", "notice_after_days")


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ("number", "title", "zone", "channel", "kind", "state", "handling_deadline")
    list_filter = ("zone", "state", "channel")
    search_fields = ("number", "title")


for model in (AppealRecord, Extension, Rating, Escalation):
    admin.site.register(model, ReadOnlyAdmin)
