"""The public Open311 GeoReport v2 endpoint: no sign-in, the spec's fields, only accepted,
non-anonymous, unmerged cases, and nothing personal: no names, numbers, enterprise or content."""

import pytest
from django.test import Client

from tests.appeals.api.conftest import new_appeal
from yingshang.appeals.selectors.public import public_title
from yingshang.kernel.models import Role

OPEN311 = "/api/open311/v2"
REQUEST_FIELDS = {
    "service_request_id", "status", "status_notes", "service_name", "service_code",
    "description", "agency_responsible", "service_notice", "requested_datetime",
    "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long",
    "media_url",
}  # fmt: skip
SECRET = "厂区内部配电图纸与合同金额三百万元"


@pytest.fixture
def cases(as_role, departments, enterprise):
    """A closed case, a handled one whose title names the enterprise, its applicant and a phone,
    one still under review, an anonymous one and a merged one."""
    office, department = as_role(Role.OFFICE), as_role(Role.DEPARTMENT)
    company = as_role(Role.ENTERPRISE)

    actors = {"start": department, "reply": department, "rating": company}

    def advance(appeal, *steps):
        for action, body in steps:
            response = actors.get(action, office).act(
                appeal["id"], action, appeal["version"], **body
            )
            assert response.status_code == 200, (action, response.json())
            appeal = response.json()
        return appeal

    dispatch = ("dispatch", {"department_id": departments["scjg"].pk})
    named = f"{enterprise.name}张三反映停电，电话13812345678"
    handled = advance(
        new_appeal(office, enterprise_id=enterprise.pk, title=named, content=SECRET),
        ("accept", {}),
        dispatch,
        ("start", {}),
    )
    closed = advance(
        new_appeal(
            office,
            kind="enquiry",
            title="咨询高企认定条件",
            content=SECRET,
            enterprise_id=enterprise.pk,
        ),
        ("accept", {}),
        dispatch,
        ("start", {}),
        ("reply", {"text": "已答复"}),
        ("visit", {"note": "已回访"}),
        ("rating", {"level": "satisfied"}),
        ("close", {}),
    )
    waiting = new_appeal(office, title="待受理的诉求", content=SECRET)
    anonymous = advance(
        new_appeal(office, anonymous=True, title="匿名反映", content=SECRET), ("accept", {})
    )
    target = advance(new_appeal(office, title="原诉求"), ("accept", {}))
    duplicate = advance(new_appeal(office, title="重复诉求"), ("merge", {"into_id": target["id"]}))
    return {
        "handled": handled,
        "closed": closed,
        "target": target,
        "hidden": [waiting, anonymous, duplicate],
    }


def test_services_are_the_kinds(db):
    response = Client().get(f"{OPEN311}/services.json")
    assert response.status_code == 200
    services = {s["service_code"]: s for s in response.json()}
    assert {"complaint", "enquiry", "emergency"} <= set(services)
    complaint = services["complaint"]
    assert set(complaint) == {
        "service_code", "service_name", "description", "metadata", "type", "keywords", "group"
    }  # fmt: skip
    assert complaint["service_name"] == "投诉举报"
    assert (complaint["metadata"], complaint["type"]) == (False, "batch")
    assert "13个工作日" in complaint["description"]


def test_requests_list_only_public_cases_newest_first(cases):
    response = Client().get(f"{OPEN311}/requests.json")
    assert response.status_code == 200
    rows = response.json()
    ids = [row["service_request_id"] for row in rows]
    expected = [cases[n]["id"] for n in ("target", "closed", "handled")]
    assert ids == [str(pk) for pk in expected]
    assert all(set(row) == REQUEST_FIELDS for row in rows)
    closed = next(r for r in rows if r["service_request_id"] == str(cases["closed"]["id"]))
    assert (closed["status"], closed["status_notes"]) == ("closed", "已办结")
    assert closed["agency_responsible"] == "市场监督管理局高新区分局"
    assert closed["expected_datetime"] and closed["requested_datetime"]
    assert (closed["lat"], closed["long"], closed["address"], closed["media_url"]) == (None,) * 4


def test_requests_filter_by_service_status_and_date(cases):
    client = Client()
    closed = client.get(f"{OPEN311}/requests.json", {"status": "closed"}).json()
    assert [r["service_request_id"] for r in closed] == [str(cases["closed"]["id"])]
    enquiries = client.get(f"{OPEN311}/requests.json", {"service_code": "enquiry"}).json()
    assert [r["service_code"] for r in enquiries] == ["enquiry"]
    future = client.get(f"{OPEN311}/requests.json", {"start_date": "2099-01-01T00:00:00+08:00"})
    assert future.json() == []
    bad = client.get(f"{OPEN311}/requests.json", {"status": "pending"})
    assert bad.status_code == 422
    assert bad.json()["errors"] == {"status": ["状态只能是 open 或 closed"]}


def test_nothing_personal_leaves(cases, enterprise):
    body = Client().get(f"{OPEN311}/requests.json").content.decode()
    for secret in (enterprise.name, enterprise.uscc, "张三", "13812345678", "410105", SECRET):
        assert secret not in body, secret
    row = Client().get(f"{OPEN311}/requests/{cases['handled']['id']}.json").json()
    assert row[0]["description"] == "某企业某某反映停电，电话***"


def test_one_request_and_hidden_ones(cases):
    client = Client()
    one = client.get(f"{OPEN311}/requests/{cases['closed']['id']}.json")
    assert one.status_code == 200 and len(one.json()) == 1
    for appeal in cases["hidden"]:
        assert client.get(f"{OPEN311}/requests/{appeal['id']}.json").status_code == 404
    assert client.get(f"{OPEN311}/requests/abc.json").status_code == 404


def test_jurisdiction_is_the_zone_code(cases, zone):
    client = Client()
    assert len(client.get(f"{OPEN311}/requests.json", {"jurisdiction_id": zone.code}).json()) == 3
    assert client.get(f"{OPEN311}/services.json", {"jurisdiction_id": "nope"}).status_code == 404


def test_public_title_takes_out_names_and_numbers():
    title = public_title(
        "某某甲公司李四反映 0371-6789 1234 与 91410100MA44XXXX1J 的事",
        names=["某某甲公司"],
        people=["李四"],
    )
    assert title == "某企业某某反映 *** 与 *** 的事"
