"""The plan as Word and the problem ledger as Excel, parsed back and checked line by line."""

import datetime as dt
import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from yingshang.core.evaluation import diagnosis
from yingshang.core.evaluation.methodology import ROOT
from yingshang.evaluation.selectors import run_result
from yingshang.kernel.models import Department, Role
from yingshang.rectification.documents import build_ledger_xlsx, build_plan_docx
from yingshang.rectification.models import Plan, PlanItem, Problem, Task

pytestmark = pytest.mark.django_db

TITLE = "关于印发2024年郑州高新区营商环境评价指标整改提升工作方案的通知"


@pytest.fixture
def tax(zone):
    return Department.objects.create(zone=zone, code="sw", name="税务局")


def _problem(zone, code, title, description="", **fields) -> Problem:
    defaults = {"source": "evaluation", "grade": "B", "reported_on": dt.date(2024, 5, 20)}
    return Problem.objects.create(
        zone=zone, code=code, title=title, description=description, **{**defaults, **fields}
    )


def _task(zone, code, lead, *, item=None, supporting=(), problems=(), **fields) -> Task:
    task = Task.objects.create(
        zone=zone,
        code=code,
        lead_department=lead,
        plan=item.plan if item else None,
        plan_item=item,
        **fields,
    )
    task.supporting_departments.set(supporting)
    task.problems.set(problems)
    return task


@pytest.fixture
def plan(zone, departments, tax, users):
    scjg, xzsp = departments["scjg"], departments["xzsp"]
    plan = Plan.objects.create(
        zone=zone,
        title=TITLE,
        preamble="根据评价报告中指出的问题，特制定本方案。",
        due_on=dt.date(2024, 12, 31),
    )
    opening = PlanItem.objects.create(
        plan=plan,
        order=1,
        indicator="kbqy",
        indicator_name="开办企业",
        responsible_leader="王振海",
        lead_department=scjg,
        standing_sentence="本次评价，开办企业指标得分为87.29分，在纳入评价的18个功能区中排名第10位。",
    )
    opening.supporting_departments.set([tax, xzsp])
    service = PlanItem.objects.create(
        plan=plan,
        order=2,
        indicator="zwfw",
        indicator_name="政务服务",
        responsible_leader="赵文良",
        lead_department=xzsp,
        score=91.57,
        rank=1,
        ranked_count=18,
        average=79.13,
    )
    exit_problem = _problem(
        zone,
        "WT2024-0001",
        "企业注销便利化改革有待深化",
        "市场主体退出便利化的机制不够完善。",
        department=scjg,
    )
    guide_problem = _problem(zone, "WT2024-0002", "开办企业操作指南不明确", grade="C")
    online_problem = _problem(zone, "WT2024-0003", "网上办事系统经常卡顿", department=xzsp)
    opening.problems.set([exit_problem, guide_problem])
    service.problems.set([online_problem])
    _task(
        zone,
        "RW2024-0001",
        scjg,
        item=opening,
        title="完善简易注销",
        measure="不断完善市场主体简易注销登记制度。",
        supporting=[tax, xzsp],
        problems=[exit_problem],
        deadline=dt.date(2024, 12, 31),
        responsible_person=users[Role.DEPARTMENT],
    )
    _task(
        zone,
        "RW2024-0002",
        scjg,
        item=opening,
        title="深化企业名称告知承诺制",
        problems=[guide_problem],
    )
    _task(
        zone,
        "RW2024-0003",
        xzsp,
        item=service,
        title="提高网上服务效率",
        measure="大力推动“一网通办”",
        problems=[online_problem],
    )
    return plan


def _paragraphs(data: bytes) -> list:
    return [p for p in Document(io.BytesIO(data)).paragraphs if p.text.strip()]


def _texts(data: bytes) -> list[str]:
    return [p.text for p in _paragraphs(data)]


def _between(texts: list[str], start: str, end: str | None) -> list[str]:
    i = texts.index(start)
    j = texts.index(end, i) if end else len(texts)
    return texts[i + 1 : j]


