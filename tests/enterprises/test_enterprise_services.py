import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import make_uscc
from yingshang.audit.models import AuditEvent
from yingshang.enterprises.services.enterprises import (
    create_enterprise,
    update_enterprise,
)
from yingshang.kernel.models import Enterprise, Role
from yingshang.kernel.versioning import StaleVersionError


def test_create_validates_uscc_and_audits(users, zone):
    office = users[Role.OFFICE]
    code = make_uscc()
    ent = create_enterprise(
        actor=office, zone=zone, uscc_code=code.lower(), data={"name": "郑州新创科技有限公司"}
    )
    assert ent.uscc == code
    event = AuditEvent.objects.get(verb="enterprise.created", object_id=str(ent.pk))
    assert event.actor == office
    assert event.after["name"] == "郑州新创科技有限公司"


def test_bad_uscc_is_refused_with_its_reason_and_nothing_written(users, zone):
    before = (Enterprise.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as exc:
        create_enterprise(
            actor=users[Role.OFFICE], zone=zone, uscc_code="911100006000373410", data={"name": "甲"}
        )
    assert "校验码错误" in str(exc.value.message_dict["uscc"])
    assert (Enterprise.objects.count(), AuditEvent.objects.count()) == before


def test_duplicate_uscc_is_refused(users, zone, enterprise):
    with pytest.raises(ValidationError, match="已存在"):
        create_enterprise(
            actor=users[Role.OFFICE], zone=zone, uscc_code=enterprise.uscc, data={"name": "乙"}
        )


@pytest.mark.parametrize("role", [Role.DEPARTMENT, Role.LEADER, Role.ENTERPRISE, Role.SUPERVISOR])
def test_only_office_and_admin_create(users, zone, role):
    with pytest.raises(PermissionDenied):
        create_enterprise(actor=users[role], zone=zone, uscc_code=make_uscc(), data={"name": "丙"})


def test_office_cannot_create_in_another_zone(users, other_zone):
    with pytest.raises(ValidationError, match="本功能区"):
        create_enterprise(
            actor=users[Role.OFFICE], zone=other_zone, uscc_code=make_uscc(), data={"name": "丁"}
        )


def test_update_records_only_changed_fields_and_bumps_version(users, enterprise):
    updated = update_enterprise(
        actor=users[Role.OFFICE],
        enterprise_id=enterprise.pk,
        expected_version=1,
        data={"employees": 35, "name": enterprise.name, "industry_code": "6513"},
        reason="年报更新",
    )
    assert updated.version == 2
    assert updated.industry_section == "I"
    event = AuditEvent.objects.get(verb="enterprise.updated")
    assert event.before == {"employees": None, "industry_code": "", "industry_section": ""}
    assert event.after == {"employees": 35, "industry_code": "6513", "industry_section": "I"}
    assert event.reason == "年报更新"


def test_update_without_change_writes_nothing(users, enterprise):
    update_enterprise(
        actor=users[Role.OFFICE],
        enterprise_id=enterprise.pk,
        expected_version=1,
        data={"name": enterprise.name},
    )
    enterprise.refresh_from_db()
    assert enterprise.version == 1
    assert not AuditEvent.objects.filter(verb="enterprise.updated").exists()


def test_stale_version_never_overwrites(users, enterprise):
    office = users[Role.OFFICE]
    update_enterprise(
        actor=office, enterprise_id=enterprise.pk, expected_version=1, data={"employees": 10}
    )
    with pytest.raises(StaleVersionError, match="已被他人修改"):
        update_enterprise(
            actor=office, enterprise_id=enterprise.pk, expected_version=1, data={"employees": 99}
        )
    enterprise.refresh_from_db()
    assert enterprise.employees == 10


def test_unknown_field_is_refused(users, enterprise):
    with pytest.raises(ValidationError, match="未知字段"):
        update_enterprise(
            actor=users[Role.OFFICE],
            enterprise_id=enterprise.pk,
            expected_version=1,
            data={"uscc": make_uscc()},
        )


@pytest.mark.django_db(transaction=True)
def test_concurrent_updates_exactly_one_wins(zone, departments, make_user):
    """Two editors who both loaded version 1: one save lands, the other is told it is stale."""
    from django.db import connection

    office = make_user(Role.OFFICE, zone=zone, department=departments["xzsp"])
    ent = Enterprise.objects.create(uscc=make_uscc(), name="并发测试有限公司", zone=zone)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def edit(employees: int) -> None:
        try:
            barrier.wait()
            update_enterprise(
                actor=office,
                enterprise_id=ent.pk,
                expected_version=1,
                data={"employees": employees},
            )
            outcomes.append("saved")
        except StaleVersionError:
            outcomes.append("stale")
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(n,)) for n in (11, 22)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["saved", "stale"]
    ent.refresh_from_db()
    assert ent.version == 2
    assert ent.employees in (11, 22)


def test_search_by_name_code_prefix_and_full_code(users, zone, enterprise):
    from yingshang.enterprises.selectors.enterprises import EnterpriseFilters, filtered_enterprises

    office = users[Role.OFFICE]
    other = Enterprise.objects.create(
        uscc=make_uscc(9_000_001), name="郑州另一家贸易有限公司", zone=zone
    )

    def found(q: str) -> set[Enterprise]:
        return set(filtered_enterprises(user=office, filters=EnterpriseFilters(q=q)))

    assert found("测试科技") == {enterprise}
    assert found(enterprise.uscc.lower()) == {enterprise}
    assert found(enterprise.uscc[:12]) == {enterprise}
    assert found(enterprise.uscc[:6]) == {enterprise, other}
    assert found("贸易") == {other}
    assert found("不存在的名称") == set()


def test_create_by_zone_id_defaults_to_the_actors_zone(users, zone, other_zone):
    office, admin = users[Role.OFFICE], users[Role.ADMIN]
    own = create_enterprise(actor=office, uscc_code=make_uscc(), data={"name": "戊"})
    assert own.zone == zone
    there = create_enterprise(
        actor=admin, zone_id=other_zone.pk, uscc_code=make_uscc(), data={"name": "己"}
    )
    assert there.zone == other_zone
    with pytest.raises(ValidationError, match="管辖范围") as exc:
        create_enterprise(
            actor=office, zone_id=other_zone.pk, uscc_code=make_uscc(), data={"name": "庚"}
        )
    assert "zone_id" in exc.value.message_dict


def test_admin_without_a_zone_must_name_one(users):
    with pytest.raises(ValidationError, match="请指定登记到哪个功能区"):
        create_enterprise(actor=users[Role.ADMIN], uscc_code=make_uscc(), data={"name": "辛"})


def test_update_of_an_enterprise_out_of_sight_is_not_found(users, other_enterprise):
    with pytest.raises(Enterprise.DoesNotExist):
        update_enterprise(
            actor=users[Role.OFFICE],
            enterprise_id=other_enterprise.pk,
            expected_version=1,
            data={"employees": 1},
        )
    other_enterprise.refresh_from_db()
    assert other_enterprise.version == 1


@pytest.mark.parametrize("role", [Role.LEADER, Role.DEPARTMENT, Role.ENTERPRISE])
def test_update_by_a_reader_who_sees_it_is_forbidden(users, enterprise, role):
    with pytest.raises(PermissionDenied):
        update_enterprise(
            actor=users[role], enterprise_id=enterprise.pk, expected_version=1, data={}
        )
