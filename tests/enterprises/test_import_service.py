"""Importing into the database: create, update, idempotence, all-or-nothing, audit, zones."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from tests.conftest import make_uscc
from tests.enterprises.files import row, write_csv, write_xlsx
from yingshang.audit.models import AuditEvent
from yingshang.enterprises.imports.service import import_enterprises
from yingshang.kernel.models import Enterprise, Qualification, Role


def full_row(n: int, **changes: object) -> list[object]:
    values = {
        "uscc": make_uscc(1000 + n),
        "name": f"郑州导入{n}科技有限公司",
        "entity_type": "企业",
        "status": "存续",
        "founded_on": "2018-05-20",
        "registered_capital": "1000",
        "address": "科学大道100号",
        "industry_code": "6513",
        "size_class": "小型",
        "employees": "85",
        "annual_revenue": "5600.5",
        "credit_risk_class": "A",
        "legal_representative": "张三",
        "contact_email": "a@example.com",
        "qualifications": "高新技术企业:2027-12-31",
    }
    values.update(changes)
    return row(**values)


def counts() -> tuple[int, int, int]:
    return Enterprise.objects.count(), Qualification.objects.count(), AuditEvent.objects.count()


def run(path, zone, actor=None, **kwargs):
    return import_enterprises(path=path, actor=actor, default_zone=zone, **kwargs)


def test_csv_creates_with_all_fields_and_one_summary_event(zone, tmp_path):
    path = write_csv(tmp_path / "a.csv", [full_row(1), full_row(2, qualifications="")])
    result = run(path, zone)
    assert result.committed and result.ok
    assert (result.rows, result.created, result.updated, result.unchanged) == (2, 2, 0, 0)
    ent = Enterprise.objects.get(uscc=make_uscc(1001))
    assert ent.zone == zone and ent.version == 1
    assert (ent.entity_type, ent.status, ent.size_class) == ("company", "active", "small")
    assert ent.founded_on == dt.date(2018, 5, 20)
    assert ent.registered_capital == Decimal("1000.00")
    assert ent.annual_revenue == Decimal("5600.50")
    assert (ent.industry_code, ent.industry_section) == ("6513", "I")
    assert ent.created_at is not None
    qual = ent.qualifications.get()
    assert (qual.kind.code, qual.valid_until) == ("high_tech", dt.date(2027, 12, 31))
    event = AuditEvent.objects.get()
    assert event.verb == "enterprise.imported"
    assert (event.object_type, event.object_id, event.zone_id) == (
        "registry.zone",
        str(zone.pk),
        zone.pk,
    )
    assert event.after == {"file": "a.csv", "rows": 2, "created": 2, "updated": 0, "unchanged": 0}


def test_reimport_is_idempotent(zone, tmp_path):
    path = write_csv(tmp_path / "a.csv", [full_row(1), full_row(2)])
    run(path, zone)
    before = list(Enterprise.objects.values_list("id", "version", "updated_at"))
    again = run(path, zone)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert list(Enterprise.objects.values_list("id", "version", "updated_at")) == before
    assert AuditEvent.objects.filter(verb="enterprise.updated").count() == 0


def test_update_changes_only_given_cells_and_audits_each_enterprise(zone, tmp_path):
    run(write_csv(tmp_path / "a.csv", [full_row(1), full_row(2), full_row(3)]), zone)
    changed = [
        full_row(1, name="郑州导入1科技股份有限公司", employees="90", legal_representative=""),
        full_row(2, qualifications="高新技术企业:2028-12-31;瞪羚企业"),
        full_row(3),
    ]
    result = run(write_xlsx(tmp_path / "b.xlsx", changed), zone)
    assert (result.created, result.updated, result.unchanged) == (0, 2, 1)
    first = Enterprise.objects.get(uscc=make_uscc(1001))
    assert (first.name, first.employees, first.version) == ("郑州导入1科技股份有限公司", 90, 2)
    assert first.legal_representative == "张三"  # an empty cell keeps the value
    event = AuditEvent.objects.get(verb="enterprise.updated", object_id=str(first.pk))
    assert event.before == {"name": "郑州导入1科技有限公司", "employees": 85}
    assert event.after == {"name": "郑州导入1科技股份有限公司", "employees": 90}
    assert event.zone_id == zone.pk and event.actor is None and event.actor_label == "系统"
    second = Enterprise.objects.get(uscc=make_uscc(1002))
    assert second.version == 2
    held = dict(second.qualifications.values_list("kind__code", "valid_until"))
    assert held == {"high_tech": dt.date(2028, 12, 31), "gazelle": None}
    event = AuditEvent.objects.get(verb="enterprise.updated", object_id=str(second.pk))
    assert event.before == {"qualifications": "高新技术企业:2027-12-31"}
    assert event.after == {"qualifications": "高新技术企业:2028-12-31;瞪羚企业"}


def test_a_bad_row_changes_nothing(zone, tmp_path):
    run(write_csv(tmp_path / "a.csv", [full_row(1)]), zone)
    before = counts()
    rows = [full_row(1, name="改名"), full_row(2), full_row(3, founded_on="2020-13-01")]
    result = run(write_csv(tmp_path / "b.csv", rows), zone)
    assert not result.committed
    assert [str(e) for e in result.errors] == ["row 4: 成立日期: 日期“2020-13-01”不存在"]
    assert counts() == before
    assert Enterprise.objects.get(uscc=make_uscc(1001)).name == "郑州导入1科技有限公司"


def test_dry_run_counts_without_writing(zone, tmp_path):
    run(write_csv(tmp_path / "a.csv", [full_row(1)]), zone)
    before = counts()
    rows = [full_row(1, employees="7"), full_row(2)]
    result = run(write_csv(tmp_path / "b.csv", rows), zone, dry_run=True, preview=1)
    assert (result.created, result.updated, result.committed) == (1, 1, False)
    assert counts() == before
    assert result.preview_headers[:3] == ["行号", "统一社会信用代码", "名称"]
    assert result.preview_rows == [["2", *[str(v) for v in result.preview_rows[0][1:]]]]
    assert result.preview_rows[0][3] == "企业" and len(result.preview_rows) == 1


def test_error_cap(zone, tmp_path):
    rows = [[f"bad{n}", "甲"] for n in range(1005)]
    result = run(write_csv(tmp_path / "a.csv", rows, headers=["uscc", "name"]), zone)
    assert len(result.errors) == 1000 and result.hidden_errors == 5
    assert result.hidden_line == "还有5处错误未显示"


def test_office_user_is_kept_to_its_zone(zone, other_zone, users, other_enterprise, tmp_path):
    office = users[Role.OFFICE]
    rows = [full_row(1), row(uscc=other_enterprise.uscc, name="改到本区")]
    before = counts()
    result = run(write_csv(tmp_path / "a.csv", rows), zone, actor=office)
    assert [str(e) for e in result.errors] == [
        "row 3: 统一社会信用代码: 该市场主体已登记在其他功能区，无权修改"
    ]
    assert counts() == before
    result = run(write_csv(tmp_path / "b.csv", [full_row(1, zone="lyjk")]), zone, actor=office)
    assert [str(e) for e in result.errors] == ["row 2: 功能区: 无权导入到功能区“lyjk”"]
    with pytest.raises(PermissionDenied):
        run(write_csv(tmp_path / "c.csv", [full_row(1)]), other_zone, actor=office)


def test_enterprise_and_department_users_may_not_import(zone, users, tmp_path):
    path = write_csv(tmp_path / "a.csv", [full_row(1)])
    for role in (Role.ENTERPRISE, Role.DEPARTMENT, Role.LEADER):
        with pytest.raises(PermissionDenied):
            run(path, zone, actor=users[role])


def test_admin_may_move_an_enterprise_between_zones(zone, other_zone, users, tmp_path):
    run(write_csv(tmp_path / "a.csv", [full_row(1)]), zone)
    result = run(
        write_csv(tmp_path / "b.csv", [full_row(1, zone="洛阳经济技术开发区")]),
        zone,
        actor=users[Role.ADMIN],
    )
    assert result.updated == 1
    assert Enterprise.objects.get(uscc=make_uscc(1001)).zone == other_zone
    event = AuditEvent.objects.get(verb="enterprise.updated")
    assert event.before == {"zone": zone.pk} and event.after == {"zone": other_zone.pk}
    assert event.actor == users[Role.ADMIN]


def test_many_rows_span_several_chunks(zone, tmp_path, monkeypatch):
    from yingshang.enterprises.imports import service

    monkeypatch.setattr(service, "CHUNK_SIZE", 7)
    rows = [
        row(uscc=make_uscc(5000 + n), name=f"企业{n}", qualifications="瞪羚企业") for n in range(30)
    ]
    path = write_csv(tmp_path / "a.csv", rows)
    assert run(path, zone).created == 30
    assert Qualification.objects.count() == 30
    assert run(path, zone).unchanged == 30
