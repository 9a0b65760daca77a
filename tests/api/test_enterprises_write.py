import pytest
from django.test import Client

from tests.conftest import make_uscc
from yingshang.audit.models import AuditEvent
from yingshang.kernel.models import Enterprise, Role

LIST = "/api/registry/enterprises"


def _state() -> tuple[int, int]:
    return Enterprise.objects.count(), AuditEvent.objects.count()


def test_office_creates_in_its_zone_with_an_audit_event(users, api_as, zone):
    code = make_uscc()
    body = {"uscc": code.lower(), "name": "郑州新登记科技有限公司", "industry_code": "6513"}
    response = api_as(users[Role.OFFICE]).post(LIST, body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["uscc"] == code
    assert created["version"] == 1
    assert created["industry_section"] == "I"
    assert created["zone_id"] == zone.pk
    event = AuditEvent.objects.get(verb="enterprise.created", object_id=str(created["id"]))
    assert event.actor == users[Role.OFFICE]


def test_admin_must_name_the_zone(users, api_as, other_zone):
    client = api_as(users[Role.ADMIN])
    before = _state()
    response = client.post(LIST, {"uscc": make_uscc(), "name": "无区公司"})
    assert response.status_code == 422
    assert "zone_id" in response.json()["errors"]
    assert _state() == before
    response = client.post(
        LIST, {"uscc": make_uscc(), "name": "洛阳新公司", "zone_id": other_zone.pk}
    )
    assert response.status_code == 201
    assert response.json()["zone_id"] == other_zone.pk


def test_office_may_not_create_in_another_zone(users, api_as, other_zone):
    client = api_as(users[Role.OFFICE])
    before = _state()
    body = {"uscc": make_uscc(), "name": "越界公司", "zone_id": other_zone.pk}
    response = client.post(LIST, body)
    assert response.status_code == 422
    assert _state() == before


@pytest.mark.parametrize("role", [Role.DEPARTMENT, Role.LEADER, Role.ENTERPRISE, Role.SUPERVISOR])
def test_only_office_and_admin_create(users, api_as, role):
    client = api_as(users[role])
    before = _state()
    response = client.post(LIST, {"uscc": make_uscc(), "name": "无权登记公司"})
    assert response.status_code == 403
    assert response.json()["detail"].startswith("无权访问")
    assert _state() == before


def test_bad_uscc_is_422_with_the_chinese_reason_and_nothing_created(users, api_as):
    good = make_uscc()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    client = api_as(users[Role.OFFICE])
    before = _state()
    response = client.post(LIST, {"uscc": bad, "name": "校验失败公司"})
    assert response.status_code == 422
    body = response.json()
    assert body["errors"]["uscc"] == [f"校验码错误: 第18位应为“{good[-1]}”，实际为“{bad[-1]}”"]
    assert body["detail"] == body["errors"]["uscc"][0]
    assert _state() == before


def test_short_uscc_and_missing_name_are_reported_per_field(users, api_as):
    response = api_as(users[Role.OFFICE]).post(LIST, {"uscc": "9141"})
    assert response.status_code == 422
    body = response.json()
    assert body["errors"] == {"uscc": ["统一社会信用代码应为18位，实际为4位"], "name": ["必填"]}
    assert body["detail"] == "提交的数据有误 (共 2 处)"


def test_duplicate_uscc_is_422(users, api_as, enterprise):
    client = api_as(users[Role.OFFICE])
    before = _state()
    response = client.post(LIST, {"uscc": enterprise.uscc, "name": "重复"})
    assert response.status_code == 422
    assert response.json()["errors"] == {"uscc": [f"统一社会信用代码 {enterprise.uscc} 已存在"]}
    assert _state() == before


def test_model_validation_errors_are_chinese(users, api_as):
    body = {"uscc": make_uscc(), "name": "邮箱错误公司", "contact_email": "not-an-email"}
    response = api_as(users[Role.OFFICE]).post(LIST, body)
    assert response.status_code == 422
    assert response.json()["errors"] == {"contact_email": ["输入一个有效的 Email 地址。"]}


def test_schema_errors_are_chinese(users, api_as, enterprise):
    client = api_as(users[Role.OFFICE])
    response = client.post(
        LIST,
        {"uscc": make_uscc(), "name": "x", "size_class": "huge", "employees": -1, "extra": 1},
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["size_class"] == ["取值应为 '', 'large', 'medium', 'small', 'micro' 之一"]
    assert errors["employees"] == ["不能小于 0"]
    assert errors["extra"] == ["不允许的字段"]
    response = client.post(LIST, {"uscc": make_uscc(), "name": "x", "industry_code": "9999"})
    assert "不是有效的 GB/T 4754-2017 代码" in response.json()["errors"]["industry_code"][0]
    body = {"uscc": make_uscc(), "name": "x", "industry_code": "6513", "industry_section": "C"}
    response = client.post(LIST, body)
    assert response.json()["errors"] == {
        "industry_section": ["行业代码 6513 属于门类 I，与所选门类不一致"]
    }


def test_a_new_industry_code_brings_its_section(users, api_as, enterprise):
    enterprise.industry_code, enterprise.industry_section = "3919", "C"
    enterprise.save()
    client = api_as(users[Role.OFFICE])
    response = client.patch(f"{LIST}/{enterprise.pk}", {"version": 1, "industry_code": "6513"})
    assert response.status_code == 200
    assert (response.json()["industry_code"], response.json()["industry_section"]) == ("6513", "I")


def test_malformed_json_is_400(users, token_for):
    response = Client().post(
        LIST,
        "{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(users[Role.OFFICE])}"},
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "请求格式有误 (请求体应为 JSON)"}


def test_patch_changes_fields_bumps_version_and_audits(users, api_as, enterprise):
    client = api_as(users[Role.OFFICE])
    response = client.patch(
        f"{LIST}/{enterprise.pk}",
        {"version": 1, "name": "郑州测试科技股份有限公司", "employees": 120, "reason": "变更登记"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 2
    assert body["name"] == "郑州测试科技股份有限公司"
    assert body["employees"] == 120
    enterprise.refresh_from_db()
    assert (enterprise.version, enterprise.employees) == (2, 120)
    event = AuditEvent.objects.get(verb="enterprise.updated", object_id=str(enterprise.pk))
    assert event.reason == "变更登记"
    assert event.before == {"name": "郑州测试科技有限公司", "employees": None}
    history = client.get(f"{LIST}/{enterprise.pk}/history").json()
    assert [e["verb"] for e in history] == ["enterprise.updated"]
    assert history[0]["after"]["employees"] == 120


def test_patch_with_a_stale_version_is_409_and_changes_nothing(users, api_as, enterprise):
    client = api_as(users[Role.OFFICE])
    first = client.patch(f"{LIST}/{enterprise.pk}", {"version": 1, "address": "长椿路11号"})
    assert first.status_code == 200
    before = _state()
    response = client.patch(f"{LIST}/{enterprise.pk}", {"version": 1, "name": "过期修改"})
    assert response.status_code == 409
    assert "已被他人修改" in response.json()["detail"]
    enterprise.refresh_from_db()
    assert (enterprise.name, enterprise.version) == ("郑州测试科技有限公司", 2)
    assert _state() == before


@pytest.mark.parametrize("role", [Role.DEPARTMENT, Role.LEADER])
def test_readers_may_not_patch(users, api_as, enterprise, role):
    response = api_as(users[role]).patch(f"{LIST}/{enterprise.pk}", {"version": 1, "name": "改"})
    assert response.status_code == 403
    enterprise.refresh_from_db()
    assert enterprise.version == 1


def test_patch_refuses_null_for_text_and_unknown_fields(users, api_as, enterprise):
    client = api_as(users[Role.OFFICE])
    response = client.patch(f"{LIST}/{enterprise.pk}", {"version": 1, "name": None, "uscc": "x"})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["name"] == ["不能为 null; 如需清空请传空字符串"]
    assert errors["uscc"] == ["不允许的字段"]
    response = client.patch(f"{LIST}/{enterprise.pk}", {"name": "无版本"})
    assert response.json()["errors"] == {"version": ["必填"]}


def test_patch_may_clear_an_optional_value(users, api_as, enterprise):
    enterprise.size_class = "small"
    enterprise.employees = 10
    enterprise.save()
    client = api_as(users[Role.OFFICE])
    response = client.patch(
        f"{LIST}/{enterprise.pk}", {"version": 1, "size_class": "", "employees": None}
    )
    assert response.status_code == 200
    assert (response.json()["size_class"], response.json()["employees"]) == ("", None)
