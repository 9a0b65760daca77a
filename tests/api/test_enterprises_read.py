import pytest

from tests.conftest import make_uscc
from yingshang.kernel.models import (
    Enterprise,
    Qualification,
    QualificationKind,
    Role,
)

LIST = "/api/registry/enterprises"


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_office_sees_only_its_zone(users, api_as, enterprise, other_enterprise):
    client = api_as(users[Role.OFFICE])
    assert _ids(client.get(LIST)) == {enterprise.pk}
    assert client.get(f"{LIST}/{enterprise.pk}").status_code == 200
    hidden = client.get(f"{LIST}/{other_enterprise.pk}")
    missing = client.get(f"{LIST}/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json() == {"detail": "对象不存在或无权查看"}
    assert client.get(f"{LIST}/{other_enterprise.pk}/history").status_code == 404
    assert client.patch(f"{LIST}/{other_enterprise.pk}", {"version": 1}).status_code == 404


def test_admin_sees_every_zone_and_may_filter_by_zone(
    users, api_as, enterprise, other_enterprise, other_zone
):
    client = api_as(users[Role.ADMIN])
    assert _ids(client.get(LIST)) == {enterprise.pk, other_enterprise.pk}
    assert _ids(client.get(LIST, zone_id=other_zone.pk)) == {other_enterprise.pk}


def test_enterprise_user_sees_only_its_own(users, api_as, enterprise, zone):
    neighbour = Enterprise.objects.create(uscc=make_uscc(), name="同区邻居有限公司", zone=zone)
    client = api_as(users[Role.ENTERPRISE])
    assert _ids(client.get(LIST)) == {enterprise.pk}
    assert client.get(f"{LIST}/{enterprise.pk}").status_code == 200
    assert client.get(f"{LIST}/{neighbour.pk}").status_code == 404


def test_leader_and_department_read(users, api_as, enterprise):
    for role in (Role.LEADER, Role.DEPARTMENT):
        client = api_as(users[role])
        assert _ids(client.get(LIST)) == {enterprise.pk}
        assert client.get(f"{LIST}/{enterprise.pk}/history").status_code == 200


def test_supervisor_may_not_list_and_sees_no_enterprise(users, api_as, enterprise):
    client = api_as(users[Role.SUPERVISOR])
    response = client.get(LIST)
    assert response.status_code == 403
    assert response.json()["detail"].startswith("无权访问")
    assert client.get(f"{LIST}/{enterprise.pk}").status_code == 404


def test_enterprise_user_may_not_read_history(users, api_as, enterprise):
    response = api_as(users[Role.ENTERPRISE]).get(f"{LIST}/{enterprise.pk}/history")
    assert response.status_code == 403


def test_detail_has_qualifications_labels_and_version(users, api_as, enterprise):
    kind = QualificationKind.objects.get(code="high_tech")
    Qualification.objects.create(enterprise=enterprise, kind=kind, certificate_no="GR2024410001")
    body = api_as(users[Role.OFFICE]).get(f"{LIST}/{enterprise.pk}").json()
    assert body["uscc"] == enterprise.uscc
    assert body["version"] == 1
    assert body["status_label"] == "存续"
    assert body["entity_type_label"] == "企业"
    assert body["zone_name"] == "郑州高新技术产业开发区"
    assert body["qualifications"] == [
        {
            "kind": "high_tech",
            "kind_name": "高新技术企业",
            "certificate_no": "GR2024410001",
            "valid_from": None,
            "valid_until": None,
        }
    ]


def test_filters(users, api_as, zone, enterprise):
    micro = Enterprise.objects.create(
        uscc=make_uscc(), name="郑州小微商贸部", zone=zone, size_class="micro", status="suspended"
    )
    kind = QualificationKind.objects.get(code="specialized")
    Qualification.objects.create(enterprise=micro, kind=kind)
    client = api_as(users[Role.OFFICE])
    assert _ids(client.get(LIST, size_class="micro")) == {micro.pk}
    assert _ids(client.get(LIST, status="active")) == {enterprise.pk}
    assert _ids(client.get(LIST, qualification="specialized")) == {micro.pk}
    assert _ids(client.get(LIST, q="小微")) == {micro.pk}
    assert _ids(client.get(LIST, q=micro.uscc[:10])) >= {micro.pk}


@pytest.mark.parametrize("limit", [1, 3, 7, 500])
def test_cursor_paging_returns_every_row_exactly_once(users, api_as, zone, enterprise, limit):
    for n in range(11):
        Enterprise.objects.create(uscc=make_uscc(), name=f"分页测试{n}号有限公司", zone=zone)
    expected = set(Enterprise.objects.filter(zone=zone).values_list("pk", flat=True))
    client = api_as(users[Role.OFFICE])
    seen: list[int] = []
    cursor = None
    for _page in range(50):
        params = {"limit": limit} | ({"cursor": cursor} if cursor is not None else {})
        body = client.get(LIST, **params).json()
        assert len(body["items"]) <= limit
        assert "count" not in body and "total" not in body
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen, reverse=True) == seen
    assert len(seen) == len(set(seen)) == len(expected)
    assert set(seen) == expected


def test_limit_over_500_is_a_validation_error(users, api_as):
    response = api_as(users[Role.OFFICE]).get(LIST, limit=501)
    assert response.status_code == 422
    assert response.json() == {"detail": "不能大于 500", "errors": {"limit": ["不能大于 500"]}}


def test_zones_and_departments_are_scoped(users, api_as, zone, other_zone, departments):
    office = api_as(users[Role.OFFICE])
    assert [z["code"] for z in office.get("/api/registry/zones").json()] == ["zzgx"]
    codes = {d["code"] for d in office.get("/api/registry/departments").json()}
    assert codes == {"xzsp", "scjg"}
    admin = api_as(users[Role.ADMIN])
    assert {z["code"] for z in admin.get("/api/registry/zones").json()} == {"zzgx", "lyjk"}
    assert admin.get("/api/registry/departments", zone_id=other_zone.pk).json() == []
    assert api_as(users[Role.ENTERPRISE]).get("/api/registry/departments").json() == []


def test_an_unexpected_error_is_a_json_500(users, api_as, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("yingshang.enterprises.api.org.zones_visible_to", broken)
    response = api_as(users[Role.OFFICE]).get("/api/registry/zones")
    assert response.status_code == 500
    assert response.json() == {"detail": "服务器内部错误，请稍后重试或联系管理员"}
