import pytest

from yingshang.audit.models import AppendOnlyError, AuditEvent
from yingshang.audit.selectors import events_for_object
from yingshang.audit.services import changed_fields, record_event, snapshot
from yingshang.kernel.models import Role


def test_record_event_captures_actor_object_and_changes(users, enterprise):
    office = users[Role.OFFICE]
    event = record_event(
        actor=office,
        verb="enterprise.updated",
        obj=enterprise,
        before={"name": "旧名"},
        after={"name": enterprise.name},
        reason="更正",
    )
    event.refresh_from_db()
    assert event.actor == office
    assert event.actor_label == str(office)
    assert event.object_type == "registry.enterprise"
    assert event.object_id == str(enterprise.pk)
    assert event.zone == enterprise.zone
    assert event.before == {"name": "旧名"}
    assert list(events_for_object(obj=enterprise)) == [event]


def test_system_actor_is_labelled(enterprise):
    event = record_event(actor=None, verb="enterprise.imported", obj=enterprise)
    assert event.actor is None
    assert event.actor_label == "系统"


def test_events_are_append_only(enterprise):
    event = record_event(actor=None, verb="enterprise.created", obj=enterprise)
    event.verb = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).verb == "enterprise.created"


def test_an_event_needs_an_object(db):
    with pytest.raises(ValueError):
        record_event(actor=None, verb="x.happened")


def test_snapshot_is_json_safe_and_diff_keeps_only_changes(enterprise):
    before = snapshot(enterprise)
    assert before["zone"] == enterprise.zone_id
    enterprise.employees = 12
    old, new = changed_fields(before, snapshot(enterprise))
    assert old == {"employees": None}
    assert new == {"employees": 12}
