from django.db import models


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "法定节假日 (休息)"
    WORKDAY = "workday", "调休上班"


class CalendarYear(models.Model):
    """A year whose holiday schedule is known. Years without a row are provisional."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    published = models.BooleanField(
        "已公布", default=True, help_text="国务院办公厅已公布该年放假安排"
    )
    source = models.CharField("来源", max_length=100, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "日历年份"
        verbose_name_plural = "日历年份"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年"


class CalendarDay(models.Model):
    """An exception to the Monday-to-Friday rule: a weekday off or a weekend day worked (调休)."""

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=DayKind.choices)
    name = models.CharField("名称", max_length=50, blank=True, help_text="如 国庆节")

    class Meta:
        verbose_name = "节假日与调休"
        verbose_name_plural = "节假日与调休"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"
