"""The zone's division of work per indicator (指标责任部门) proposes the departments of a plan
drafted from an evaluation and of the problems drawn from its weaknesses; where it names none,
the department is left to be assigned and the pages say so."""

import datetime as dt

import pytest

from yingshang.audit.models import AuditEvent
from yingshang.audit.templatetags.audit import verb_label
from yingshang.core.evaluation.loading import preset_names
from yingshang.kernel.models import Department, Role
from yingshang.rectification.admin import IndicatorDepartmentForm
from yingshang.rectification.models import IndicatorDepartment, Problem
from yingshang.rectification.services.plans import draft_plan_from_run
from yingshang.rectification.services.problems import create_problem

needs_preset = pytest.mark.skipif(
    "henan-zone" not in preset_names(), reason="预置方法 henan-zone 尚未提供"
)
DRAFTED_ON = dt.date(2026, 3, 2)


@pytest.fixture
def demo_run(zone, users):
    from yingshang.demo import reference as ref
    from yingshang.evaluation.demo import build_demo_evaluation
    from yingshang.kernel.models import Zone

    peers = [Zone.objects.create(**row) for row in ref.PEER_ZONES]
    return build_demo_evaluation(zone=zone, peers=peers, actor=users[Role.OFFICE]).runs[-1]


@pytest.fixture
def more_departments(zone, departments):
    rows = [
        ("zrgh", "自然资源规划建设局"),
        ("fwy", "服务业促进局"),
        ("kjj", "科学技术局"),
        ("swj", "税务局"),
        ("jjfz", "经济发展局"),
    ]
    made = {code: Department.objects.create(zone=zone, code=code, name=name) for code, name in rows}
    return departments | made


def divide(zone, indicator: str, lead: Department, *supporting: Department) -> None:
    row = IndicatorDepartment.objects.create(zone=zone, indicator=indicator, lead_department=lead)
    row.supporting_departments.set(supporting)


def draft(users, run):
    return draft_plan_from_run(
        actor=users[Role.OFFICE], run=run, weak_limit=None, reported_on=DRAFTED_ON
    )


@needs_preset
def test_the_plan_takes_its_departments_from_the_division_of_work(
    users, zone, more_departments, demo_run
):
    d = more_departments
    divide(zone, "starting_business", d["scjg"], d["swj"], d["scjg"])
    divide(zone, "construction_permits", d["zrgh"])
    divide(zone, "innovation_environment", d["fwy"], d["kjj"])
    divide(zone, "industrial_ecology", d["jjfz"])
    plan = draft(users, demo_run)
    items = {item.indicator: item for item in plan.items.all()}
    assert items["starting_business"].lead_department == d["scjg"]
    # The lead is never its own supporter.
    supporting = items["starting_business"].supporting_departments.all()
    assert list(supporting) == [d["swj"]]
    assert items["construction_permits"].lead_department == d["zrgh"]
    assert items["innovation_environment"].lead_department == d["fwy"]
    assert items["government_services"].lead_department is None
    problems = Problem.objects.filter(evaluation_run=demo_run)
    assert problems.exists()
    expected = {
        # The sub-indicator's own row wins over the top-level indicator's.
        "industrial_ecology_": d["jjfz"],
        "innovation_activity_": d["fwy"],
        "financial_environment_": d["fwy"],
        "opening_up_": d["fwy"],
        "talent_services_": d["fwy"],
        "starting_business_": d["scjg"],
        "construction_permits_": d["zrgh"],
        "government_services_": None,
        "market_regulation_": None,
    }
    for problem in problems:
        prefix = next(p for p in expected if problem.indicator.startswith(p))
        assert problem.department == expected[prefix], problem.indicator
    assert problems.filter(indicator__startswith="industrial_ecology_").exists()
    assert problems.filter(indicator__startswith="opening_up_").exists()
    drafted = AuditEvent.objects.get(verb="plan.drafted")
    assert drafted.after["problems_to_assign"] == problems.filter(department=None).count() > 0


