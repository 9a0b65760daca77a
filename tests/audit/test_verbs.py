"""Audit verbs: each module registers its labels; events stored under an old spelling keep their
label and are found by a filter on the current verb."""

import pytest

from yingshang.audit import verbs
from yingshang.audit.models import AuditEvent
from yingshang.audit.selectors import audit_page
from yingshang.audit.templatetags.audit import verb_label
from yingshang.kernel.models import Role


@pytest.mark.parametrize(
    ("verb", "label"),
    [
        ("task.assigned", "交办整改任务"),
        ("rectification.task_assign", "交办整改任务"),
        ("run.published", "发布评价结果"),
        ("evaluation.run_created", "发布评价结果"),
        ("enterprise.imported", "导入市场主体"),
        ("apitoken.issued", "签发接口令牌"),
        ("user.password_changed", "修改本人密码"),
    ],
)
def test_every_module_registers_its_labels(verb, label):
    assert verb_label(verb) == label


def test_old_spellings_map_to_the_current_verb():
    assert verbs.current("rectification.plan_item_updated") == "plan_item.updated"
    assert verbs.current("task.assigned") == "task.assigned"
    assert "rectification.task_notice" in verbs.spellings("task.circulated")
    assert verbs.spellings("enterprise.created") == ["enterprise.created"]


def test_registering_a_verb_twice_with_another_label_is_refused():
    with pytest.raises(verbs.VerbError):
        verbs.register({"task.assigned": "别的名字"})
    with pytest.raises(verbs.VerbError):
        verbs.register({}, legacy={"old.thing": "no.such_verb"})


def _event(verb, zone, actor):
    return AuditEvent.objects.create(
        verb=verb, zone=zone, actor_label=actor, object_type="rectification.task", object_id="1"
    )


def test_a_filter_by_the_current_verb_finds_events_stored_under_the_old_one(zone, users):
    office = users[Role.OFFICE]
    old = AuditEvent.objects.create(
        verb="rectification.task_assign",
        zone=zone,
        actor_label="甲",
        object_type="rectification.task",
        object_id="1",
    )
    new = AuditEvent.objects.create(
        verb="task.assigned",
        zone=zone,
        actor_label="乙",
        object_type="rectification.task",
        object_id="1",
    )
    AuditEvent.objects.create(
        verb="task.closed",
        zone=zone,
        actor_label="丙",
        object_type="rectification.task",
        object_id="1",
    )
    rows, _cursor = audit_page(user=office, verb="task.assigned")
    assert [row.pk for row in rows] == [new.pk, old.pk]


def test_every_admin_edit_and_calendar_verb_has_a_label():
    from django.contrib import admin

    from yingshang.audit.admin import AuditedAdminMixin

    audited = [m for m, a in admin.site._registry.items() if isinstance(a, AuditedAdminMixin)]
    assert len(audited) >= 5
    for model in audited:
        for action in ("created", "updated", "deleted"):
            verb = f"{model._meta.model_name}.{action}"
            assert verb_label(verb, model._meta.label_lower) != verb
    for verb in ("calendaryear.seeded", "calendaryear.published", "calendaryear.unpublished"):
        assert verb_label(verb, "calendars.calendaryear") != verb
    assert verb_label("demo.built", "registry.zone") == "生成演示数据"