def test_plan_document_structure(plan):
    texts = _texts(build_plan_docx(plan))
    assert texts[0] == TITLE
    assert texts[1] == "根据评价报告中指出的问题，特制定本方案。"
    sections = [t for t in texts if t in ("一、评价情况", "二、任务分工", "三、具体要求")]
    assert sections == ["一、评价情况", "二、任务分工", "三、具体要求"]
    assert [t for t in texts if t.startswith("（") and t.endswith(("企业", "服务"))] == [
        "（一）开办企业",
        "（二）政务服务",
    ]

    opening = _between(texts, "（一）开办企业", "（二）政务服务")
    assert opening[:4] == [
        "责任领导：王振海",
        "牵头部门：市场监督管理局高新区分局",
        "配合部门：税务局、行政审批服务局",
        "本次评价，开办企业指标得分为87.29分，在纳入评价的18个功能区中排名第10位。",
    ]
    assert _between(opening, "1.现存问题", "2.整改措施") == [
        "(1)企业注销便利化改革有待深化。市场主体退出便利化的机制不够完善。",
        "(2)开办企业操作指南不明确。",
    ]
    assert _between(opening, "2.整改措施", None) == [
        "(1)不断完善市场主体简易注销登记制度。"
        "（牵头部门：市场监督管理局高新区分局。配合部门：税务局、行政审批服务局。）",
        "(2)深化企业名称告知承诺制。（牵头部门：市场监督管理局高新区分局。）",
    ]

    service = _between(texts, "（二）政务服务", "三、具体要求")
    # No supporting department: no 配合部门 line; the sentence from the frozen figures.
    assert service[:3] == [
        "责任领导：赵文良",
        "牵头部门：行政审批服务局",
        "本次评价，政务服务指标得分为91.57分，在纳入评价的18个功能区中排名第1位，"
        "较全省平均值高12.44分。",
    ]
    assert _between(service, "1.现存问题", "2.整改措施") == ["(1)网上办事系统经常卡顿。"]
    assert _between(service, "2.整改措施", None) == [
        "(1)大力推动“一网通办”。（牵头部门：行政审批服务局。）"
    ]

    requirements = " ".join(_between(texts, "三、具体要求", None))
    assert "完成一个、验收一个、销号一个" in requirements
    assert "2024年12月31日前" in requirements


def test_plan_requirements_and_fonts(plan):
    plan.requirements = "（一）高度重视。\n\n（二）按期完成。"
    plan.save()
    data = build_plan_docx(plan)
    assert _between(_texts(data), "三、具体要求", None) == ["（一）高度重视。", "（二）按期完成。"]

    document = Document(io.BytesIO(data))
    normal = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    heading = document.styles["Heading 1"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "仿宋"
    assert heading.get(qn("w:eastAsia")) == "黑体"
    headings = {p.text: p.style.name for p in document.paragraphs if p.text}
    assert headings["二、任务分工"] == "Heading 1"
    assert headings["（一）开办企业"] == "Heading 2"
    assert headings["1.现存问题"] == "Heading 3"


def test_plan_overview_equals_the_runs_displayed_scores(plan, zone, users):
    from tests.evaluation.helpers import publish

    run = publish(zone, users[Role.OFFICE])
    plan.evaluation_run = run
    plan.save()
    texts = _texts(build_plan_docx(plan))
    overview = _between(texts, "一、评价情况", "二、任务分工")

    result = run_result(run)
    unit = run.focus_unit
    assert unit
    assert overview == diagnosis.overview_sentences(result, unit)
    decimals = result.methodology.ranking.decimals
    joined = "".join(overview)
    for node in (ROOT, *result.methodology.top_level):
        standing = diagnosis.standing(result, unit, node)
        assert f"{standing.displayed_score:.{decimals}f}分" in joined
        assert f"第{standing.rank}位" in joined
    assert overview[0].startswith("本次营商环境评价，我区总体得分为")


def test_plan_overview_without_run_uses_the_items_figures(plan):
    texts = _texts(build_plan_docx(plan))
    assert _between(texts, "一、评价情况", "二、任务分工") == [
        "我区营商环境评价各指标表现：政务服务得分为91.57分，排名第1位。"
    ]


@pytest.fixture
def ledger(plan, departments):
    """The ledger workbook of the plan's zone, one problem with two tasks and a due date."""
    problems = Problem.objects.filter(zone=plan.zone).order_by("code")
    problem = problems.get(code="WT2024-0001")
    problem.due_on = dt.date(2024, 6, 20)
    problem.indicator_name = "开办企业"
    problem.save()
    extra = _task(
        plan.zone, "RW2024-0009", departments["xzsp"], title="加强部门协同", problems=[problem]
    )
    workbook = load_workbook(io.BytesIO(build_ledger_xlsx(problems)))
    return workbook, extra


def test_ledger_rows_match(ledger):
    workbook, extra = ledger
    sheet = workbook["问题台账"]
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "问题编号",
        "问题",
        "来源",
        "分级",
        "责任部门",
        "发现日期",
        "整改时限",
        "状态",
        "对应任务",
        "评价指标",
    )
    assert rows[1:] == [
        (
            "WT2024-0001",
            "企业注销便利化改革有待深化",
            "评价短板",
            "B",
            "市场监督管理局高新区分局",
            dt.datetime(2024, 5, 20),
            dt.datetime(2024, 6, 20),
            "待整改",
            f"RW2024-0001、{extra.code}",
            "开办企业",
        ),
        (
            "WT2024-0002",
            "开办企业操作指南不明确",
            "评价短板",
            "C",
            None,
            dt.datetime(2024, 5, 20),
            None,
            "待整改",
            "RW2024-0002",
            None,
        ),
        (
            "WT2024-0003",
            "网上办事系统经常卡顿",
            "评价短板",
            "B",
            "行政审批服务局",
            dt.datetime(2024, 5, 20),
            None,
            "待整改",
            "RW2024-0003",
            None,
        ),
    ]


