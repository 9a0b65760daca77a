from django.db import models


class Zone(models.Model):
    """A development zone: the unit that is evaluated and that runs the platform.

    A platform may host several zones; peer zones (hosted=False) exist only so that evaluations
    can rank the hosted zone among them.
    """

    code = models.SlugField("编码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=100, unique=True)
    kind = models.CharField("类型", max_length=20, blank=True, help_text="如 高新区、经开区、新区")
    city = models.CharField("所在市", max_length=50)
    province = models.CharField("所在省", max_length=50)
    hosted = models.BooleanField("在本平台办公", default=True)

    class Meta:
        verbose_name = "功能区"
        verbose_name_plural = "功能区"
        ordering = ["-hosted", "province", "city", "name"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A department of a zone; lead and supporting departments of tasks are these."""

    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="departments")
    code = models.SlugField("编码", max_length=40)
    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=30, blank=True)
    is_office = models.BooleanField(
        "营商办所在部门", default=False, help_text="营商环境办公室所在的部门"
    )
    sort_order = models.PositiveIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "部门"
        verbose_name_plural = "部门"
        ordering = ["zone", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["zone", "code"], name="department_code_unique"),
            models.UniqueConstraint(fields=["zone", "name"], name="department_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name
