"""Who may not: another department's or another enterprise's appeal is not found (404), a
supervisor may not register one (403), a role that may not take an action gets 403, a stale
version 409 in Chinese, and bad data 422 in Chinese."""

import pytest

from tests.appeals.api.conftest import BASE, new_appeal
from yingshang.appeals.models import Appeal
from yingshang.kernel.models import Role


@pytest.fixture
def dispatched(as_role, departments, enterprise):
    """An appeal of the zone's enterprise dispatched to 市场监管 (scjg)."""
    office = as_role(Role.OFFICE)
    appeal = new_appeal(office, enterprise_id=enterprise.pk)
    office.act(appeal["id"], "accept", appeal["version"])
    response = office.act(appeal["id"], "dispatch", 2, department_id=departments["scjg"].pk)
    return response.json()


def test_another_department_does_not_find_the_appeal(api_as, other_department_user, dispatched):
    other = api_as(other_department_user)
    assert other.detail(dispatched["id"]).status_code == 404
    assert other.act(dispatched["id"], "start", dispatched["version"]).status_code == 404
    assert other.get(f"{BASE}/").json()["items"] == []


def test_another_enterprise_does_not_find_the_appeal(api_as, neighbour, as_role):
    own = new_appeal(as_role(Role.ENTERPRISE))
    other = api_as(neighbour)
    assert other.detail(own["id"]).status_code == 404
    assert other.act(own["id"], "rating", own["version"], level="satisfied").status_code == 404
    assert other.get(f"{BASE}/").json()["items"] == []


def test_an_enterprise_files_only_for_itself(as_role, neighbour):
    response = as_role(Role.ENTERPRISE).post(
        f"{BASE}/",
        {
            "kind": "complaint",
            "title": "代他人反映",
            "content": "内容",
            "applicant_name": "李四",
            "enterprise_id": neighbour.enterprise_id,
        },
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "企业用户只能为本企业提出诉求"


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.LEADER, Role.DEPARTMENT])
def test_roles_without_intake_may_not_register(as_role, role):
    body = {"kind": "complaint", "title": "标题", "content": "内容", "applicant_name": "张三"}
    response = as_role(role).post(f"{BASE}/", body)
    assert response.status_code == 403
    assert Appeal.objects.count() == 0


def test_a_supervisor_may_not_read_appeals(as_role, dispatched):
    supervisor = as_role(Role.SUPERVISOR)
    assert supervisor.get(f"{BASE}/").status_code == 403
    assert supervisor.detail(dispatched["id"]).status_code == 403


@pytest.mark.parametrize(
    ("role", "action", "body"),
    [
        (Role.LEADER, "start", {}),
        (Role.OFFICE, "reply", {"text": "答复"}),
        (Role.ENTERPRISE, "suspend", {"reason": "理由"}),
        (Role.DEPARTMENT, "dispatch", {"department_id": 1}),
    ],
)
def test_a_role_that_may_not_act_gets_403(as_role, dispatched, role, action, body):
    response = as_role(role).act(dispatched["id"], action, dispatched["version"], **body)
    assert response.status_code == 403, response.json()
    assert Appeal.objects.get(pk=dispatched["id"]).state == "dispatched"


def test_a_leader_may_not_accept(as_role):
    appeal = new_appeal(as_role(Role.OFFICE))
    response = as_role(Role.LEADER).act(appeal["id"], "accept", appeal["version"])
    assert response.status_code == 403
    assert response.json()["detail"] == "您的角色不能受理"


def test_a_stale_version_is_409_in_chinese_and_changes_nothing(as_role, dispatched):
    department = as_role(Role.DEPARTMENT)
    stale = dispatched["version"] - 1
    response = department.act(dispatched["id"], "start", stale)
    assert response.status_code == 409
    assert response.json()["detail"] == (
        f"该诉求已被他人修改 (当前版本 {dispatched['version']}，您编辑的是版本 {stale})，"
        "请刷新后重试"
    )
    assert Appeal.objects.get(pk=dispatched["id"]).state == "dispatched"


def test_a_stale_version_stops_an_extension_request(as_role, dispatched):
    department = as_role(Role.DEPARTMENT)
    department.act(dispatched["id"], "start", dispatched["version"])
    response = department.post(
        f"{BASE}/{dispatched['id']}/extensions",
        {"version": dispatched["version"], "requested_until": "2099-01-05", "reason": "勘查"},
    )
    assert response.status_code == 409
    assert "该诉求已被他人修改" in response.json()["detail"]


def test_the_workflow_refuses_in_chinese(as_role, dispatched):
    response = as_role(Role.OFFICE).act(dispatched["id"], "close", dispatched["version"])
    assert response.status_code == 422
    assert response.json()["detail"].startswith("诉求已转办，不能办结归档")


def test_schema_errors_are_422_in_chinese(as_role):
    office = as_role(Role.OFFICE)
    response = office.post(f"{BASE}/", {"kind": "complaint", "content": "内容", "extra": 1})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["title"] == ["必填"] and errors["extra"] == ["不允许的字段"]
    response = office.act(1, "accept", 0)
    assert response.status_code == 422 and response.json()["errors"]["version"] == ["不能小于 1"]


def test_service_errors_are_422_in_chinese(as_role):
    office = as_role(Role.OFFICE)
    body = {"kind": "complaint", "title": "标题", "content": "内容"}
    response = office.post(f"{BASE}/", body)
    assert response.status_code == 422
    assert response.json()["errors"] == {"applicant_name": ["实名诉求请填写诉求人姓名"]}
    response = office.post(f"{BASE}/", body | {"kind": "no_such", "anonymous": True})
    assert response.json()["errors"]["kind"][0].startswith("未知的诉求类型")
