from django.db import models

from yingshang.core.uscc import USCC_LENGTH


class EntityType(models.TextChoices):
    COMPANY = "company", "企业"
    INDIVIDUAL = "individual", "个体工商户"
    COOPERATIVE = "cooperative", "农民专业合作社"
    BRANCH = "branch", "分支机构"
    OTHER = "other", "其他"


class EnterpriseStatus(models.TextChoices):
    ACTIVE = "active", "存续"
    SUSPENDED = "suspended", "歇业"
    REVOKED = "revoked", "吊销"
    DEREGISTERED = "deregistered", "注销"
    MOVED_OUT = "moved_out", "迁出"


class SizeClass(models.TextChoices):
    LARGE = "large", "大型"
    MEDIUM = "medium", "中型"
    SMALL = "small", "小型"
    MICRO = "micro", "微型"


class CreditRiskClass(models.TextChoices):
    A = "A", "A类 (信用风险低)"
    B = "B", "B类 (信用风险一般)"
    C = "C", "C类 (信用风险较高)"
    D = "D", "D类 (信用风险高)"


class Enterprise(models.Model):
    """A market entity in the enterprise registry (市场主体库), keyed by its uscc."""

    uscc = models.CharField("统一社会信用代码", max_length=USCC_LENGTH, unique=True)
    name = models.CharField("名称", max_length=200, db_index=True)
    entity_type = models.CharField(
        "主体类型", max_length=20, choices=EntityType.choices, default=EntityType.COMPANY
    )
    status = models.CharField(
        "登记状态", max_length=20, choices=EnterpriseStatus.choices, default=EnterpriseStatus.ACTIVE
    )
    founded_on = models.DateField("成立日期", null=True, blank=True)
    registered_capital = models.DecimalField(
        "注册资本(万元)", max_digits=16, decimal_places=2, null=True, blank=True
    )
    address = models.CharField("住所", max_length=255, blank=True)
    zone = models.ForeignKey(
        "registry.Zone", verbose_name="功能区", on_delete=models.PROTECT, related_name="enterprises"
    )
    industry_code = models.CharField(
        "行业代码", max_length=5, blank=True, help_text="GB/T 4754-2017 国民经济行业分类代码"
    )
    industry_section = models.CharField("行业门类", max_length=1, blank=True)
    size_class = models.CharField("企业规模", max_length=10, choices=SizeClass.choices, blank=True)
    employees = models.PositiveIntegerField("从业人数", null=True, blank=True)
    annual_revenue = models.DecimalField(
        "年营业收入(万元)", max_digits=16, decimal_places=2, null=True, blank=True
    )
    tax_paid = models.DecimalField(
        "年纳税额(万元)", max_digits=16, decimal_places=2, null=True, blank=True
    )
    rd_expense = models.DecimalField(
        "年研发投入(万元)", max_digits=16, decimal_places=2, null=True, blank=True
    )
    credit_risk_class = models.CharField(
        "信用风险分类", max_length=1, choices=CreditRiskClass.choices, blank=True
    )
    legal_representative = models.CharField("法定代表人", max_length=50, blank=True)
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    contact_email = models.EmailField("电子邮箱", blank=True)
    version = models.PositiveIntegerField("版本", default=1, help_text="并发修改检查用")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "市场主体"
        verbose_name_plural = "市场主体"
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["zone", "status", "-id"], name="ent_zone_status_id"),
            models.Index(fields=["zone", "industry_section", "-id"], name="ent_zone_section_id"),
            models.Index(fields=["zone", "size_class", "-id"], name="ent_zone_size_id"),
            models.Index(fields=["zone", "credit_risk_class", "-id"], name="ent_zone_credit_id"),
            models.Index(fields=["zone", "-id"], name="ent_zone_id"),
        ]

    def __str__(self) -> str:
        return self.name


class QualificationKind(models.Model):
    """A kind of qualification (高新技术企业，专精特新, ...): data a zone may extend."""

    code = models.SlugField("编码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=50, unique=True)
    sort_order = models.PositiveIntegerField("排序", default=100)

    class Meta:
        verbose_name = "资质类型"
        verbose_name_plural = "资质类型"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Qualification(models.Model):
    """A qualification an enterprise holds, valid between two dates."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="qualifications"
    )
    kind = models.ForeignKey(
        QualificationKind, verbose_name="资质", on_delete=models.PROTECT, related_name="holders"
    )
    certificate_no = models.CharField("证书编号", max_length=60, blank=True)
    valid_from = models.DateField("有效期起", null=True, blank=True)
    valid_until = models.DateField("有效期止", null=True, blank=True)

    class Meta:
        verbose_name = "企业资质"
        verbose_name_plural = "企业资质"
        ordering = ["kind__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "kind"], name="qualification_unique"),
        ]
        indexes = [models.Index(fields=["kind", "valid_until"], name="qual_kind_until")]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.kind}"
