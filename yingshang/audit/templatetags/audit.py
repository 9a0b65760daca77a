"""Showing audit events: `{% load audit %}{% audit_timeline obj %}` and Chinese verb labels."""

from dataclasses import dataclass
from typing import Any

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, reverse

from yingshang.audit.models import AuditEvent
from yingshang.audit.selectors import events_for_object

register = template.Library()

TIMELINE_LIMIT = 50
EMPTY = "—"
HIDDEN = "(已隐藏)"

VERB_LABELS: dict[str, str] = {
    "enterprise.created": "登记市场主体",
    "enterprise.updated": "修改市场主体信息",
    "enterprise.deleted": "删除市场主体",
    "enterprise.imported": "导入市场主体",
    "qualification.created": "新增企业资质",
    "qualification.updated": "修改企业资质",
    "qualification.deleted": "删除企业资质",
    "user.created": "新增用户",
    "user.updated": "修改用户",
    "user.deleted": "删除用户",
    "user.password_changed": "修改本人密码",
    "user.password_reset": "重置用户密码",
    "zone.created": "新增功能区",
    "zone.updated": "修改功能区",
    "department.created": "新增部门",
    "department.updated": "修改部门",
    "department.deleted": "删除部门",
    "apitoken.issued": "签发接口令牌",
    "apitoken.revoked": "吊销接口令牌",
    "evaluation.methodology_saved": "保存评价方法",
    "evaluation.dataset_uploaded": "上传评价数据",
    "evaluation.run_created": "发布评价结果",
    "evaluation.run_updated": "修改评价标题",
    "evaluation.run_deleted": "撤回评价结果",
    "rectification.problem_created": "登记问题",
    "rectification.problem_updated": "修改问题",
    "rectification.task_created": "新建整改任务",
    "rectification.task_assign": "交办整改任务",
    "rectification.task_start": "开始整改",
    "rectification.task_report": "报送整改进展",
    "rectification.task_submit": "提请验收",
    "rectification.task_return": "退回整改任务",
    "rectification.task_accept": "验收通过",
    "rectification.task_close": "整改任务销号",
    "rectification.task_reopen": "重新整改",
    "rectification.task_reminder": "催办提醒",
    "rectification.task_supervision": "督办",
    "rectification.task_notice": "通报",
    "rectification.extension_requested": "申请延期",
    "rectification.extension_approved": "批准延期",
    "rectification.extension_rejected": "不予延期",
    "rectification.plan_drafted": "起草整改方案",
    "rectification.plan_updated": "修改整改方案",
    "rectification.plan_item_updated": "修改方案任务分工",
    "rectification.plan_submitted": "报审整改方案",
    "rectification.plan_approved": "审批整改方案",
    "rectification.plan_published": "印发整改方案",
    "rectification.campaign_created": "新建专项攻坚",
    "rectification.settings_updated": "修改整改规则设置",
}

ACTION_LABELS: dict[str, str] = {
    "created": "新增",
    "updated": "修改",
    "deleted": "删除",
    "imported": "导入",
    "exported": "导出",
    "issued": "签发",
    "revoked": "吊销",
    "submitted": "提交",
    "approved": "批准",
    "rejected": "退回",
    "closed": "办结",
}

# Technical fields that change on every save and say nothing to a reader.
SKIPPED_FIELDS = frozenset({"updated_at", "created_at", "version", "last_login"})
SECRET_FIELDS = frozenset({"password"})

# Pages that show one object, by the object's type (app_label.model_name).
OBJECT_URLS: dict[str, str] = {"registry.enterprise": "registry:enterprise_detail"}


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class TimelineEntry:
    event: AuditEvent
    label: str
    changes: list[Change]
    initial: bool


def _model_for(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def verb_label(verb: str, object_type: str = "") -> str:
    """The Chinese name of a verb: from VERB_LABELS, else built from its parts, else the verb."""
    if verb in VERB_LABELS:
        return VERB_LABELS[verb]
    _subject, _dot, action = verb.rpartition(".")
    model = _model_for(object_type) if object_type else None
    if action in ACTION_LABELS and model is not None:
        return f"{ACTION_LABELS[action]}{model._meta.verbose_name}"
    return verb


def verb_choices() -> list[tuple[str, str]]:
    return sorted(VERB_LABELS.items(), key=lambda item: item[0])


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _display(field: models.Field | None, value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and field.is_relation:
        return f"#{value}"
    return str(value)


def _label(field: models.Field | None, name: str) -> str:
    return str(field.verbose_name) if field is not None else name


def changes_of(event: AuditEvent) -> list[Change]:
    """The fields an event changed, with Chinese labels and display values."""
    before = event.before or {}
    after = event.after or {}
    model = _model_for(event.object_type)
    rows = []
    for name in list(dict.fromkeys([*after, *before])):
        if name in SKIPPED_FIELDS:
            continue
        old, new = before.get(name), after.get(name)
        if old == new or (not before and new in (None, "")):
            continue
        field = _field(model, name)
        if name in SECRET_FIELDS:
            rows.append(Change(_label(field, name), HIDDEN, HIDDEN))
            continue
        rows.append(Change(_label(field, name), _display(field, old), _display(field, new)))
    return rows


def timeline_entry(event: AuditEvent) -> TimelineEntry:
    return TimelineEntry(
        event=event,
        label=verb_label(event.verb, event.object_type),
        changes=changes_of(event),
        initial=not event.before and bool(event.after),
    )


@register.inclusion_tag("audit/_timeline.html")
def audit_timeline(obj: models.Model, limit: int = TIMELINE_LIMIT) -> dict:
    events = list(events_for_object(obj=obj, limit=limit))
    return {
        "entries": [timeline_entry(event) for event in events],
        "truncated": len(events) >= limit,
    }


@register.simple_tag
def audit_verb(event: AuditEvent) -> str:
    return verb_label(event.verb, event.object_type)


@register.simple_tag
def audit_object_url(event: AuditEvent) -> str:
    """The page of the event's object, or "" when there is none."""
    name = OBJECT_URLS.get(event.object_type)
    if name is None:
        return ""
    try:
        return reverse(name, args=[event.object_id])
    except NoReverseMatch:
        return ""


@register.simple_tag
def audit_changes(event: AuditEvent) -> list[Change]:
    return changes_of(event)
