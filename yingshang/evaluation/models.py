"""Evaluation records: methodologies as stored text, uploaded data, and published runs.

A run is a published record. Its scores are stored (UnitScore) together with the goalposts
that produced them, and the methodology is kept verbatim, so re-evaluating the stored data
always gives the published scores, whatever changes later.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

UNIT_MAX_LENGTH = 200
INDICATOR_MAX_LENGTH = 100
PERIOD_MAX_LENGTH = 40


class MethodologyVersion(models.Model):
    """One exact text of a methodology (YAML). Saving the same text again reuses this row."""

    zone = models.ForeignKey(
        "registry.Zone",
        verbose_name="功能区",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="为空表示各功能区共用的预置方法",
    )
    code = models.CharField("方法编码", max_length=100)
    name = models.CharField("名称", max_length=200)
    version = models.CharField("版本", max_length=40, blank=True)
    source_text = models.TextField("方法文本 (YAML)")
    digest = models.CharField("文本摘要 (SHA-256)", max_length=64)
    is_preset = models.BooleanField("预置方法", default=False)
    preset = models.CharField("预置方法名", max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="保存人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("保存时间", auto_now_add=True)

    class Meta:
        verbose_name = "评价方法"
        verbose_name_plural = "评价方法"
        ordering = ["-id"]
        constraints = [
            # NULL zones are distinct in a plain unique constraint, hence one per case.
            models.UniqueConstraint(
                fields=["zone", "code", "digest"],
                condition=Q(zone__isnull=False),
                name="evaluation_methodology_zone_text",
            ),
            models.UniqueConstraint(
                fields=["code", "digest"],
                condition=Q(zone__isnull=True),
                name="evaluation_methodology_shared_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.version}".strip()


class DatasetKind(models.TextChoices):
    INDICATORS = "indicators", "指标数据"
    SURVEY = "survey", "满意度调查"


class Dataset(models.Model):
    """An uploaded data file in long form; its values are the Observation rows."""

    zone = models.ForeignKey(
        "registry.Zone", verbose_name="功能区", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("名称", max_length=200)
    kind = models.CharField(
        "类型", max_length=20, choices=DatasetKind.choices, default=DatasetKind.INDICATORS
    )
    filename = models.CharField("文件名", max_length=255, blank=True)
    periods = models.JSONField("期间", default=list, blank=True)
    groups = models.JSONField("分组", default=dict, blank=True, help_text="单位 → 分组")
    unit_count = models.PositiveIntegerField("单位数", default=0)
    row_count = models.PositiveIntegerField("数据行数", default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "评价数据"
        verbose_name_plural = "评价数据"
        ordering = ["-id"]
        indexes = [models.Index(fields=["zone", "-id"], name="eval_dataset_zone_id")]

    def __str__(self) -> str:
        return self.name


class Observation(models.Model):
    """One raw value: a unit's indicator in a period, with its row number in the file."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="observations")
    unit = models.CharField("单位", max_length=UNIT_MAX_LENGTH)
    indicator = models.CharField("指标", max_length=INDICATOR_MAX_LENGTH)
    period = models.CharField("期间", max_length=PERIOD_MAX_LENGTH, blank=True)
    value = models.FloatField("数值")
    row = models.PositiveIntegerField("行号")

    class Meta:
        verbose_name = "评价数据值"
        verbose_name_plural = "评价数据值"
        indexes = [models.Index(fields=["dataset", "period"], name="eval_obs_dataset_period")]

    def __str__(self) -> str:
        return f"{self.unit} {self.indicator} {self.period} = {self.value:g}"


class EvaluationRun(models.Model):
    """A published evaluation: one methodology over one dataset's period."""

    zone = models.ForeignKey(
        "registry.Zone", verbose_name="功能区", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("标题", max_length=200)
    methodology = models.ForeignKey(
        MethodologyVersion, verbose_name="评价方法", on_delete=models.PROTECT, related_name="runs"
    )
    dataset = models.ForeignKey(
        Dataset, verbose_name="指标数据", on_delete=models.PROTECT, related_name="runs"
    )
    survey = models.ForeignKey(
        Dataset,
        verbose_name="满意度调查数据",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_runs",
    )
    period = models.CharField("评价期间", max_length=PERIOD_MAX_LENGTH, blank=True)
    focus_unit = models.CharField("本区在数据中的名称", max_length=UNIT_MAX_LENGTH, blank=True)
    unit_count = models.PositiveIntegerField("参评单位数", default=0)
    ranked_count = models.PositiveIntegerField("参与排名单位数", default=0)
    goalposts = models.JSONField("使用的目标值", default=dict, help_text="末级指标 → 最优、最差")
    frontier = models.JSONField("前沿值", default=dict, help_text="指标 → 前沿值")
    average = models.JSONField("平均值", default=dict, help_text="指标 → 平均值")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="评价人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("评价时间", auto_now_add=True)
    version = models.PositiveIntegerField("版本", default=1, help_text="并发修改检查用")

    class Meta:
        verbose_name = "评价结果"
        verbose_name_plural = "评价结果"
        ordering = ["-id"]
        indexes = [models.Index(fields=["zone", "-id"], name="eval_run_zone_id")]

    def __str__(self) -> str:
        return self.title


class UnitScore(models.Model):
    """A unit's published score and rank at one node of the indicator tree."""

    run = models.ForeignKey(EvaluationRun, on_delete=models.CASCADE, related_name="scores")
    unit = models.CharField("单位", max_length=UNIT_MAX_LENGTH)
    node = models.CharField("指标", max_length=INDICATOR_MAX_LENGTH)
    score = models.FloatField("得分", null=True, blank=True)
    rank = models.PositiveIntegerField("排名", null=True, blank=True)

    class Meta:
        verbose_name = "单位得分"
        verbose_name_plural = "单位得分"
        constraints = [
            models.UniqueConstraint(fields=["run", "unit", "node"], name="eval_score_unique"),
        ]
        indexes = [models.Index(fields=["run", "node", "rank"], name="eval_score_run_node")]

    def __str__(self) -> str:
        return f"{self.unit} {self.node}"
