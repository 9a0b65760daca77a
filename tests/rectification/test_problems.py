import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yingshang.audit.models import AuditEvent
from yingshang.kernel.models import Role
from yingshang.kernel.versioning import StaleVersionError
from yingshang.rectification.models import RectificationSettings
from yingshang.rectification.selectors.problems import duplicate_hints
from yingshang.rectification.services.problems import create_problem, update_problem
from yingshang.rectification.services.settings import zone_settings


def register(users, zone, **fields):
    fields.setdefault("title", "企业开办环节多、时间长")
    fields.setdefault("source", "evaluation")
    fields.setdefault("grade", "B")
    fields.setdefault("reported_on", dt.date(2026, 9, 1))
    return create_problem(actor=users[Role.OFFICE], zone=zone, **fields)


def test_codes_number_per_zone_and_year(users, zone):
    first = register(users, zone)
    second = register(users, zone, title="另一问题")
    older = register(users, zone, title="去年的问题", reported_on=dt.date(2025, 12, 1))
    assert (first.code, second.code, older.code) == ("WT2026-0001", "WT2026-0002", "WT2025-0001")
    assert AuditEvent.objects.filter(verb="problem.registered").count() == 3


def test_due_date_follows_grade(users, zone, unpublished_2026):
    # 2026-09-01 is a Tuesday; counted weekends-only (2026 marked unpublished here).
    b = register(users, zone, grade="B")
    c = register(users, zone, grade="C", title="C类问题")
    a = register(users, zone, grade="A", title="A类问题", reported_on=dt.date(2026, 1, 31))
    assert (b.due_on, b.due_provisional) == (dt.date(2026, 9, 22), True)
    assert c.due_on == dt.date(2026, 9, 8)
    # 01-31 + 1 month is clamped to 02-28, a Saturday (2026 counted by weekends only): the
    # limit ends on the next working day, provisional like every 2026 date here.
    assert (a.due_on, a.due_provisional) == (dt.date(2026, 3, 2), True)


def test_zone_settings_are_created_with_defaults_and_used(users, zone, unpublished_2026):
    row = zone_settings(zone)
    assert row.grade_limits["B"] == {"limit": 15, "unit": "workdays"}
    assert row.score_weights["on_time"] == 40.0
    RectificationSettings.objects.filter(pk=row.pk).update(
        grade_limits={
            "A": {"limit": 2, "unit": "months"},
            "C": {"limit": 10, "unit": "calendar_days"},
        }
    )
    c = register(users, zone, grade="C")
    assert c.due_on == dt.date(2026, 9, 11)
    with pytest.raises(ValidationError, match="未设定 B 类"):
        register(users, zone, grade="B")


def test_update_with_version_and_recomputed_due(users, zone, unpublished_2026):
    problem = register(users, zone, grade="B")
    office = users[Role.OFFICE]
    problem = update_problem(actor=office, problem=problem, expected_version=1, grade="C")
    assert problem.version == 2 and problem.due_on == dt.date(2026, 9, 8)
    event = AuditEvent.objects.get(verb="problem.updated")
    assert event.before["grade"] == "B" and event.after["grade"] == "C"
    with pytest.raises(StaleVersionError):
        update_problem(actor=office, problem=problem, expected_version=1, title="旧版本")
    with pytest.raises(ValidationError, match="未知字段"):
        update_problem(actor=office, problem=problem, expected_version=2, code="X")


def test_only_office_and_admin_register(users, zone):
    for role in (Role.DEPARTMENT, Role.LEADER, Role.ENTERPRISE, Role.SUPERVISOR):
        with pytest.raises(PermissionDenied):
            create_problem(
                actor=users[role],
                zone=zone,
                title="x",
                source="other",
                grade="C",
                reported_on=dt.date(2026, 9, 1),
            )


def test_likely_duplicates_are_hinted(users, zone, other_zone):
    same = register(users, zone, title="企业开办环节多、时间长")
    register(users, zone, title="工程建设项目审批材料重复提交")
    hints = duplicate_hints(zone=zone, title="企业开办环节多，办理时间长")
    assert [hint.problem for hint in hints] == [same]
    assert 0.5 <= hints[0].similarity <= 1
    assert duplicate_hints(zone=zone, title="企业开办环节多、时间长", exclude_id=same.pk) == []
    assert duplicate_hints(zone=other_zone, title="企业开办环节多、时间长") == []
