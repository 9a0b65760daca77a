"""The whole life of an appeal through the API: intake online, acceptance, dispatch, handling
with a suspension and an extension, reply, return visit, a 差评 with its dispute and
rectification, closure and a reopening; and the other paths (rejection, send-back, merge)."""

import datetime as dt

from tests.appeals.api.conftest import BASE, new_appeal
from yingshang.appeals.models import Appeal
from yingshang.audit.models import AuditEvent
from yingshang.kernel.models import Role


def _step(client, appeal: dict, action: str, **body) -> dict:
    response = client.act(appeal["id"], action, appeal["version"], **body)
    assert response.status_code == 200, (action, response.json())
    return response.json()


def test_an_appeal_from_intake_to_reopening(as_role, departments, enterprise):
    office, department = as_role(Role.OFFICE), as_role(Role.DEPARTMENT)
    leader, company = as_role(Role.LEADER), as_role(Role.ENTERPRISE)

    appeal = new_appeal(company, channel="phone", title="园区道路积水影响出入")
    assert (appeal["state"], appeal["channel"]) == ("received", "online")
    assert appeal["enterprise"] == {"id": enterprise.pk, "name": enterprise.name}

    appeal = _step(office, appeal, "accept")
    assert appeal["state"] == "accepted" and appeal["handling_deadline"]
    appeal = _step(office, appeal, "dispatch", department_id=departments["scjg"].pk)
    assert appeal["lead_department"]["id"] == departments["scjg"].pk
    appeal = _step(department, appeal, "start")
    appeal = _step(department, appeal, "suspend", reason="等待企业补充现场照片")
    assert appeal["state"] == "suspended"
    appeal = _step(department, appeal, "resume")

    until = dt.date.fromisoformat(appeal["handling_deadline"]) + dt.timedelta(days=10)
    response = department.post(
        f"{BASE}/{appeal['id']}/extensions",
        {"version": appeal["version"], "requested_until": until.isoformat(), "reason": "需勘查"},
    )
    assert response.status_code == 201, response.json()
    extension = response.json()
    assert extension["status"] == "pending"
    response = leader.post(
        f"{BASE}/{appeal['id']}/extensions/{extension['id']}/decision",
        {"version": appeal["version"], "approve": True},
    )
    assert response.json()["status"] == "approved"
    appeal = department.detail(appeal["id"]).json()
    assert appeal["handling_deadline"] == until.isoformat()

    appeal = _step(department, appeal, "reply", text="已疏通排水管网。")
    appeal = _step(office, appeal, "visit", note="电话回访，企业确认积水已排除。")
    appeal = _step(company, appeal, "rating", level="dissatisfied", reason="排水仍慢")
    assert appeal["state"] == "rated"
    rating = appeal["ratings"][0]
    assert rating["level_label"] == "不满意" and rating["rectification"]["status"] == "open"

    ratings = f"{BASE}/{appeal['id']}/ratings/{rating['id']}"
    version = appeal["version"]
    response = department.post(f"{ratings}/dispute", {"version": version, "reason": "已按规办理"})
    assert response.json()["dispute_state"] == "pending"
    response = leader.post(
        f"{ratings}/dispute-decision", {"version": version, "upheld": True, "note": "维持"}
    )
    assert response.json()["dispute_state"] == "upheld"
    response = department.post(f"{ratings}/rectification", {"version": version, "note": "已整改"})
    assert response.json()["rectification"]["status"] == "done"

    appeal = _step(office, appeal, "close")
    assert appeal["state"] == "closed" and appeal["closed_on"]
    appeal = _step(office, appeal, "reopen", reason="企业再次反映积水")
    assert (appeal["state"], appeal["reopen_count"]) == ("handling", 1)

    actions = [record["action"] for record in appeal["records"]]
    assert actions == [
        "receive", "accept", "dispatch", "start", "suspend", "resume", "reply", "visit",
        "rate", "close", "reopen",
    ]  # fmt: skip
    verbs = set(
        AuditEvent.objects.filter(object_id=str(appeal["id"])).values_list("verb", flat=True)
    )
    assert {"appeal.received", "appeal.closed", "appeal_extension.approved"} <= verbs


def test_a_rejection_is_proposed_and_approved(as_role):
    office, leader = as_role(Role.OFFICE), as_role(Role.LEADER)
    appeal = new_appeal(office)
    appeal = _step(office, appeal, "rejection-proposal", reason="不属于营商环境诉求范围")
    assert appeal["state"] == "rejection_pending"
    appeal = _step(leader, appeal, "rejection-decision", approve=True)
    assert appeal["state"] == "rejected"
    assert appeal["rejection_reason"] == "不属于营商环境诉求范围"


def test_a_sent_back_appeal_is_dispatched_again(as_role, departments):
    office, department = as_role(Role.OFFICE), as_role(Role.DEPARTMENT)
    appeal = _step(office, new_appeal(office), "accept")
    appeal = _step(office, appeal, "dispatch", department_id=departments["scjg"].pk)
    appeal = _step(department, appeal, "send-back", reason="属行政审批事项")
    assert appeal["state"] == "sent_back"
    appeal = _step(office, appeal, "dispatch", department_id=departments["xzsp"].pk)
    assert appeal["lead_department"]["id"] == departments["xzsp"].pk


def test_a_duplicate_is_merged(as_role):
    office = as_role(Role.OFFICE)
    first, second = new_appeal(office), new_appeal(office)
    merged = _step(office, second, "merge", into_id=first["id"])
    assert (merged["state"], merged["merged_into_id"]) == ("merged", first["id"])
    assert Appeal.objects.get(pk=first["id"]).state == "received"


def test_the_list_filters_and_pages_by_key(as_role, departments):
    office = as_role(Role.OFFICE)
    made = [new_appeal(office, title=f"第{n}件：供电不稳") for n in range(5)]
    _step(office, made[0], "accept")
    new_appeal(office, kind="enquiry", title="咨询社保补贴")

    accepted = office.get(f"{BASE}/", state="accepted").json()["items"]
    assert [a["id"] for a in accepted] == [made[0]["id"]]
    assert [a["kind"] for a in office.get(f"{BASE}/", kind="enquiry").json()["items"]] == [
        "enquiry"
    ]
    seen, cursor = [], None
    while True:
        page = office.get(f"{BASE}/", q="供电", limit=2, **({"cursor": cursor} if cursor else {}))
        body = page.json()
        seen += [a["id"] for a in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted((a["id"] for a in made), reverse=True)
    assert office.get(f"{BASE}/", q=made[2]["number"]).json()["items"][0]["id"] == made[2]["id"]
