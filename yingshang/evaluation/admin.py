"""The admin site for evaluations: published records are shown, never edited there.

Methodologies, data and runs are created through the services (with their checks and audit
events); the admin only lists them, and a run may be withdrawn here, which is audited.
"""

from django.contrib import admin

from yingshang.evaluation.models import Dataset, EvaluationRun, MethodologyVersion
from yingshang.kernel.access import has_role
from yingshang.kernel.models import Role


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(MethodologyVersion)
class MethodologyVersionAdmin(ReadOnlyAdmin):
    list_display = ("name", "version", "code", "zone", "is_preset", "created_by", "created_at")
    list_filter = ("is_preset", "zone")
    search_fields = ("name", "code", "digest")
    list_select_related = ("zone", "created_by")


@admin.register(Dataset)
class DatasetAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "zone", "unit_count", "row_count", "uploaded_by", "uploaded_at")
    list_filter = ("kind", "zone")
    search_fields = ("name", "filename")
    list_select_related = ("zone", "uploaded_by")


@admin.register(EvaluationRun)
class EvaluationRunAdmin(ReadOnlyAdmin):
    list_display = ("title", "zone", "period", "focus_unit", "methodology", "created_at")
    list_filter = ("zone", "period")
    search_fields = ("title", "focus_unit")
    list_select_related = ("zone", "methodology")
    exclude = ("goalposts", "frontier", "average")

    def has_delete_permission(self, request, obj=None) -> bool:
        return has_role(request.user, Role.ADMIN)

    def delete_model(self, request, obj: EvaluationRun) -> None:
        # Through the service, so the withdrawal is audited like one made on the pages. Imported
        # here: the services load numpy and YAML, which every command would pay for at start-up
        # (the admin is imported by django.setup()).
        from yingshang.evaluation.services import delete_run

        delete_run(actor=request.user, run_id=obj.pk, reason="管理后台")

    def delete_queryset(self, request, queryset) -> None:
        for run in queryset:
            self.delete_model(request, run)
