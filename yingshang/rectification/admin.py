"""The admin site for rectification: the zone rules and the division of work per indicator are
edited here (checked and audited); the ledger, plans and tasks are shown read-only, since they
change only through the services (with their workflow checks and audit events)."""

from django import forms
from django.contrib import admin

from yingshang.audit import verbs
from yingshang.audit.admin import AuditedAdminMixin
from yingshang.audit.services import changed_fields, snapshot
from yingshang.core.rectification.grades import GradeLimitError, parse_grade_limits
from yingshang.core.rectification.performance import ScoreError, parse_score_weights
from yingshang.kernel.versioning import bump_version
from yingshang.rectification import events
from yingshang.rectification.models import (
    Escalation,
    Extension,
    IndicatorDepartment,
    Plan,
    PlanItem,
    Problem,
    RectificationSettings,
    Task,
    TaskRecord,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class RectificationSettingsForm(forms.ModelForm):
    class Meta:
        model = RectificationSettings
        fields = (
            "zone",
            "grade_limits",
            "reminder_days_before",
            "supervision_after_days",
            "notice_after_days",
            "email_notifications",
            "score_weights",
        )

    def clean_grade_limits(self):
        value = self.cleaned_data["grade_limits"]
        try:
            limits = parse_grade_limits(value)
        except (GradeLimitError, ValueError, TypeError) as exc:
            raise forms.ValidationError(str(exc)) from exc
        return {grade: {"limit": g.limit, "unit": g.unit} for grade, g in limits.items()}

    def clean_score_weights(self):
        value = self.cleaned_data["score_weights"]
        try:
            return parse_score_weights(value)
        except (ScoreError, ValueError, TypeError) as exc:
            raise forms.ValidationError(str(exc)) from exc


@admin.register(RectificationSettings)
class RectificationSettingsAdmin(admin.ModelAdmin):
    form = RectificationSettingsForm
    list_display = (
        "zone",
        "reminder_days_before",
        "supervision_after_days",
        "notice_after_days",
        "email_notifications",
    )

    def save_model(self, request, obj, form, change) -> None:
        before = snapshot(RectificationSettings.objects.get(pk=obj.pk)) if change else {}
        if change:
            bump_version(obj)
        super().save_model(request, obj, form, change)
        old, new = changed_fields(before, snapshot(obj))
        events.settings_updated(actor=request.user, settings=obj, before=old or None, after=new)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Problem)
class ProblemAdmin(ReadOnlyAdmin):
    list_display = ("code", "title", "zone", "source", "grade", "status", "due_on")
    list_filter = ("zone", "source", "grade", "status")
    search_fields = ("code", "title", "description")
    list_select_related = ("zone",)


class PlanItemInline(admin.TabularInline):
    model = PlanItem
    fields = ("order", "indicator_name", "score", "rank", "lead_department", "responsible_leader")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ("title", "zone", "kind", "status", "period", "published_at")
    list_filter = ("zone", "kind", "status")
    search_fields = ("title",)
    inlines = [PlanItemInline]


class TaskRecordInline(admin.TabularInline):
    model = TaskRecord
    fields = ("created_at", "action", "from_state", "to_state", "actor", "text")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = (
        "code",
        "title",
        "zone",
        "lead_department",
        "state",
        "deadline",
        "due_soon",
        "overdue",
    )
    list_filter = ("zone", "state", "overdue", "list_kind")
    search_fields = ("code", "title")
    list_select_related = ("zone", "lead_department")
    inlines = [TaskRecordInline]


@admin.register(Extension)
class ExtensionAdmin(ReadOnlyAdmin):
    list_display = ("task", "requested_by", "old_deadline", "new_deadline", "status")
    list_filter = ("status",)


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyAdmin):
    list_display = ("task", "step", "deadline", "taken_on")
    list_filter = ("step",)


# The admin's own verbs for the division of work (AuditedAdminMixin names them by the model).
verbs.register(
    {
        "indicatordepartment.created": "新增指标责任部门",
        "indicatordepartment.updated": "修改指标责任部门",
        "indicatordepartment.deleted": "删除指标责任部门",
    }
)


class IndicatorDepartmentForm(forms.ModelForm):
    class Meta:
        model = IndicatorDepartment
        fields = (
            "zone",
            "indicator",
            "indicator_name",
            "lead_department",
            "supporting_departments",
        )

    def clean(self):
        data = super().clean()
        zone = data.get("zone")
        chosen = [data.get("lead_department"), *(data.get("supporting_departments") or ())]
        if zone is not None and any(d is not None and d.zone_id != zone.pk for d in chosen):
            raise forms.ValidationError("牵头部门和配合部门须为本功能区的部门")
        return data


@admin.register(IndicatorDepartment)
class IndicatorDepartmentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = IndicatorDepartmentForm
    list_display = ("indicator", "indicator_name", "zone", "lead_department")
    list_filter = ("zone",)
    search_fields = ("indicator", "indicator_name", "lead_department__name")
    list_select_related = ("zone", "lead_department")
    filter_horizontal = ("supporting_departments",)
