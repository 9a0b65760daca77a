"""The demo's rectification: a plan drafted from the latest evaluation, a ledger fed by several
sources, and tasks in every workflow state, some of them overdue and one waiting for a decision
on its extension. Everything goes through the services, with the dates of the story passed in,
so the same zone and the same `today` give the same data.

The story, `today` being T: the plan (整改提升工作方案) is drafted from the run, approved and
published, and its tasks are at various stages; a few older tasks from appeals, supervisors and
leaders' instructions were closed on time or late, three have run past their deadline (one never
started, one being worked, one returned), and the daily sweep has marked and escalated them.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from yingshang.core.rectification.workflow import Action
from yingshang.evaluation.public import EvaluationRun, latest_run
from yingshang.kernel.models import Department, Role, User, Zone
from yingshang.rectification.models import Extension, Plan, PlanItem, Problem, ProblemSource, Task


@dataclass
class DemoRectification:
    plan: Plan
    problems: list[Problem] = field(default_factory=list)  # the ones not drafted from the run
    tasks: dict[str, Task] = field(default_factory=dict)  # by the story's name for each
    extension: Extension | None = None
    sweep_summary: object = None


# (key, source, grade, department code, days before T reported, title, description)
LEDGER: tuple[tuple[str, str, str, str, int, str, str], ...] = (
    (
        "permit",
        ProblemSource.APPEAL,
        "B",
        "zrgh",
        70,
        "施工许可办理环节多、材料重复提交",
        "企业通过12345热线反映，工程建设项目施工许可阶段需向多个窗口重复提交同一材料。",
    ),
    (
        "weekend",
        ProblemSource.SUPERVISOR,
        "C",
        "scjg",
        50,
        "政务服务大厅周末延时服务落实不到位",
        "营商环境监督员暗访发现，周六上午部分窗口未按公示时间提供服务。",
    ),
    (
        "bank",
        ProblemSource.SURVEY,
        "C",
        "scjg",
        45,
        "企业开办后银行开户等待时间长",
        "企业满意度问卷中多家新开办企业反映银行开户预约需等待一周以上。",
    ),
    (
        "subsidy",
        ProblemSource.INSTRUCTION,
        "A",
        "kjj",
        80,
        "科技型中小企业研发费用补贴兑现慢",
        "区领导批示：研发费用补贴从申报到兑现周期过长，要求限期整改。",
    ),
    (
        "inspection",
        ProblemSource.INSPECTION,
        "B",
        "scjg",
        40,
        "涉企检查多头重复、事前不告知",
        "督查检查发现同一企业一个月内接受不同部门检查三次，未实行“综合查一次”。",
    ),
    (
        "hiring",
        ProblemSource.VISIT,
        "C",
        "kjj",
        10,
        "园区企业招聘信息发布渠道少",
        "走访企业时多家企业反映缺少面向园区的招聘信息发布平台。",
    ),
    (
        "registration",
        ProblemSource.APPEAL,
        "B",
        "zrgh",
        5,
        "不动产登记与税费缴纳未实现一窗办理",
        "企业反映不动产登记和税费缴纳仍需分别排队办理。",
    ),
    (
        "utilities",
        ProblemSource.SUPERVISOR,
        "B",
        "zrgh",
        2,
        "新建厂房水电气报装仍需分别申请",
        "营商环境监督员反映，企业新建厂房的供水、供电、供气报装尚未实现联合办理。",
    ),
)

A, S, R, U, C, B, N = (
    Action.ASSIGN,
    Action.START,
    Action.REPORT,
    Action.SUBMIT,
    Action.ACCEPT,
    Action.CLOSE,
    Action.RETURN,
)

# Older tasks from the ledger, with their history: (key, department code, title, deadline in
# days from T, the ledger key of its problem, steps as (action, day offset[, text])).
HISTORY: tuple[tuple[str, str, str, int, str | None, list[tuple]], ...] = (
    # closed on time
    (
        "subsidy_closed",
        "kjj",
        "压缩研发费用补贴兑现周期",
        -45,
        "subsidy",
        [
            (A, -75),
            (S, -74),
            (R, -60, "已梳理补贴兑现流程，拟取消两项证明材料。"),
            (U, -50),
            (C, -48),
            (B, -47),
        ],
    ),
    # closed, but submitted after its deadline
    (
        "weekend_closed_late",
        "scjg",
        "落实政务服务大厅周末延时服务",
        -40,
        "weekend",
        [(A, -60), (S, -59), (U, -35), (C, -33), (B, -33)],
    ),
    # accepted, waiting to be closed
    (
        "inspection_accepted",
        "scjg",
        "推行涉企检查“综合查一次”",
        5,
        "inspection",
        [(A, -38), (S, -37), (U, -3), (C, -1)],
    ),
    # overdue: being worked on
    (
        "permit_overdue",
        "zrgh",
        "施工许可材料“一次提交、多方复用”",
        -12,
        "permit",
        [(A, -60), (S, -58), (R, -30, "已完成材料清单梳理，共享平台改造进行中。")],
    ),
    # overdue: never started
    ("bank_overdue", "scjg", "协调银行压缩新开办企业开户时间", -3, "bank", [(A, -30)]),
    # overdue: returned for rework
    (
        "returned_overdue",
        "kjj",
        "完善科技项目申报指南",
        -8,
        None,
        [
            (A, -50),
            (S, -49),
            (U, -20),
            (N, -18, "佐证材料不完整，请补充新版指南发布截图。"),
        ],
    ),
    # running, will ask for more time
    (
        "extension_pending",
        "kjj",
        "搭建园区企业招聘信息发布平台",
        3,
        "hiring",
        [(A, -20), (S, -19)],
    ),
)

# Where the plan's tasks stand today, the first task first (the plan was published on T-30).
PLAN_STAGES: tuple[list[tuple], ...] = (
    [(S, -28)],
    [(S, -28), (R, -14, "已制定细化方案，正在推进。")],
    [(S, -28), (U, -5)],
    [(S, -28), (U, -6), (N, -4, "整改措施未覆盖全部问题，请补充。")],
    [(S, -28), (U, -9), (C, -7)],
    [(S, -28), (U, -12), (C, -10), (B, -9)],
)

EVIDENCE = b"%PDF-1.4\n% demo evidence\n"


def _evidence(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, EVIDENCE, content_type="application/pdf")


def _latest_run(zone: Zone) -> EvaluationRun:
    run = latest_run(zone)
    if run is None:
        raise ValueError(f"功能区 {zone.name} 还没有评价结果，无法生成整改方案")
    return run


def _department_workers(zone: Zone) -> list[tuple[Department, User]]:
    """Departments with a department account, in the zone's order, each with its first one."""
    workers: dict[int, tuple[Department, User]] = {}
    users = User.objects.filter(zone=zone, role=Role.DEPARTMENT, is_active=True).select_related(
        "department"
    )
    for user in users.order_by("department__sort_order", "department__code", "id"):
        if user.department_id and user.department_id not in workers:
            workers[user.department_id] = (user.department, user)
    if not workers:
        raise ValueError(f"功能区 {zone.name} 没有部门账号，无法生成整改任务")
    return list(workers.values())


