"""The admin site for the enterprise registry's records. Every save leaves an audit event."""

from django.contrib import admin

from yingshang.audit.admin import AuditedAdminMixin
from yingshang.enterprises.fieldgroups import ENTERPRISE_FIELD_GROUPS
from yingshang.kernel.models import Enterprise, Qualification, QualificationKind
from yingshang.lib.admin import CappedCountPaginator, ReadOnlyInline


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
