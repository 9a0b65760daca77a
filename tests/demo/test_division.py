"""In the demo every indicator is led by the department that owns it: the zone's division of
work is data (one row per indicator), the plan's items and the problems drawn from the
evaluation's weaknesses take their departments from it, and each task is worked by its own
lead department."""

import pytest

from yingshang.core.rectification.workflow import Action
from yingshang.demo import reference as ref
from yingshang.evaluation.public import run_result
from yingshang.rectification.models import (
    IndicatorDepartment,
    Plan,
    Problem,
    ProblemSource,
    Task,
    TaskRecord,
)

pytestmark = pytest.mark.django_db

OWNERS = {
    "开办企业": "市场监督管理局高新区分局",
    "办理建筑许可": "自然资源规划建设局",
    "政务服务": "行政审批服务局",
    "市场监管": "市场监督管理局高新区分局",
    "产业创新环境": "服务业促进局",
}


def test_the_division_of_work_is_the_zones_data(demo):
    rows = IndicatorDepartment.objects.filter(zone=demo.zone).select_related("lead_department")
    table = {row.indicator: row for row in rows}
    assert set(table) == {indicator for indicator, *_ in ref.INDICATOR_DEPARTMENTS}
    for indicator, name, lead, supporting in ref.INDICATOR_DEPARTMENTS:
        row = table[indicator]
        assert (row.indicator_name, row.lead_department.code) == (name, lead)
        assert sorted(row.supporting_departments.values_list("code", flat=True)) == sorted(
            supporting
        )
    assert table["paying_taxes"].lead_department.name == "税务局"


def test_each_item_of_the_plan_is_led_by_the_department_that_owns_its_indicator(demo):
    plan = Plan.objects.get(zone=demo.zone)
    items = {item.indicator_name: item for item in plan.items.select_related("lead_department")}
    assert {name: item.lead_department.name for name, item in items.items()} == OWNERS
    table = {row.indicator: row for row in IndicatorDepartment.objects.filter(zone=demo.zone)}
    for item in items.values():
        expected = set(table[item.indicator].supporting_departments.all())
        assert set(item.supporting_departments.all()) == expected, item.indicator_name
        for task in item.tasks.all():
            assert task.lead_department == item.lead_department, task.code
            assert set(task.supporting_departments.all()) == expected, task.code


def test_every_weakness_on_the_ledger_has_the_department_of_its_indicator(demo):
    weaknesses = Problem.objects.filter(zone=demo.zone, source=ProblemSource.EVALUATION)
    assert weaknesses.count() >= 10
    assert not weaknesses.filter(department__isnull=True).exists()
    table = {row.indicator: row.lead_department_id for row in IndicatorDepartment.objects.all()}
    methodology = run_result(weaknesses.first().evaluation_run).methodology
    for problem in weaknesses:
        node = problem.indicator
        while node not in table:
            node = methodology.nodes[node].parent
        assert problem.department_id == table[node], problem.indicator
    # 开放环境 is 服务业促进局's, 产业生态环境 经济发展局's, not the top-level indicator's.
    by_area = {p.indicator.split("_")[0]: p.department.name for p in weaknesses}
    assert by_area["opening"] == "服务业促进局"
    assert by_area["industrial"] == "经济发展局"


def test_the_ledger_names_the_departments_that_own_the_problems(demo):
    problems = {p.title: p.department.name for p in Problem.objects.filter(zone=demo.zone)}
    assert problems["政务服务大厅周末延时服务落实不到位"] == "行政审批服务局"
    assert problems["园区企业招聘信息发布渠道少"] == "人力资源和社会保障局"
    assert problems["施工许可办理环节多、材料重复提交"] == "自然资源规划建设局"


def test_every_task_is_worked_by_its_own_lead_department(demo):
    department_steps = [Action.START.value, Action.REPORT.value, Action.SUBMIT.value]
    records = TaskRecord.objects.filter(
        task__zone=demo.zone, action__in=department_steps
    ).select_related("actor", "task")
    assert records.count() > 10
    for record in records:
        assert record.actor.department_id == record.task.lead_department_id, record.task.code
    leads = set(Task.objects.filter(zone=demo.zone).values_list("lead_department__code", flat=True))
    assert {"xzsp", "fwy", "rsj"} <= leads