class _Story:
    """Moves tasks through the workflow as the people concerned, on the story's dates."""

    def __init__(self, *, zone: Zone, office: User, leader: User, today: dt.date):
        self.zone, self.office, self.leader, self.today = zone, office, leader, today
        self.workers = _department_workers(zone)
        self.by_code = {d.code: (d, u) for d, u in self.workers}

    def worker(self, code: str, index: int = 0) -> tuple[Department, User]:
        """The department of that code when it has an account, else one that does."""
        return self.by_code.get(code) or self.workers[index % len(self.workers)]

    def day(self, offset: int) -> dt.date:
        return self.today + dt.timedelta(days=offset)

    def act(self, task: Task, action: Action, actor: User, on: int, text: str = "", files=()):
        from yingshang.rectification.services.tasks import transition

        return transition(
            actor=actor,
            task_id=task.pk,
            action=action,
            expected_version=task.version,
            text=text,
            files=files,
            today=self.day(on),
        )

    def run(self, task: Task, steps: Sequence[tuple], worker: User) -> Task:
        """steps: (action, day offset[, text]); department actions by `worker`, the rest by the
        office, acceptance and closing by the leader."""
        for step in steps:
            action, on, *rest = step
            text = rest[0] if rest else ""
            if action in (Action.START, Action.REPORT, Action.SUBMIT):
                actor = worker
            elif action in (Action.ACCEPT, Action.CLOSE):
                actor = self.leader
            else:
                actor = self.office
            files = (_evidence(f"{task.code}-佐证材料.pdf"),) if action is Action.SUBMIT else ()
            if action is Action.SUBMIT and not text:
                text = "已按整改措施完成，佐证材料见附件。"
            task = self.act(task, action, actor, on, text, files)
        return task


def _leader(zone: Zone, leader: User | None) -> User:
    leader = leader or (
        User.objects.filter(zone=zone, role=Role.LEADER, is_active=True).order_by("id").first()
    )
    if leader is None:
        raise ValueError(f"功能区 {zone.name} 没有区领导账号，无法审批整改方案")
    return leader


def _register_ledger(story: _Story) -> dict[str, Problem]:
    """The ledger's problems from the several sources, by the story's key for each."""
    from yingshang.rectification.services.problems import create_problem

    problems: dict[str, Problem] = {}
    for key, source, grade, code, days_ago, title, description in LEDGER:
        department, _user = story.worker(code)
        problems[key] = create_problem(
            actor=story.office,
            zone=story.zone,
            title=title,
            source=source,
            grade=grade,
            reported_on=story.day(-days_ago),
            description=description,
            department=department,
        )
    return problems