def test_ledger_task_rows_match(ledger):
    workbook, _extra = ledger
    tasks = list(workbook["整改任务"].iter_rows(values_only=True))
    assert tasks[0] == (
        "任务编号",
        "任务",
        "清单",
        "牵头部门",
        "配合部门",
        "责任人",
        "完成时限",
        "状态",
    )
    assert [row[0] for row in tasks[1:]] == [
        "RW2024-0001",
        "RW2024-0002",
        "RW2024-0003",
        "RW2024-0009",
    ]
    first = Task.objects.get(code="RW2024-0001")
    assert tasks[1] == (
        "RW2024-0001",
        "完善简易注销",
        "任务清单",
        "市场监督管理局高新区分局",
        "税务局、行政审批服务局",
        first.responsible_person.full_name,
        dt.datetime(2024, 12, 31),
        first.state_label,
    )


def test_ledger_of_a_list_and_of_nothing(plan):
    only = [Problem.objects.get(code="WT2024-0003")]
    rows = list(load_workbook(io.BytesIO(build_ledger_xlsx(only)))["问题台账"].values)
    assert [r[0] for r in rows] == ["问题编号", "WT2024-0003"]
    empty = load_workbook(io.BytesIO(build_ledger_xlsx(Problem.objects.none())))
    assert empty["问题台账"].max_row == 1
    assert empty["整改任务"].max_row == 1


def test_drafted_plan_states_the_overview_once(zone, users):
    """A plan drafted from a run keeps the run's overview as its 开头语; the document still
    gives those sentences once, under 一、评价情况, and opens with the default preamble."""
    from tests.evaluation.helpers import publish
    from yingshang.rectification.services.plans import draft_plan_from_run

    office = users[Role.OFFICE]
    run = publish(zone, office)
    plan = draft_plan_from_run(actor=office, run=run, reported_on=dt.date(2026, 3, 2))
    overview = diagnosis.overview_sentences(run_result(run), run.focus_unit)
    assert overview and plan.preamble == "\n".join(overview)
    texts = _texts(build_plan_docx(plan))
    heading = texts.index("一、评价情况")
    assert texts[1].startswith("根据") and texts[1].endswith("特制定本方案。")
    for sentence in overview:
        places = [i for i, text in enumerate(texts) if sentence in text]
        assert len(places) == 1, sentence
        assert places[0] > heading
    assert texts[heading + 1 : heading + 1 + len(overview)] == overview


def test_an_item_without_a_lead_department_says_it_is_to_be_assigned(plan):
    item = plan.items.order_by("id").first()
    PlanItem.objects.filter(pk=item.pk).update(lead_department=None)
    texts = _texts(build_plan_docx(Plan.objects.get(pk=plan.pk)))
    section = _between(texts, "（一）开办企业", "（二）政务服务")
    assert "牵头部门：待指定" in section
