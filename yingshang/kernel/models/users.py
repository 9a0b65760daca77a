from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "系统管理员"
    OFFICE = "office", "营商办"
    DEPARTMENT = "department", "部门"
    LEADER = "leader", "领导"
    ENTERPRISE = "enterprise", "企业"
    SUPERVISOR = "supervisor", "监督员"


class User(AbstractUser):
    """A person who signs in. One role each; the role decides what the person may see."""

    full_name = models.CharField("姓名", max_length=50, blank=True)
    phone = models.CharField("手机号", max_length=20, blank=True)
    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.OFFICE)
    zone = models.ForeignKey(
        "registry.Zone",
        verbose_name="功能区",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    department = models.ForeignKey(
        "registry.Department",
        verbose_name="部门",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name="企业",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.full_name or self.username

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.role == Role.DEPARTMENT and self.department_id is None:
            errors["department"] = "部门用户必须属于一个部门"
        if self.role == Role.ENTERPRISE and self.enterprise_id is None:
            errors["enterprise"] = "企业用户必须属于一个企业"
        if self.role != Role.ADMIN and self.zone_id is None:
            errors["zone"] = "除系统管理员外，用户必须属于一个功能区"
        if self.department_id and self.zone_id and self.department.zone_id != self.zone_id:
            errors["department"] = "部门不属于该用户的功能区"
        if errors:
            raise ValidationError(errors)