def _new_task(
    story: _Story,
    problems: dict[str, Problem],
    *,
    code: str,
    title: str,
    deadline: int,
    problem: str | None,
) -> Task:
    from yingshang.rectification.services.tasks import create_task

    department, _worker = story.worker(code)
    return create_task(
        actor=story.office,
        zone=story.zone,
        title=title,
        lead_department=department,
        deadline=story.day(deadline),
        problems=[problems[problem]] if problem else (),
    )


def _older_tasks(story: _Story, problems: dict[str, Problem]) -> dict[str, Task]:
    """The tasks from the ledger with their history, and one draft not yet assigned."""
    tasks: dict[str, Task] = {}
    for key, code, title, deadline, problem, steps in HISTORY:
        created = _new_task(
            story, problems, code=code, title=title, deadline=deadline, problem=problem
        )
        _department, worker = story.worker(code)
        tasks[key] = story.run(created, steps, worker)
    tasks["registration_draft"] = _new_task(
        story,
        problems,
        code="zrgh",
        title="推行不动产登记与税费缴纳“一窗办理”",
        deadline=30,
        problem="registration",
    )
    return tasks


def _plan_task(story: _Story, plan: Plan, item: PlanItem, index: int) -> tuple[Task, Department]:
    """The item's division of work (led by one department, supported by another) and its task."""
    from yingshang.rectification.services.plans import update_plan_item
    from yingshang.rectification.services.tasks import create_task

    department, _worker = story.worker(("scjg", "kjj", "zrgh")[index % 3], index)
    supporting = [d for d, _u in story.workers if d.pk != department.pk][:1]
    plan.refresh_from_db()
    update_plan_item(
        actor=story.office,
        item=item,
        expected_version=plan.version,
        responsible_leader=story.leader.full_name,
        lead_department=department,
        supporting_departments=supporting,
    )
    measures = "；".join(p.title for p in item.problems.order_by("id")) or item.indicator_name
    created = create_task(
        actor=story.office,
        zone=story.zone,
        title=f"提升“{item.indicator_name}”指标表现",
        lead_department=department,
        deadline=story.day(20 + 5 * index),
        plan=plan,
        plan_item=item,
        measure=f"针对{measures}，制定整改措施并按月报送进展。",
        standard="指标得分达到全省平均水平以上",
        supporting_departments=supporting,
        responsible_leader=story.leader.full_name,
        problems=list(item.problems.all()),
    )
    return created, department


def _carry_out_plan(story: _Story, plan: Plan) -> tuple[Plan, dict[str, Task]]:
    """The plan, drafted 35 days ago: one task per indicator item, approved, published 30 days
    ago (which assigns the tasks), and its tasks at their various stages today."""
    from yingshang.rectification.services.plans import approve_plan, publish_plan, submit_plan

    items = list(plan.items.order_by("order", "id"))
    plan_tasks = [_plan_task(story, plan, item, i) for i, item in enumerate(items)]
    plan.refresh_from_db()
    plan = submit_plan(actor=story.office, plan=plan, expected_version=plan.version)
    plan = approve_plan(actor=story.leader, plan=plan, expected_version=plan.version)
    plan = publish_plan(
        actor=story.office, plan=plan, expected_version=plan.version, today=story.day(-30)
    )
    tasks: dict[str, Task] = {}
    for i, (created, department) in enumerate(plan_tasks):
        current = Task.objects.get(pk=created.pk)
        worker = story.by_code.get(department.code, story.workers[0])[1]
        steps = PLAN_STAGES[i] if i < len(PLAN_STAGES) else []
        tasks[f"plan_{i + 1}"] = story.run(current, steps, worker)
    return plan, tasks


def build_demo_rectification(
    *,
    zone: Zone,
    actor_office: User,
    run: EvaluationRun | None = None,
    leader: User | None = None,
    today: dt.date | None = None,
) -> DemoRectification:
    """Create the demo's ledger, plan and tasks for `zone` (see the module's story)."""
    from yingshang.rectification.services.plans import draft_plan_from_run
    from yingshang.rectification.services.sweep import sweep
    from yingshang.rectification.services.tasks import request_extension

    today = today or timezone.localdate()
    run = run or _latest_run(zone)
    story = _Story(zone=zone, office=actor_office, leader=_leader(zone, leader), today=today)
    demo = DemoRectification(
        plan=draft_plan_from_run(actor=actor_office, run=run, reported_on=story.day(-35))
    )
    problems = _register_ledger(story)
    demo.problems = list(problems.values())
    demo.tasks.update(_older_tasks(story, problems))
    demo.plan, plan_tasks = _carry_out_plan(story, demo.plan)
    demo.tasks.update(plan_tasks)
    _department, worker = story.worker("kjj")
    demo.extension = request_extension(
        actor=worker,
        task_id=demo.tasks["extension_pending"].pk,
        new_deadline=story.day(21),
        reason="平台需与人社部门系统对接，接口联调尚需两周。",
        today=today,
    )
    demo.sweep_summary = sweep(today=today)
    for key, value in demo.tasks.items():
        demo.tasks[key] = Task.objects.get(pk=value.pk)
    return demo
