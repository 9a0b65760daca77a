"""Forms of the rectification pages: filters, tasks, transitions, extensions, problems, plans."""

from django import forms

from yingshang.core.rectification.workflow import STATE_LABELS, State
from yingshang.lib.forms import EntryForm, FilterForm
from yingshang.rectification.models import (
    Grade,
    ListKind,
    ProblemSource,
    ProblemStatus,
)
from yingshang.rectification.selectors.problems import ProblemFilters
from yingshang.rectification.selectors.tasks import TaskFilters

MAX_FILES = 10
MAX_FILE_BYTES = 20 * 1024 * 1024
BLANK = [("", "全部")]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (佐证材料); an empty list when none are chosen."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        if len(items) > MAX_FILES:
            raise forms.ValidationError(f"一次最多上传 {MAX_FILES} 个文件")
        cleaned = [super(MultipleFileField, self).clean(item, initial) for item in items]
        for item in cleaned:
            if item.size > MAX_FILE_BYTES:
                raise forms.ValidationError(f"文件「{item.name}」超过 20 MB")
        return cleaned


class TaskFilterForm(FilterForm):
    """The task pages' filters; `filters()` gives them as the task list selector takes them (the
    API's query gives the same ones)."""

    state = forms.ChoiceField(
        label="状态", required=False, choices=BLANK + [(s.value, STATE_LABELS[s]) for s in State]
    )
    lead_department = forms.ModelChoiceField(
        label="牵头部门", required=False, queryset=None, empty_label="全部"
    )
    department = forms.ModelChoiceField(
        label="牵头或配合部门", required=False, queryset=None, empty_label="全部"
    )
    list_kind = forms.ChoiceField(label="清单", required=False, choices=BLANK + ListKind.choices)
    overdue = forms.BooleanField(label="已超期", required=False)
    due_soon = forms.BooleanField(label="即将到期", required=False)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_department"].queryset = departments
        self.fields["department"].queryset = departments

    def filters(self) -> TaskFilters:
        """The chosen filters; none when the form is invalid. A ticked box shows only those
        tasks, an empty one all (a box cannot ask for "not overdue")."""
        if not self.is_valid():
            return TaskFilters()
        data = self.cleaned_data
        return TaskFilters(
            state=data["state"] or None,
            lead_department=_pk(data["lead_department"]),
            department=_pk(data["department"]),
            list_kind=data["list_kind"] or None,
            overdue=True if data["overdue"] else None,
            due_soon=True if data["due_soon"] else None,
        )


def _pk(instance) -> int | None:
    return None if instance is None else instance.pk


class TaskCreateForm(EntryForm):
    title = forms.CharField(label="任务", max_length=200)
    list_kind = forms.ChoiceField(label="清单", choices=ListKind.choices, initial=ListKind.TASK)
    lead_department = forms.ModelChoiceField(label="牵头部门", queryset=None)
    supporting_departments = forms.ModelMultipleChoiceField(
        label="配合部门", queryset=None, required=False
    )
    responsible_leader = forms.CharField(label="责任领导", max_length=100, required=False)
    plan = forms.ModelChoiceField(
        label="所属方案或专项攻坚", queryset=None, required=False, empty_label="（不属于方案）"
    )
    deadline = forms.DateField(
        label="完成时限",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="填写完成时限，或填写交办后的工作日数",
    )
    limit_workdays = forms.IntegerField(
        label="办理时限（交办后工作日）", required=False, min_value=1, max_value=365
    )
    measure = forms.CharField(
        label="整改措施", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    standard = forms.CharField(
        label="完成标准", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, departments, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_department"].queryset = departments
        self.fields["supporting_departments"].queryset = departments
        self.fields["plan"].queryset = plans

    def clean(self):
        data = super().clean()
        if not data.get("deadline") and not data.get("limit_workdays"):
            raise forms.ValidationError("请填写完成时限或办理时限（工作日）")
        return data


class BulkAssignForm(EntryForm):
    """An optional common time limit for the tasks assigned together; empty keeps each task's."""

    deadline = forms.DateField(
        label="统一完成时限", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    limit_workdays = forms.IntegerField(
        label="或交办后工作日", required=False, min_value=1, max_value=365
    )


class TransitionForm(EntryForm):
    """One action on a task: the version the user saw, a text, and files where needed."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(label="附件")


class ExtensionRequestForm(EntryForm):
    new_deadline = forms.DateField(label="申请延至", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 3}))


class ExtensionDecisionForm(EntryForm):
    decision = forms.ChoiceField(label="审批", choices=(("approve", "批准"), ("reject", "不批准")))
    note = forms.CharField(label="审批意见", required=False, max_length=500)


class ProblemFilterForm(FilterForm):
    status = forms.ChoiceField(label="状态", required=False, choices=BLANK + ProblemStatus.choices)
    grade = forms.ChoiceField(label="分级", required=False, choices=BLANK + Grade.choices)
    source = forms.ChoiceField(label="来源", required=False, choices=BLANK + ProblemSource.choices)
    q = forms.CharField(label="关键词", required=False, max_length=100)

    def filters(self) -> ProblemFilters:
        """The chosen filters, as the ledger selector takes them; none when invalid."""
        if not self.is_valid():
            return ProblemFilters()
        data = self.cleaned_data
        return ProblemFilters(
            status=data["status"] or None,
            grade=data["grade"] or None,
            source=data["source"] or None,
            q=data["q"],
        )


class ProblemForm(EntryForm):
    title = forms.CharField(label="问题", max_length=200)
    source = forms.ChoiceField(label="来源", choices=ProblemSource.choices)
    grade = forms.ChoiceField(label="分级", choices=Grade.choices, initial=Grade.C)
    reported_on = forms.DateField(label="发现日期", widget=forms.DateInput(attrs={"type": "date"}))
    department = forms.ModelChoiceField(
        label="责任部门", queryset=None, required=False, empty_label="暂不指定"
    )
    source_ref = forms.CharField(label="来源链接或编号", max_length=300, required=False)
    description = forms.CharField(
        label="问题描述", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.CharField(
        label="问题依据", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


class ProblemImportForm(EntryForm):
    file = forms.FileField(
        label="问题台账文件", help_text="Excel（.xlsx）或 .csv 文件，第一行为表头，格式见导入模板"
    )


class CampaignForm(EntryForm):
    title = forms.CharField(label="专项攻坚名称", max_length=200)
    period = forms.CharField(label="期间", max_length=40, required=False)
    due_on = forms.DateField(
        label="完成时限", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    preamble = forms.CharField(
        label="开头语", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    requirements = forms.CharField(
        label="具体要求", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class PlanDraftForm(EntryForm):
    run = forms.ModelChoiceField(label="依据的评价", queryset=None, empty_label="请选择评价")

    def __init__(self, *args, runs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["run"].queryset = runs


class PlanItemForm(EntryForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    responsible_leader = forms.CharField(label="责任领导", max_length=100, required=False)
    lead_department = forms.ModelChoiceField(
        label="牵头部门", queryset=None, required=False, empty_label="暂不指定"
    )
    supporting_departments = forms.ModelMultipleChoiceField(
        label="配合部门", queryset=None, required=False
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_department"].queryset = departments
        self.fields["supporting_departments"].queryset = departments


class VersionForm(EntryForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
