"""Enterprises: the list's query and page, one enterprise with its qualifications, and the
bodies that register one or change some of its fields."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal, Self

from django.db import models
from ninja import Field, Schema
from pydantic import ConfigDict, ValidationInfo, field_validator, model_validator

from yingshang.core import uscc
from yingshang.core.industry import section_of
from yingshang.enterprises.checks import uscc_type_warning
from yingshang.enterprises.selectors.enterprises import (
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    EnterpriseFilters,
)
from yingshang.kernel.access import REGISTRY_READERS, has_role
from yingshang.kernel.models import (
    CreditRiskClass,
    Enterprise,
    EnterpriseStatus,
    EntityType,
    SizeClass,
)
from yingshang.lib.filters import filters_from


def _describe(title: str, choices: type[models.TextChoices], blank: bool = False) -> str:
    listed = "; ".join(f"{value} {label}" for value, label in choices.choices)
    return f"{title}: {listed}" + ("; 空字符串表示未填" if blank else "")


EntityTypeValue = Literal[tuple(EntityType.values)]
StatusValue = Literal[tuple(EnterpriseStatus.values)]
SizeClassValue = Literal[tuple(["", *SizeClass.values])]
CreditRiskValue = Literal[tuple(["", *CreditRiskClass.values])]
Money = Decimal | None

CREDIT_RISK_HIDDEN = "信用风险分类仅供内部监管使用，企业账号不能查看或按其筛选"


def _sees_credit_risk(context: Any) -> bool:
    """The credit risk class serves internal supervision: staff (the registry's readers) see
    it; an enterprise account does not, not even its own. Without a request, nobody does."""
    request = (context or {}).get("request")
    return has_role(getattr(request, "auth", None), *REGISTRY_READERS)


class EnterpriseQuery(Schema):
    q: str = Field("", max_length=100, description="名称关键字，或统一社会信用代码前缀")
    zone_id: int | None = Field(None, description="功能区 (仅系统管理员需要)")
    status: str = Field("", description=_describe("登记状态", EnterpriseStatus))
    entity_type: str = Field("", description=_describe("主体类型", EntityType))
    industry_section: str = Field("", max_length=1, description="行业门类字母 (A-T)")
    size_class: str = Field("", description=_describe("企业规模", SizeClass))
    credit_risk_class: str = Field(
        "", description=_describe("信用风险分类", CreditRiskClass) + "（企业账号不可用）"
    )
    qualification: str = Field("", description="资质类型编码，如 high_tech")
    cursor: int | None = Field(None, description="翻页游标: 上一页返回的 next_cursor")
    limit: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="每页条数 (1-500)")

    @field_validator("credit_risk_class")
    @classmethod
    def _credit_risk_for_staff(cls, value: str, info: ValidationInfo) -> str:
        # A filter by class would tell an enterprise its own class by whether it is listed.
        if value and not _sees_credit_risk(info.context):
            raise ValueError(CREDIT_RISK_HIDDEN)
        return value

    def filters(self) -> EnterpriseFilters:
        return filters_from(EnterpriseFilters, self.model_dump(exclude={"cursor", "limit"}))


class EnterpriseItemOut(Schema):
    id: int
    uscc: str = Field(description="统一社会信用代码")
    name: str = Field(description="名称")
    entity_type: str = Field(description=_describe("主体类型", EntityType))
    status: str = Field(description=_describe("登记状态", EnterpriseStatus))
    status_label: str = Field(description="登记状态名称")
    zone_id: int = Field(description="所属功能区")
    zone_name: str = Field(description="所属功能区名称")
    industry_code: str = Field(description="行业代码 (GB/T 4754-2017)")
    industry_section: str = Field(description="行业门类")
    size_class: str = Field(description=_describe("企业规模", SizeClass, blank=True))
    credit_risk_class: str | None = Field(
        description=_describe("信用风险分类", CreditRiskClass, blank=True)
        + "；仅供内部监管，企业账号得到 null"
    )
    version: int = Field(description="版本号，修改时须回传")

    @staticmethod
    def resolve_credit_risk_class(obj: Enterprise, context: Any) -> str | None:
        return obj.credit_risk_class if _sees_credit_risk(context) else None

    @staticmethod
    def resolve_status_label(obj: Enterprise) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_zone_name(obj: Enterprise) -> str:
        return obj.zone.name


class EnterprisePageOut(Schema):
    items: list[EnterpriseItemOut] = Field(description="本页市场主体，按登记先后倒序")
    next_cursor: int | None = Field(description="下一页游标；为 null 表示已是最后一页")


class QualificationOut(Schema):
    kind: str = Field(description="资质类型编码")
    kind_name: str = Field(description="资质类型名称")
    certificate_no: str = Field(description="证书编号")
    valid_from: date | None = Field(description="有效期起")
    valid_until: date | None = Field(description="有效期止")

    @staticmethod
    def resolve_kind(obj: Any) -> str:
        return obj.kind.code

    @staticmethod
    def resolve_kind_name(obj: Any) -> str:
        return obj.kind.name


class EnterpriseOut(EnterpriseItemOut):
    entity_type_label: str = Field(description="主体类型名称")
    founded_on: date | None = Field(description="成立日期")
    registered_capital: Money = Field(description="注册资本 (万元)")
    address: str = Field(description="住所")
    employees: int | None = Field(description="从业人数")
    annual_revenue: Money = Field(description="年营业收入 (万元)")
    tax_paid: Money = Field(description="年纳税额 (万元)")
    rd_expense: Money = Field(description="年研发投入 (万元)")
    legal_representative: str = Field(description="法定代表人")
    contact_name: str = Field(description="联系人")
    contact_phone: str = Field(description="联系电话")
    contact_email: str = Field(description="电子邮箱")
    qualifications: list[QualificationOut] = Field(description="持有的资质")
    created_at: datetime = Field(description="登记时间")
    updated_at: datetime = Field(description="最近更新时间")
    warnings: list[str] = Field(
        description="提示（不影响保存），如统一社会信用代码前两位与主体类型不符"
    )

    @staticmethod
    def resolve_entity_type_label(obj: Enterprise) -> str:
        return obj.get_entity_type_display()

    @staticmethod
    def resolve_warnings(obj: Enterprise) -> list[str]:
        warning = uscc_type_warning(obj.uscc, obj.entity_type)
        return [warning] if warning else []

    @staticmethod
    def resolve_qualifications(obj: Enterprise) -> list[Any]:
        return list(obj.qualifications.select_related("kind"))


# Fields that are text in the database: they may be emptied with "", never set to null.
TEXT_FIELDS = (
    "name",
    "entity_type",
    "status",
    "address",
    "industry_code",
    "industry_section",
    "size_class",
    "credit_risk_class",
    "legal_representative",
    "contact_name",
    "contact_phone",
    "contact_email",
)


class EnterpriseFieldsIn(Schema):
    """The editable fields; any left out keep their value (or the default when creating)."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, min_length=1, max_length=200, description="名称")
    entity_type: EntityTypeValue | None = Field(None, description=_describe("主体类型", EntityType))
    status: StatusValue | None = Field(None, description=_describe("登记状态", EnterpriseStatus))
    founded_on: date | None = Field(None, description="成立日期 (YYYY-MM-DD)")
    registered_capital: Money = Field(
        None, max_digits=16, decimal_places=2, description="注册资本 (万元)"
    )
    address: str | None = Field(None, max_length=255, description="住所")
    industry_code: str | None = Field(
        None, max_length=5, description="行业代码 (GB/T 4754-2017)，如 6513 或 C3919"
    )
    industry_section: str | None = Field(
        None, max_length=1, description="行业门类；留空时按行业代码推出"
    )
    size_class: SizeClassValue | None = Field(
        None, description=_describe("企业规模", SizeClass, blank=True)
    )
    employees: int | None = Field(None, ge=0, description="从业人数")
    annual_revenue: Money = Field(
        None, max_digits=16, decimal_places=2, description="年营业收入 (万元)"
    )
    tax_paid: Money = Field(None, max_digits=16, decimal_places=2, description="年纳税额 (万元)")
    rd_expense: Money = Field(
        None, max_digits=16, decimal_places=2, description="年研发投入 (万元)"
    )
    credit_risk_class: CreditRiskValue | None = Field(
        None, description=_describe("信用风险分类", CreditRiskClass, blank=True)
    )
    legal_representative: str | None = Field(None, max_length=50, description="法定代表人")
    contact_name: str | None = Field(None, max_length=50, description="联系人")
    contact_phone: str | None = Field(None, max_length=30, description="联系电话")
    contact_email: str | None = Field(None, max_length=254, description="电子邮箱")

    @field_validator(*TEXT_FIELDS)
    @classmethod
    def _not_null(cls, value: str | None) -> str | None:
        if value is None:
            raise ValueError("不能为 null; 如需清空请传空字符串")
        return value

    @field_validator("industry_code")
    @classmethod
    def _industry_code(cls, value: str | None) -> str | None:
        code = (value or "").strip().upper()
        if code and section_of(code) is None:
            raise ValueError("行业代码不是有效的 GB/T 4754-2017 代码，如 6513 或 C3919")
        return code

    @field_validator("industry_section")
    @classmethod
    def _industry_section(cls, value: str | None, info: ValidationInfo) -> str | None:
        chosen = (value or "").strip().upper()
        code = info.data.get("industry_code")
        derived = section_of(code) if code else None
        if chosen and derived and chosen != derived:
            raise ValueError(f"行业代码 {code} 属于门类 {derived}，与所选门类不一致")
        return chosen

    @model_validator(mode="after")
    def _derive_section(self) -> Self:
        """A new industry code brings its section along, as on the edit page."""
        if self.industry_code and not self.industry_section:
            self.industry_section = section_of(self.industry_code)
        return self

    def changes(self) -> dict[str, Any]:
        """The fields the caller sent, as the registry services expect them."""
        meta = {"uscc", "zone_id", "version", "reason"}
        return self.model_dump(exclude_unset=True, exclude=meta)


class EnterpriseCreateIn(EnterpriseFieldsIn):
    uscc: str = Field(
        description="统一社会信用代码 (18 位，含校验码；全角字符与小写字母会被规范化)"
    )
    zone_id: int | None = Field(
        None, description="登记到哪个功能区；留空为本人所在功能区 (系统管理员必填)"
    )
    name: str = Field(min_length=1, max_length=200, description="名称")

    @field_validator("uscc")
    @classmethod
    def _uscc(cls, value: str) -> str:
        try:
            return uscc.validate(value)
        except uscc.UsccError as exc:
            raise ValueError(str(exc)) from exc


class EnterprisePatchIn(EnterpriseFieldsIn):
    version: int = Field(ge=1, description="读取时得到的版本号；期间他人已修改则返回 409")
    reason: str = Field("", max_length=500, description="修改原因 (记入审计日志)")
