"""A rectification plan (整改提升工作方案) as a Word document, in the shape of a zone's notice:

title, preamble; 一、评价情况 (the evaluation's overview sentences); 二、任务分工, one part per
plan item: 责任领导 / 牵头部门 / 配合部门, the item's "本次评价，…" sentence, 1.现存问题 and
2.整改措施, each measure followed by its own (牵头部门…配合部门…); 三、具体要求.

Fonts: 仿宋 for the body, 黑体 for headings; the form is written once in `yingshang.lib.docx`.
"""

import datetime as dt
from collections.abc import Iterable

from yingshang.kernel.models import Department
from yingshang.lib.docx import (
    DocumentForm,
    HeadingStyle,
    PageSetup,
    WordWriter,
    bracketed,
    numbered,
)
from yingshang.rectification.models import Plan, PlanItem, Problem, Task

SECTION_OVERVIEW = numbered(1, "评价情况")
SECTION_TASKS = numbered(2, "任务分工")
SECTION_REQUIREMENTS = numbered(3, "具体要求")
PROBLEMS_HEADING = "1.现存问题"
MEASURES_HEADING = "2.整改措施"
NAME_JOINER = "、"
SENTENCE_ENDINGS = "。！？；.!?;"


# --- text --------------------------------------------------------------------------------------