@needs_preset
def test_without_a_division_of_work_every_department_is_left_to_assign(users, zone, demo_run):
    plan = draft(users, demo_run)
    assert not plan.items.exclude(lead_department=None).exists()
    problems = Problem.objects.filter(evaluation_run=demo_run)
    assert problems.exists() and not problems.exclude(department=None).exists()


@needs_preset
def test_an_inactive_lead_department_proposes_nothing(users, zone, more_departments, demo_run):
    retired = more_departments["zrgh"]
    divide(zone, "construction_permits", retired)
    Department.objects.filter(pk=retired.pk).update(is_active=False)
    plan = draft(users, demo_run)
    assert plan.items.get(indicator="construction_permits").lead_department is None


def test_a_weakness_registered_by_hand_takes_its_indicators_lead(users, zone, more_departments):
    divide(zone, "paying_taxes", more_departments["swj"])
    office = users[Role.OFFICE]

    def register(**fields):
        return create_problem(
            actor=office, zone=zone, title="纳税时间长", grade="B", reported_on=DRAFTED_ON, **fields
        )

    proposed = register(source="evaluation", indicator="paying_taxes")
    assert proposed.department == more_departments["swj"]
    chosen = register(
        source="evaluation", indicator="paying_taxes", department=more_departments["scjg"]
    )
    assert chosen.department == more_departments["scjg"]
    assert register(source="evaluation", indicator="enforcing_contracts").department is None
    assert register(source="appeal", indicator="paying_taxes").department is None


def test_the_ledger_shows_a_problem_without_department_as_to_be_assigned(client_for, users, zone):
    create_problem(
        actor=users[Role.OFFICE],
        zone=zone,
        title="执行合同时间长",
        source="evaluation",
        grade="B",
        reported_on=DRAFTED_ON,
        indicator="enforcing_contracts",
    )
    page = client_for(Role.OFFICE).get("/rectification/problems/").content.decode()
    row = page[page.index("执行合同时间长") :]
    row = row[: row.index("</tr>")]
    assert "待指定牵头部门" in row


@needs_preset
def test_the_plan_page_shows_an_item_without_lead_as_to_be_assigned(
    client_for, users, zone, more_departments, demo_run
):
    divide(zone, "starting_business", more_departments["scjg"])
    plan = draft(users, demo_run)
    page = client_for(Role.OFFICE).get(f"/rectification/plans/{plan.pk}/").content.decode()
    assert page.count("待指定牵头部门") == plan.items.filter(lead_department=None).count() > 0


def test_the_admin_refuses_another_zones_departments(zone, other_zone, departments):
    stranger = Department.objects.create(zone=other_zone, code="lyjg", name="洛阳市场监管局")
    data = {"zone": zone.pk, "indicator": "starting_business", "indicator_name": "开办企业"}
    wrong_lead = IndicatorDepartmentForm(data | {"lead_department": stranger.pk})
    assert not wrong_lead.is_valid()
    wrong_support = IndicatorDepartmentForm(
        data | {"lead_department": departments["scjg"].pk, "supporting_departments": [stranger.pk]}
    )
    assert not wrong_support.is_valid()
    right = IndicatorDepartmentForm(
        data
        | {
            "lead_department": departments["scjg"].pk,
            "supporting_departments": [departments["xzsp"].pk],
        }
    )
    assert right.is_valid(), right.errors


def test_an_administrator_edits_the_division_of_work_in_the_admin(client_for, zone, departments):
    client = client_for(Role.ADMIN)
    response = client.post(
        "/admin/rectification/indicatordepartment/add/",
        {
            "zone": zone.pk,
            "indicator": "starting_business",
            "indicator_name": "开办企业",
            "lead_department": departments["scjg"].pk,
            "supporting_departments": [departments["xzsp"].pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    row = IndicatorDepartment.objects.get(zone=zone, indicator="starting_business")
    assert row.lead_department == departments["scjg"]
    assert list(row.supporting_departments.all()) == [departments["xzsp"]]
    event = AuditEvent.objects.get(verb="indicatordepartment.created")
    assert event.object_id == str(row.pk)
    assert verb_label("indicatordepartment.created") == "新增指标责任部门"
