"""Appeal records (诉求): the appeal, its kinds (time limits as data), one history row per
transition, extensions, suspensions, return visits, ratings and their 差评 rectification,
escalation steps, and the zone's settings.

An appeal's state changes only through `services.workflow.move`, which checks the core table
(`yingshang.core.appeals.workflow`) and records a history row and an audit event. The code lists
and their Chinese labels are the core's; the choices here are made from them.
"""

from django.conf import settings
from django.db import models

from yingshang.core.appeals.clocks import STEP_LABELS, UNIT_LABELS
from yingshang.core.appeals.kinds import CHANNEL_LABELS
from yingshang.core.appeals.ratings import DISPUTE_LABELS, LEVEL_LABELS, DisputeState
from yingshang.core.appeals.workflow import ACTION_LABELS, STATE_LABELS, State
from yingshang.core.rectification.codes import EXTENSION_STATUS_LABELS, choices

USER = settings.AUTH_USER_MODEL


class AppealKind(models.Model):
    """A kind of appeal and its time limits. A row without a zone is the platform's default;
    a zone's own row of the same code takes precedence for that zone."""

    zone = models.ForeignKey(
        "registry.Zone",
        verbose_name="功能区",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    code = models.CharField("类型代码", max_length=30)
    name = models.CharField("类型名称", max_length=60)
    acceptance_workdays = models.PositiveSmallIntegerField("受理审查时限（工作日）", default=3)
    limit_unit = models.CharField(
        "办理时限单位", max_length=20, choices=choices(UNIT_LABELS), default="workdays"
    )
    limit_amount = models.PositiveSmallIntegerField("办理时限", default=13)
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "诉求类型"
        verbose_name_plural = "诉求类型"
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["zone", "code"], name="appeals_kind_zone_code"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(zone=None), name="appeals_kind_default_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AppealSettings(models.Model):
    """A zone's appeal rules: the 差评 rectification limit and the escalation of late cases."""

    zone = models.OneToOneField(
        "registry.Zone", verbose_name="功能区", on_delete=models.CASCADE, related_name="+"
    )
    rating_rectification_workdays = models.PositiveSmallIntegerField(
        "差评整改时限（工作日）", default=5
    )
    due_soon_days = models.PositiveSmallIntegerField("到期前提醒（工作日）", default=1)
    urge_after_days = models.PositiveSmallIntegerField("超期后催办（工作日）", default=1)
    supervision_after_days = models.PositiveSmallIntegerField("超期后督办（工作日）", default=3)
    notice_after_days = models.PositiveSmallIntegerField("超期后通报（工作日）", default=5)
    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        verbose_name = "诉求规则设置"
        verbose_name_plural = "诉求规则设置"

    def __str__(self) -> str:
        return f"诉求规则设置（{self.zone}）"


class Appeal(models.Model):
    zone = models.ForeignKey(
        "registry.Zone", verbose_name="功能区", on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField("诉求编号", max_length=20)
    channel = models.CharField("来源渠道", max_length=20, choices=choices(CHANNEL_LABELS))
    kind = models.ForeignKey(
        AppealKind, verbose_name="诉求类型", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("标题", max_length=200)
    content = models.TextField("诉求内容")
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name="诉求企业",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    applicant_name = models.CharField("诉求人", max_length=60, blank=True)
    applicant_phone = models.CharField("联系电话", max_length=30, blank=True)
    applicant_id_number = models.CharField("证件号码", max_length=30, blank=True)
    anonymous = models.BooleanField("匿名", default=False)
    category = models.CharField("诉求分类", max_length=100, blank=True)
    lead_department = models.ForeignKey(
        "registry.Department",
        verbose_name="承办部门",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    state = models.CharField(
        "状态", max_length=20, choices=choices(STATE_LABELS), default=State.RECEIVED.value
    )
    deemed_accepted = models.BooleanField("视为受理", default=False)
    rejection_reason = models.TextField("不予受理理由", blank=True)
    received_on = models.DateField("收件日期")
    acceptance_deadline = models.DateField("受理审查时限")
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    handling_deadline = models.DateField("办理时限", null=True, blank=True)
    dispatched_on = models.DateField("转办日期", null=True, blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    visit_deadline = models.DateField("回访时限", null=True, blank=True)
    closed_on = models.DateField("办结归档日期", null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField("重办次数", default=0)
    due_soon = models.BooleanField("即将到期", default=False)
    overdue = models.BooleanField("已超期", default=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name="合并至",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
    )
    created_by = models.ForeignKey(
        USER, verbose_name="登记人", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        verbose_name = "诉求"
        verbose_name_plural = "诉求"
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["zone", "number"], name="appeals_appeal_number")
        ]
        indexes = [
            models.Index(fields=["zone", "state", "handling_deadline"]),
            models.Index(fields=["zone", "state", "acceptance_deadline"]),
            models.Index(fields=["lead_department", "state"]),
            models.Index(fields=["enterprise", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def state_label(self) -> str:
        return STATE_LABELS[State(self.state)]


class AppealRecord(models.Model):
    """One row per transition (Saleor's per-event style): the action, the states, a note and
    the action's own parameters."""

    appeal = models.ForeignKey(
        Appeal, verbose_name="诉求", on_delete=models.CASCADE, related_name="records"
    )
    action = models.CharField("操作", max_length=30, choices=choices(ACTION_LABELS))
    from_state = models.CharField("原状态", max_length=20)
    to_state = models.CharField("新状态", max_length=20)
    note = models.TextField("说明", blank=True)
    data = models.JSONField("参数", default=dict, blank=True)
    actor = models.ForeignKey(
        USER, verbose_name="操作人", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "诉求办理记录"
        verbose_name_plural = "诉求办理记录"
        ordering = ["appeal", "id"]

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.action}"


class Extension(models.Model):
    appeal = models.ForeignKey(
        Appeal, verbose_name="诉求", on_delete=models.CASCADE, related_name="extensions"
    )
    requested_by = models.ForeignKey(
        USER, verbose_name="申请人", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_on = models.DateField("申请日期")
    old_deadline = models.DateField("原办理时限")
    requested_until = models.DateField("申请延至")
    reason = models.TextField("延期理由")
    status = models.CharField(
        "审批状态", max_length=20, choices=choices(EXTENSION_STATUS_LABELS), default="pending"
    )
    decided_by = models.ForeignKey(
        USER,
        verbose_name="审批人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_note = models.TextField("审批意见", blank=True)

    class Meta:
        verbose_name = "诉求延期申请"
        verbose_name_plural = "诉求延期申请"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.appeal_id} 延至 {self.requested_until}"


class Suspension(models.Model):
    """A pause of the handling clock (中止): open while `resumed_on` is empty."""

    appeal = models.ForeignKey(
        Appeal, verbose_name="诉求", on_delete=models.CASCADE, related_name="suspensions"
    )
    suspended_on = models.DateField("中止日期")
    resumed_on = models.DateField("恢复日期", null=True, blank=True)
    reason = models.TextField("中止理由")
    deadline_before = models.DateField("中止前办理时限", null=True, blank=True)
    deadline_after = models.DateField("恢复后办理时限", null=True, blank=True)

    class Meta:
        verbose_name = "诉求中止"
        verbose_name_plural = "诉求中止"
        ordering = ["appeal", "id"]

    def __str__(self) -> str:
        return f"{self.appeal_id} 中止 {self.suspended_on}"


class ReturnVisit(models.Model):
    appeal = models.ForeignKey(
        Appeal, verbose_name="诉求", on_delete=models.CASCADE, related_name="visits"
    )
    visited_on = models.DateField("回访日期")
    visitor = models.ForeignKey(
        USER, verbose_name="回访人", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField("回访记录")
    on_time = models.BooleanField("按时回访", default=True)

    class Meta:
        verbose_name = "回访"
        verbose_name_plural = "回访"
        ordering = ["appeal", "id"]

    def __str__(self) -> str:
        return f"{self.appeal_id} 回访 {self.visited_on}"


class Rating(models.Model):
    appeal = models.ForeignKey(
        Appeal, verbose_name="诉求", on_delete=models.CASCADE, related_name="ratings"
    )
    level = models.CharField("评价等级", max_length=30, choices=choices(LEVEL_LABELS))
    reason = models.TextField("评价原因", blank=True)
    subjective = models.BooleanField("主观原因", default=False)
    rated_on = models.DateField("评价日期")
    rated_by = models.ForeignKey(
        USER, verbose_name="评价录入人", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    on_behalf = models.BooleanField("代为评价", default=False)
    dispute_state = models.CharField(
        "申诉复核", max_length=20, choices=choices(DISPUTE_LABELS), default=DisputeState.NONE.value
    )
    dispute_reason = models.TextField("申诉理由", blank=True)
    dispute_note = models.TextField("复核意见", blank=True)

    class Meta:
        verbose_name = "评价"
        verbose_name_plural = "评价"
        ordering = ["appeal", "id"]

    def __str__(self) -> str:
        return f"{self.appeal_id} {LEVEL_LABELS.get(self.level, self.level)}"


class RatingRectification(models.Model):
    """The 差评 rectification clock of a bad rating."""

    class Status(models.TextChoices):
        OPEN = "open", "整改中"
        DONE = "done", "已整改"
        CANCELLED = "cancelled", "已撤销"

    rating = models.OneToOneField(
        Rating, verbose_name="评价", on_delete=models.CASCADE, related_name="rectification"
    )
    started_on = models.DateField("开始日期")
    deadline = models.DateField("整改时限")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField("整改完成日期", null=True, blank=True)
    note = models.TextField("整改情况", blank=True)

    class Meta:
        verbose_name = "差评整改"
        verbose_name_plural = "差评整改"
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return f"{self.rating_id} 整改至 {self.deadline}"


class Escalation(models.Model):
    """An escalation step the sweep took for a handling deadline; one per step and deadline,
    so a second sweep on the same day changes nothing."""

    appeal = models.ForeignKey(
        Appeal, verbose_name="诉求", on_delete=models.CASCADE, related_name="escalations"
    )
    step = models.CharField("督办环节", max_length=20, choices=choices(STEP_LABELS))
    deadline = models.DateField("办理时限")
    taken_on = models.DateField("日期")

    class Meta:
        verbose_name = "诉求督办记录"
        verbose_name_plural = "诉求督办记录"
        ordering = ["appeal", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["appeal", "step", "deadline"], name="appeals_escalation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.step} {self.taken_on}"