def date_text(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def department_names(departments: Iterable[Department]) -> str:
    return NAME_JOINER.join(d.name for d in departments)


def sentence(text: str) -> str:
    """The text ending as a sentence: a full stop added where it has no closing mark."""
    text = text.strip()
    if text and text[-1] not in SENTENCE_ENDINGS:
        text += "。"
    return text


def problem_text(problem: Problem) -> str:
    """The title as the problem's first sentence, its description after: 企业注销…有待深化。对标…"""
    title = sentence(problem.title)
    description = problem.description.strip()
    return f"{title}{description}" if description else title


def measure_text(task: Task) -> str:
    return sentence(task.measure.strip() or task.title)


def departments_note(lead: Department | None, supporting: Iterable[Department]) -> str:
    """（牵头部门：X。配合部门：Y、Z。）, the second part left out when no one supports."""
    parts = []
    if lead is not None:
        parts.append(f"牵头部门：{lead.name}。")
    names = department_names(supporting)
    if names:
        parts.append(f"配合部门：{names}。")
    return f"（{''.join(parts)}）" if parts else ""


def frozen_standing_sentence(item: PlanItem, scope: str = "功能区") -> str:
    """The item's sentence from the figures frozen into it, when no sentence was stored."""
    if item.score is None:
        return ""
    parts = [f"本次评价，{item.indicator_name}指标得分为{item.score:.2f}分"]
    if item.rank:
        where = f"在纳入评价的{item.ranked_count}个{scope}中" if item.ranked_count else ""
        parts.append(f"{where}排名第{item.rank}位")
    if item.frontier is not None and item.score < item.frontier:
        parts.append(f"较全省前沿值低{item.frontier - item.score:.2f}分")
    if item.average is not None:
        gap = item.score - item.average
        if gap == 0:
            parts.append("与全省平均值持平")
        else:
            parts.append(f"较全省平均值{'高' if gap > 0 else '低'}{abs(gap):.2f}分")
    return "，".join(parts) + "。"


def default_preamble(plan: Plan) -> str:
    period = plan.period or (plan.evaluation_run.period if plan.evaluation_run else "")
    year = f"{period}年" if period.isdigit() else period
    report = f"《{year}营商环境评价报告》" if period else "营商环境评价报告"
    return (
        f"根据{report}中指出的问题，为进一步明确责任，整改提升，持续优化我区的营商环境，"
        "特制定本方案。"
    )


def preamble_text(plan: Plan, overview: list[str]) -> str:
    """The plan's own preamble without the lines 一、评价情况 gives anyway, else the default.

    A plan drafted from a run stores the run's overview sentences as its preamble (the plan
    page shows them there); in the document they belong under 一、评价情况 only.
    """
    repeated = {text.strip() for text in overview}
    lines = [line.strip() for line in plan.preamble.splitlines()]
    own = "\n".join(line for line in lines if line and line not in repeated)
    return own or default_preamble(plan)


def default_requirements(plan: Plan) -> list[str]:
    due = f"在{date_text(plan.due_on)}前" if plan.due_on else "在规定时限内"
    return [
        "（一）高度重视。有关领导要将营商环境评价指标整改提升工作列入重要议事日程，认真研究谋划、"
        "亲自部署推动。各单位主要领导要各司其职，各负其责，既要按照责任分工认真抓好任务落实，"
        "也要注重协调配合，齐心协力做好评价指标整改提升工作。",
        "（二）迅速整改。各有关部门要根据本方案中的任务分工，深入进行分析，拿出具体举措，"
        f"迅速进行整改。各项整改工作务必要{due}高标准完成，实现以评促改，以评促建。",
        "（三）严格督查。营商环境办公室要发挥好牵头作用，加强统筹协调和业务指导，"
        "对有关部门整改提升工作进行严格督导，完成一个、验收一个、销号一个；要把整改情况与"
        "各部门的工作绩效挂钩，好的表扬，差的批评，奖优罚劣，确保各项整改任务整改到位。",
    ]


def overview_paragraphs(plan: Plan, items: list[PlanItem]) -> list[str]:
    """一、评价情况: the run's overview sentences, else a sentence from the items' figures."""
    run = plan.evaluation_run
    if run is not None:
        from yingshang.core.evaluation.diagnosis import overview_sentences
        from yingshang.evaluation.public import run_result

        result = run_result(run)
        if run.focus_unit and run.focus_unit in result.units:
            return overview_sentences(result, run.focus_unit)
    scored = [i for i in items if i.score is not None]
    if not scored:
        return ["本方案依据营商环境评价及日常监测中发现的问题制定。"]
    figures = "；".join(
        f"{i.indicator_name}得分为{i.score:.2f}分" + (f"，排名第{i.rank}位" if i.rank else "")
        for i in scored
    )
    return [f"我区营商环境评价各指标表现：{figures}。"]


# --- layout ------------------------------------------------------------------------------------

# A notice's form: 三号 (16 pt) text on a 28 pt line, every heading 三号 with a two-character
# indent, only the first level bold.
PLAN_FORM = DocumentForm(
    body_size=16,
    line_spacing_points=28,
    headings=tuple(
        HeadingStyle(level, 16, bold=level == 1, first_line_indent=32) for level in (1, 2, 3)
    ),
    page=PageSetup(left=2.8, right=2.6, top=3.7, bottom=3.5),
    indent=32,
)
TITLE_SIZE = 22
# A draft may still lack a lead department; the document says so rather than leaving it out.
UNASSIGNED_LEAD = "待指定"


def _item_section(writer: WordWriter, index: int, item: PlanItem) -> None:
    writer.heading(bracketed(index, item.indicator_name), 2)
    if item.responsible_leader:
        writer.paragraph(f"责任领导：{item.responsible_leader}")
    lead = item.lead_department.name if item.lead_department is not None else UNASSIGNED_LEAD
    writer.paragraph(f"牵头部门：{lead}")
    supporting = department_names(item.supporting_departments.all())
    if supporting:
        writer.paragraph(f"配合部门：{supporting}")
    standing = item.standing_sentence.strip() or frozen_standing_sentence(item)
    if standing:
        writer.paragraph(standing)

    writer.heading(PROBLEMS_HEADING, 3)
    problems = list(item.problems.order_by("id"))
    if not problems:
        writer.paragraph("暂无。")
    for number, problem in enumerate(problems, start=1):
        writer.paragraph(f"({number}){problem_text(problem)}")

    writer.heading(MEASURES_HEADING, 3)
    tasks = list(
        item.tasks.select_related("lead_department")
        .prefetch_related("supporting_departments")
        .order_by("id")
    )
    if not tasks:
        writer.paragraph("暂无。")
    for number, task in enumerate(tasks, start=1):
        note = departments_note(task.lead_department, task.supporting_departments.all())
        writer.paragraph(f"({number}){measure_text(task)}{note}")


def build_plan_docx(plan: Plan) -> bytes:
    """The plan as .docx bytes."""
    items = list(
        plan.items.select_related("lead_department")
        .prefetch_related("supporting_departments")
        .order_by("order", "id")
    )
    overview = overview_paragraphs(plan, items)
    writer = WordWriter(PLAN_FORM)
    writer.title(plan.title, size=TITLE_SIZE)
    writer.paragraph(preamble_text(plan, overview))

    writer.heading(SECTION_OVERVIEW, 1)
    for text in overview:
        writer.paragraph(text)

    writer.heading(SECTION_TASKS, 1)
    for index, item in enumerate(items, start=1):
        _item_section(writer, index, item)

    writer.heading(SECTION_REQUIREMENTS, 1)
    requirements = [line.strip() for line in plan.requirements.splitlines() if line.strip()]
    for text in requirements or default_requirements(plan):
        writer.paragraph(text)
    return writer.to_bytes()
