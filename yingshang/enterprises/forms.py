"""Forms of the registry pages: the list's filters, and creating and editing an enterprise."""

from dataclasses import replace

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from yingshang.core import uscc
from yingshang.core.industry import SECTIONS, section_of
from yingshang.enterprises.checks import uscc_type_warning
from yingshang.enterprises.fieldgroups import EDITABLE_FIELDS
from yingshang.enterprises.labels import section_label
from yingshang.enterprises.selectors.enterprises import EnterpriseFilters
from yingshang.kernel.access import has_role
from yingshang.kernel.models import (
    CreditRiskClass,
    Enterprise,
    EnterpriseStatus,
    EntityType,
    QualificationKind,
    Role,
    SizeClass,
    User,
    Zone,
)
from yingshang.lib.filters import filters_from
from yingshang.lib.forms import EntryModelForm, FilterForm

SECTION_CHOICES = [(code, section_label(code)) for code in SECTIONS]


def _with_blank(label: str, choices) -> list[tuple[str, str]]:
    return [("", label), *choices]


# The list page's short query parameters, by the filter each one fills.
FILTER_PARAMS = {
    "zone": "zone_id",
    "type": "entity_type",
    "section": "industry_section",
    "size": "size_class",
    "credit": "credit_risk_class",
    "qual": "qualification",
}
# The filters' own names, accepted by the export next to the short parameters.
FILTER_FIELDS = (
    "q",
    "status",
    "entity_type",
    "industry_section",
    "size_class",
    "credit_risk_class",
    "qualification",
)


class EnterpriseFilterForm(FilterForm):
    """The list's search box and filters; every field is optional."""

    q = forms.CharField(
        label="搜索",
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"placeholder": "名称关键词或统一社会信用代码", "type": "search"}
        ),
    )
    zone = forms.ModelChoiceField(
        label="功能区", queryset=Zone.objects.all(), required=False, empty_label="全部功能区"
    )
    status = forms.ChoiceField(
        label="登记状态", required=False, choices=_with_blank("全部状态", EnterpriseStatus.choices)
    )
    type = forms.ChoiceField(
        label="主体类型", required=False, choices=_with_blank("全部类型", EntityType.choices)
    )
    section = forms.ChoiceField(
        label="行业门类", required=False, choices=_with_blank("全部行业", SECTION_CHOICES)
    )
    size = forms.ChoiceField(
        label="企业规模", required=False, choices=_with_blank("全部规模", SizeClass.choices)
    )
    credit = forms.ChoiceField(
        label="信用分类",
        required=False,
        choices=_with_blank("全部信用分类", CreditRiskClass.choices),
    )
    qual = forms.ChoiceField(label="资质", required=False)
    after = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    before = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, show_zone: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not show_zone:
            del self.fields["zone"]
        kinds = QualificationKind.objects.values_list("code", "name")
        self.fields["qual"].choices = _with_blank("全部资质", list(kinds))

    def filters(self) -> EnterpriseFilters:
        """The valid filters; an invalid one is reported on the form and left out."""
        self.is_valid()
        return filters_from(EnterpriseFilters, self.cleaned_data, names=FILTER_PARAMS)

    def cursor(self) -> int | None:
        """Continue below this key (下一页); None when `before` is given."""
        self.is_valid()
        if self.cleaned_data.get("before") is not None:
            return None
        return self.cleaned_data.get("after")

    def before_cursor(self) -> int | None:
        """The page just above this key (上一页); it wins over `after` when both are given."""
        self.is_valid()
        return self.cleaned_data.get("before")


def filters_from_query(query: QueryDict, *, user: User) -> EnterpriseFilters:
    """The list page's GET filters, read by the list page's own form (q, zone, status, type,
    section, size, credit, qual), so that "export" exports what the list shows; the field
    names (entity_type, industry_section, ...) are accepted too and win when given."""
    form = EnterpriseFilterForm(query, show_zone=has_role(user, Role.ADMIN))
    filters = form.filters()
    given = {name: str(query.get(name, "")).strip() for name in FILTER_FIELDS}
    return replace(filters, **{name: value for name, value in given.items() if value})


BLANK_LABELS = {"size_class": "未填写", "credit_risk_class": "未评定"}
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EnterpriseForm(EntryModelForm):
    """The editable fields; the service does the saving and the audit event."""

    industry_section = forms.ChoiceField(
        label="行业门类",
        required=False,
        choices=_with_blank("根据行业代码自动确定", SECTION_CHOICES),
    )

    field_order = list(EDITABLE_FIELDS)

    class Meta:
        model = Enterprise
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "founded_on": DATE_WIDGET,
            "address": forms.TextInput(),
            "contact_phone": forms.TextInput(attrs={"inputmode": "tel"}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, label in BLANK_LABELS.items():
            field = self.fields[name]
            field.choices = [("", label), *[c for c in field.choices if c[0] != ""]]

    def clean_industry_code(self) -> str:
        code = (self.cleaned_data.get("industry_code") or "").strip().upper()
        if code and section_of(code) is None:
            raise ValidationError("行业代码不是有效的 GB/T 4754-2017 代码，如 6513 或 C3919")
        return code

    def clean(self) -> dict:
        data = super().clean()
        code, chosen = data.get("industry_code"), data.get("industry_section")
        if code:
            derived = section_of(code) or ""
            if chosen and chosen != derived:
                self.add_error(
                    "industry_section", f"行业代码 {code} 属于门类 {derived}，与所选门类不一致"
                )
            else:
                data["industry_section"] = derived
        return data

    def service_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in EDITABLE_FIELDS}

    def uscc_warning(self) -> str:
        """Whether the code and the entity type disagree: the submitted values once the form
        is validated, the saved record's before. A warning only, the form stays valid."""
        data = getattr(self, "cleaned_data", {})
        code = data.get("uscc") or self.instance.uscc or ""
        entity_type = data.get("entity_type") or self.instance.entity_type or ""
        return uscc_type_warning(code, entity_type)


class EnterpriseCreateForm(EnterpriseForm):
    uscc = forms.CharField(
        label="统一社会信用代码",
        max_length=30,
        help_text="18位，不含 I、O、S、V、Z; 全角字符会自动转换",
    )
    zone = forms.ModelChoiceField(label="功能区", queryset=Zone.objects.filter(hosted=True))

    field_order = ["uscc", "zone", *EnterpriseForm.field_order]

    def __init__(self, *args, choose_zone: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not choose_zone:
            del self.fields["zone"]

    def clean_uscc(self) -> str:
        try:
            return uscc.validate(self.cleaned_data.get("uscc", ""))
        except uscc.UsccError as exc:
            raise ValidationError(str(exc)) from exc


class EnterpriseEditForm(EnterpriseForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(
        label="修改原因",
        required=False,
        max_length=200,
        help_text="选填，记入变更记录",
    )


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the fields it names, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
