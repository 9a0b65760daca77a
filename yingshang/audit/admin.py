from django.contrib import admin
from django.db import transaction

from yingshang.audit.models import AuditEvent
from yingshang.audit.services import changed_fields, record_event, snapshot


class AuditedAdminMixin:
    """ModelAdmin mixin: every save and delete made in the admin writes an audit event."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            before = snapshot(type(obj).objects.get(pk=obj.pk)) if change else {}
            super().save_model(request, obj, form, change)
            old, new = changed_fields(before, snapshot(obj))
            if change and not new:
                return
            verb = f"{obj._meta.model_name}.{'updated' if change else 'created'}"
            record_event(
                actor=request.user,
                verb=verb,
                obj=obj,
                before=old or None,
                after=new,
                reason="管理后台",
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            record_event(
                actor=request.user,
                verb=f"{obj._meta.model_name}.deleted",
                obj=obj,
                before=snapshot(obj),
                reason="管理后台",
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("occurred_at", "actor_label", "verb", "object_type", "object_repr")
    list_filter = ("verb", "object_type")
    search_fields = ("object_repr", "actor_label", "object_id")
    date_hierarchy = "occurred_at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
