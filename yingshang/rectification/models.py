"""Rectification records: the problem ledger (问题台账), plans (整改提升工作方案) and their items,
tasks with their progress, evidence, extensions and escalation steps, and in-app notifications.

A task's workflow state changes only through `services.tasks.transition`, which checks the core
table (`yingshang.core.rectification.workflow`) and records an audit event.

The code lists (grades, sources, statuses, kinds, steps) and their Chinese labels are the core's
(`yingshang.core.rectification`); the TextChoices here are made from them, so a form, a schema
and the database choices cannot disagree with the rules.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from yingshang.core.rectification.clocks import STEP_LABELS
from yingshang.core.rectification.codes import (
    EXTENSION_STATUS_LABELS,
    LIST_KIND_LABELS,
    choices,
    text_choices_members,
)
from yingshang.core.rectification.grades import GRADE_LABELS
from yingshang.core.rectification.plan_workflow import PLAN_KIND_LABELS, PLAN_STATUS_LABELS
from yingshang.core.rectification.problems import PROBLEM_STATUS_LABELS, SOURCE_LABELS
from yingshang.core.rectification.workflow import ACTION_LABELS, STATE_LABELS, State

Grade = models.TextChoices("Grade", text_choices_members(GRADE_LABELS))
ProblemSource = models.TextChoices("ProblemSource", text_choices_members(SOURCE_LABELS))
ProblemStatus = models.TextChoices("ProblemStatus", text_choices_members(PROBLEM_STATUS_LABELS))
OPEN_PROBLEM_STATUSES = frozenset({ProblemStatus.OPEN.value, ProblemStatus.RECTIFYING.value})
"""Problems still to be rectified: the only ones a passed due date makes overdue."""


class RectificationSettings(models.Model):
    """A zone's configurable rules: time limit per grade, escalation steps, performance score.

    `grade_limits`: {"A": {"limit": 1, "unit": "months"}, "B": {"limit": 15, "unit": "workdays"},
    "C": {"limit": 5, "unit": "workdays"}}. `score_weights`: weights of the department score's
    parts (see yingshang.core.rectification.performance).
    """

    zone = models.OneToOneField(
        "registry.Zone", verbose_name="功能区", on_delete=models.CASCADE, related_name="+"
    )
    grade_limits = models.JSONField("各级问题办理时限", default=dict)
    reminder_days_before = models.PositiveSmallIntegerField("到期前提醒（工作日）", default=2)
    supervision_after_days = models.PositiveSmallIntegerField("超期后督办（工作日）", default=1)
    notice_after_days = models.PositiveSmallIntegerField("督办后通报（工作日）", default=5)
    email_notifications = models.BooleanField("同时发送邮件", default=False)
    score_weights = models.JSONField("效能考核计分权重", default=dict)
    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        verbose_name = "整改规则设置"
        verbose_name_plural = "整改规则设置"

    def __str__(self) -> str:
        return f"整改规则设置（{self.zone}）"


class IndicatorDepartment(models.Model):
    """Which department leads the rectification of an evaluation indicator in a zone, and which
    support it (牵头部门，配合部门): the zone's division of work, proposed for a plan's items and
    for the problems drafted from an evaluation's weaknesses. An indicator without a row of its
    own takes the row of its nearest ancestor in the methodology."""

    zone = models.ForeignKey(
        "registry.Zone", verbose_name="功能区", on_delete=models.CASCADE, related_name="+"
    )
    indicator = models.CharField(
        "指标编码", max_length=100, help_text="评价方法中的指标编码，如 starting_business"
    )
    indicator_name = models.CharField("指标名称", max_length=200, blank=True)
    lead_department = models.ForeignKey(
        "registry.Department", verbose_name="牵头部门", on_delete=models.PROTECT, related_name="+"
    )
    supporting_departments = models.ManyToManyField(
        "registry.Department", verbose_name="配合部门", blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "指标责任部门"
        verbose_name_plural = "指标责任部门"
        ordering = ["zone", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["zone", "indicator"], name="rectification_indicator_department"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_name or self.indicator} → {self.lead_department}"


class Problem(models.Model):
    """One entry of the problem ledger, whatever its source."""

    zone = models.ForeignKey(
        "registry.Zone", verbose_name="功能区", on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField("问题编号", max_length=40)
    title = models.CharField("问题", max_length=200)
    description = models.TextField("问题描述", blank=True)
    evidence = models.TextField("问题依据", blank=True)
    source = models.CharField("来源", max_length=20, choices=ProblemSource.choices)
    source_ref = models.CharField("来源链接或编号", max_length=300, blank=True)
    indicator = models.CharField("评价指标", max_length=100, blank=True)
    indicator_name = models.CharField("评价指标名称", max_length=200, blank=True)
    evaluation_run = models.ForeignKey(
        "evaluation.EvaluationRun",
        verbose_name="来源评价",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    grade = models.CharField("分级", max_length=1, choices=Grade.choices, default=Grade.C)
    status = models.CharField(
        "状态", max_length=20, choices=ProblemStatus.choices, default=ProblemStatus.OPEN
    )
    department = models.ForeignKey(
        "registry.Department",
        verbose_name="责任部门",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reported_on = models.DateField("发现日期")
    due_on = models.DateField("整改时限", null=True, blank=True)
    due_provisional = models.BooleanField("时限为暂定", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        verbose_name = "问题"
        verbose_name_plural = "问题台账"
        ordering = ["-reported_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["zone", "code"], name="rectification_problem_code")
        ]
        indexes = [models.Index(fields=["zone", "status", "grade"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def overdue(self) -> bool:
        """Past its due date and still waiting for rectification (已超期); a resolved, closed
        or dismissed problem is never overdue."""
        if self.due_on is None or self.status not in OPEN_PROBLEM_STATUSES:
            return False
        return self.due_on < timezone.localdate()


PlanKind = models.TextChoices("PlanKind", text_choices_members(PLAN_KIND_LABELS))
PlanStatus = models.TextChoices("PlanStatus", text_choices_members(PLAN_STATUS_LABELS))


class Plan(models.Model):
    zone = models.ForeignKey(
        "registry.Zone", verbose_name="功能区", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        "类型", max_length=20, choices=PlanKind.choices, default=PlanKind.EVALUATION
    )
    title = models.CharField("标题", max_length=200)
    evaluation_run = models.ForeignKey(
        "evaluation.EvaluationRun",
        verbose_name="依据的评价",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    period = models.CharField("期间", max_length=40, blank=True)
    preamble = models.TextField("开头语", blank=True)
    requirements = models.TextField("具体要求", blank=True)
    due_on = models.DateField("整改完成时限", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审批人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField("审批时间", null=True, blank=True)
    published_at = models.DateTimeField("印发时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="起草人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("起草时间", auto_now_add=True)
    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        verbose_name = "整改方案"
        verbose_name_plural = "整改方案"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class PlanItem(models.Model):
    """One indicator of a plan (二、任务分工 (一)…), with the evaluation's figures frozen in."""

    plan = models.ForeignKey(
        Plan, verbose_name="方案", on_delete=models.CASCADE, related_name="items"
    )
    order = models.PositiveSmallIntegerField("序号", default=0)
    indicator = models.CharField("指标", max_length=100, blank=True)
    indicator_name = models.CharField("指标名称", max_length=200)
    score = models.FloatField("得分", null=True, blank=True)
    rank = models.PositiveIntegerField("排名", null=True, blank=True)
    ranked_count = models.PositiveIntegerField("参评单位数", null=True, blank=True)
    frontier = models.FloatField("前沿值", null=True, blank=True)
    average = models.FloatField("平均值", null=True, blank=True)
    standing_sentence = models.TextField("评价情况", blank=True)
    responsible_leader = models.CharField("责任领导", max_length=100, blank=True)
    lead_department = models.ForeignKey(
        "registry.Department",
        verbose_name="牵头部门",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    supporting_departments = models.ManyToManyField(
        "registry.Department", verbose_name="配合部门", blank=True, related_name="+"
    )
    problems = models.ManyToManyField(
        Problem, verbose_name="现存问题", blank=True, related_name="plan_items"
    )

    class Meta:
        verbose_name = "方案指标"
        verbose_name_plural = "方案指标"
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return self.indicator_name


ListKind = models.TextChoices("ListKind", text_choices_members(LIST_KIND_LABELS))


class Task(models.Model):
    """A measure to carry out (整改措施): 定责任、定时限、定标准、定措施."""

    zone = models.ForeignKey(
        "registry.Zone", verbose_name="功能区", on_delete=models.PROTECT, related_name="+"
    )
    plan = models.ForeignKey(
        Plan,
        verbose_name="方案",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
    )
    plan_item = models.ForeignKey(
        PlanItem,
        verbose_name="方案指标",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
    )
    list_kind = models.CharField(
        "清单", max_length=20, choices=ListKind.choices, default=ListKind.TASK
    )
    code = models.CharField("任务编号", max_length=40)
    title = models.CharField("任务", max_length=200)
    measure = models.TextField("整改措施", blank=True)
    standard = models.TextField("完成标准", blank=True)
    lead_department = models.ForeignKey(
        "registry.Department", verbose_name="牵头部门", on_delete=models.PROTECT, related_name="+"
    )
    supporting_departments = models.ManyToManyField(
        "registry.Department", verbose_name="配合部门", blank=True, related_name="+"
    )
    responsible_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="责任人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible_leader = models.CharField("责任领导", max_length=100, blank=True)
    problems = models.ManyToManyField(
        Problem, verbose_name="对应问题", blank=True, related_name="tasks"
    )
    state = models.CharField(
        "状态",
        max_length=20,
        choices=choices(STATE_LABELS),
        default=State.DRAFT.value,
    )
    limit_workdays = models.PositiveSmallIntegerField(
        "办理时限（交办后工作日）", null=True, blank=True
    )
    deadline = models.DateField("完成时限", null=True, blank=True)
    deadline_provisional = models.BooleanField("时限为暂定", default=False)
    assigned_on = models.DateField("交办日期", null=True, blank=True)
    submitted_on = models.DateField("提请验收日期", null=True, blank=True)
    accepted_on = models.DateField("验收日期", null=True, blank=True)
    closed_on = models.DateField("销号日期", null=True, blank=True)
    due_soon = models.BooleanField("即将到期", default=False)
    overdue = models.BooleanField("已超期", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        verbose_name = "整改任务"
        verbose_name_plural = "整改任务"
        ordering = ["deadline", "id"]
        constraints = [
            models.UniqueConstraint(fields=["zone", "code"], name="rectification_task_code")
        ]
        indexes = [
            models.Index(fields=["zone", "state", "deadline"]),
            models.Index(fields=["lead_department", "state"]),
            # The overdue filter of the task list, ordered by deadline.
            models.Index(fields=["zone", "overdue", "deadline"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def state_label(self) -> str:
        return STATE_LABELS[State(self.state)]


class TaskRecord(models.Model):
    """What happened to a task in the workflow: each transition with its note or reason."""

    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="records"
    )
    action = models.CharField("操作", max_length=20, choices=choices(ACTION_LABELS))
    from_state = models.CharField("原状态", max_length=20)
    to_state = models.CharField("新状态", max_length=20)
    text = models.TextField("说明", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "任务记录"
        verbose_name_plural = "任务记录"
        ordering = ["task", "id"]

    def __str__(self) -> str:
        return f"{self.task_id} {self.action}"


class Attachment(models.Model):
    """A file reported with progress or as evidence for acceptance (佐证材料)."""

    record = models.ForeignKey(
        TaskRecord, verbose_name="任务记录", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField("文件", upload_to="rectification/%Y/%m/")
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）", default=0)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def __str__(self) -> str:
        return self.name


ExtensionStatus = models.TextChoices(
    "ExtensionStatus", text_choices_members(EXTENSION_STATUS_LABELS)
)


class Extension(models.Model):
    """A request for a later deadline, made before the deadline and approved by a leader or the
    office; the requester is notified of the decision."""

    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="extensions"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请人", on_delete=models.PROTECT, related_name="+"
    )
    requested_on = models.DateField("申请日期")
    reason = models.TextField("延期理由")
    old_deadline = models.DateField("原时限")
    new_deadline = models.DateField("申请延至")
    status = models.CharField(
        "状态",
        max_length=20,
        choices=ExtensionStatus.choices,
        default=ExtensionStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审批人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_note = models.TextField("审批意见", blank=True)

    class Meta:
        verbose_name = "延期申请"
        verbose_name_plural = "延期申请"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.task_id} 延期至 {self.new_deadline}"


EscalationStep = models.TextChoices("EscalationStep", text_choices_members(STEP_LABELS))


class Escalation(models.Model):
    """One escalation step taken for a task and deadline. Unique per (task, step, deadline), so a
    sweep run twice on the same day changes nothing, and a new deadline starts the steps anew."""

    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="escalations"
    )
    step = models.CharField("环节", max_length=20, choices=EscalationStep.choices)
    deadline = models.DateField("针对的时限")
    taken_on = models.DateField("日期")
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "督办记录"
        verbose_name_plural = "督办记录"
        ordering = ["-taken_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "step", "deadline"], name="rectification_escalation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.task_id} {self.step} {self.taken_on}"
