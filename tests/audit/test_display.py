"""Audit events in words: Chinese labels for fields, names for ids, readable values."""

import pytest

from yingshang.audit import fields
from yingshang.audit.display import EMPTY, describe, field_label
from yingshang.audit.models import AuditEvent
from yingshang.audit.services import record_event
from yingshang.kernel.models import Department, Role


def _event(zone, object_type: str, verb: str, before=None, after=None) -> AuditEvent:
    return AuditEvent.objects.create(
        zone=zone,
        actor_label="甲",
        object_type=object_type,
        object_id="1",
        verb=verb,
        before=before,
        after=after,
    )


def _changes(event: AuditEvent) -> dict[str, tuple[str, str]]:
    [shown] = describe([event])
    return {change.label: (change.before, change.after) for change in shown.changes}


def test_foreign_keys_show_the_name_not_the_id(zone, departments):
    office, market = departments["xzsp"], departments["scjg"]
    event = _event(
        zone,
        "rectification.plan",
        "plan_item.updated",
        before={"lead_department": None, "supporting_departments": []},
        after={"lead_department": office.pk, "supporting_departments": [market.pk, office.pk]},
    )
    changes = _changes(event)
    # Recorded on the plan, the fields are the plan item's: its labels, its departments.
    assert changes["牵头部门"] == (EMPTY, office.name)
    assert changes["配合部门"] == (EMPTY, f"{market.name}、{office.name}")


def test_ids_are_resolved_with_one_query_per_model(zone, departments, django_assert_num_queries):
    ids = [d.pk for d in departments.values()]
    events = [
        _event(
            zone,
            "registry.user",
            "user.updated",
            before={"department": ids[n % 2], "zone": zone.pk},
            after={"department": ids[(n + 1) % 2], "zone": zone.pk + 1},
        )
        for n in range(30)
    ]
    # Departments and zones: two queries for thirty rows.
    with django_assert_num_queries(2):
        shown = describe(events)
    names = {d.name for d in departments.values()}
    assert {c.after for s in shown for c in s.changes if c.label == "部门"} == names


def test_booleans_dates_choices_and_lists_read_as_words(zone):
    event = _event(
        zone,
        "rectification.task",
        "task.submitted",
        before={"state": "in_progress", "deadline_provisional": True, "submitted_on": None},
        after={
            "state": "submitted",
            "deadline_provisional": False,
            "submitted_on": "2026-11-26",
            "attachments": ["整改报告.pdf", "现场照片.jpg"],
        },
    )
    [shown] = describe([event])
    changes = {c.label: c for c in shown.changes}
    assert (changes["状态"].before, changes["状态"].after) == ("整改中", "待验收")
    assert (changes["时限为暂定"].before, changes["时限为暂定"].after) == ("是", "否")
    assert changes["提请验收日期"].after == "2026-11-26"
    assert changes["附件"].after == "整改报告.pdf、现场照片.jpg"
    # Files attached by the step are new in "after": nothing was replaced.
    assert changes["附件"].added and not changes["状态"].added


def test_datetimes_are_shown_in_local_time(zone):
    event = _event(
        zone,
        "api.apitoken",
        "apitoken.revoked",
        before={"revoked_at": None},
        after={"revoked_at": "2026-12-04T19:23:17.575Z"},
    )
    [(label, (_before, after))] = _changes(event).items()
    assert label != "revoked_at"
    assert after == "2026-12-05 03:23"


def test_a_deleted_reference_says_so(zone):
    event = _event(
        zone,
        "registry.user",
        "user.updated",
        before={"department": None},
        after={"department": 999},
    )
    assert _changes(event)["部门"][1] == "999（已删除）"


def test_subject_models_name_the_escalation_and_extension_fields(zone):
    escalation = _event(
        zone,
        "rectification.task",
        "task.supervised",
        after={"step": "supervision", "deadline": "2026-11-27", "taken_on": "2026-12-05"},
    )
    changes = _changes(escalation)
    assert changes["环节"] == (EMPTY, "督办")
    assert "step" not in changes and "taken_on" not in changes
    extension = _event(
        zone,
        "rectification.task",
        "extension.requested",
        after={"old_deadline": "2026-12-08", "new_deadline": "2026-12-26"},
    )
    assert set(_changes(extension)) == {"原时限", "申请延至"}


def test_counts_are_named_by_the_registry(zone):
    plan = _event(zone, "rectification.plan", "plan.drafted", after={"items": 5, "problems": 15})
    assert _changes(plan) == {"方案指标数": (EMPTY, "5"), "问题数": (EMPTY, "15")}


def test_an_unknown_key_falls_back_to_its_code(zone):
    event = _event(zone, "registry.zone", "zone.updated", after={"no_such_key": "x"})
    assert _changes(event) == {"no_such_key": (EMPTY, "x")}
    assert field_label("no_such_key", verb="zone.updated", object_type="registry.zone") is None
    assert field_label("name", verb="zone.updated", object_type="registry.zone") == "名称"


def test_ids_and_technical_fields_are_left_out(zone):
    event = _event(
        zone,
        "registry.department",
        "department.created",
        after={"id": 3, "name": "商务局", "version": 1, "created_at": "2026-01-01T00:00:00Z"},
    )
    assert _changes(event) == {"名称": (EMPTY, "商务局")}


def test_the_events_of_the_old_spelling_keep_their_subject():
    assert fields.subject("plan_item.updated") == "rectification.planitem"
    assert fields.subject("rectification.plan_item_updated") == "rectification.planitem"
    assert fields.subject("task.assigned") is None


def test_the_modules_labels_are_collected_when_the_apps_load():
    assert fields.label("attachments") == "附件"
    assert fields.label("unchanged") == "无变化数"


def test_a_key_registered_twice_with_another_label_is_refused():
    with pytest.raises(fields.FieldLabelError):
        fields.register({"attachments": "别的名字"})
    with pytest.raises(fields.FieldLabelError):
        fields.register(subjects={"plan_item.updated": Department})
    # The same label again is no conflict: discovery may run more than once.
    fields.register({"attachments": "附件"})


def test_the_timeline_resolves_names_too(users, enterprise):
    zone = enterprise.zone
    record_event(
        actor=users[Role.OFFICE],
        verb="enterprise.updated",
        obj=enterprise,
        before={"zone": None, "status": "active"},
        after={"zone": zone.pk, "status": "revoked"},
    )
    from django.template import Context, Template

    html = Template("{% load audit %}{% audit_timeline obj %}").render(Context({"obj": enterprise}))
    assert zone.name in html and "吊销" in html
    assert f">{zone.pk}<" not in html
