"""Forms of the appeal pages: intake (office and enterprise), the lists' filters, and one small
form per action on an appeal's page. Every action form carries the version the user saw."""

from django import forms

from yingshang.core.appeals.kinds import CHANNEL_LABELS, Channel
from yingshang.core.appeals.ratings import LEVEL_LABELS
from yingshang.lib.forms import EntryForm, FilterForm

TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"})
OFFICE_CHANNELS = [(c.value, CHANNEL_LABELS[c]) for c in Channel if c is not Channel.ONLINE]


class EnterpriseIntakeForm(EntryForm):
    """提出诉求 by an enterprise user: its own enterprise, the online channel."""

    kind = forms.ChoiceField(label="诉求类型", choices=())
    title = forms.CharField(label="标题", max_length=200)
    content = forms.CharField(label="诉求内容", widget=forms.Textarea(attrs={"rows": 6}))
    applicant_name = forms.CharField(label="诉求人", max_length=60)
    applicant_phone = forms.CharField(label="联系电话", max_length=30, required=False)

    def __init__(self, *args, kinds: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "请选择"), *kinds]


class OfficeIntakeForm(EnterpriseIntakeForm):
    """诉求登记 by the office: any channel but the online platform, any enterprise of the zone
    (named by its credit code) or none, anonymous or real-name."""

    field_order = ["channel", "kind", "received_on", "title", "content", "enterprise_uscc"]

    channel = forms.ChoiceField(label="来源渠道", choices=[("", "请选择"), *OFFICE_CHANNELS])
    received_on = forms.DateField(
        label="收件日期", required=False, widget=DATE, help_text="不填为今天"
    )
    enterprise_uscc = forms.CharField(
        label="诉求企业统一社会信用代码", max_length=18, required=False, help_text="可不填"
    )
    applicant_id_number = forms.CharField(label="证件号码", max_length=30, required=False)
    anonymous = forms.BooleanField(label="匿名诉求", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applicant_name"].required = False


class AppealFilterForm(FilterForm):
    q = forms.CharField(label="编号或标题", required=False, max_length=100)
    channel = forms.ChoiceField(
        label="来源渠道",
        required=False,
        choices=[("", "全部"), *[(c.value, CHANNEL_LABELS[c]) for c in Channel]],
    )
    kind = forms.ChoiceField(label="诉求类型", required=False, choices=())
    lead_department = forms.ModelChoiceField(
        label="承办部门", required=False, queryset=None, empty_label="全部"
    )
    overdue = forms.BooleanField(label="只看已超期", required=False)

    def __init__(self, *args, kinds: list[tuple[str, str]], departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "全部"), *kinds]
        self.fields["lead_department"].queryset = departments


# Actions -------------------------------------------------------------------------------------


class ActionForm(EntryForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReasonForm(ActionForm):
    reason = forms.CharField(label="理由", widget=TEXTAREA)


class NoteForm(ActionForm):
    note = forms.CharField(label="说明", widget=TEXTAREA)


class OptionalNoteForm(ActionForm):
    note = forms.CharField(label="意见", required=False, widget=TEXTAREA)


class DispatchForm(ActionForm):
    department = forms.ModelChoiceField(label="承办部门", queryset=None)
    category = forms.CharField(label="诉求分类", max_length=100, required=False)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


class MergeForm(ActionForm):
    into = forms.CharField(
        label="重复的诉求编号", max_length=20, help_text="本诉求并入该诉求，两条办理记录都保留"
    )


class RatingForm(ActionForm):
    level = forms.ChoiceField(
        label="评价",
        choices=[(level.value, label) for level, label in LEVEL_LABELS.items()],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="评价原因", required=False, widget=TEXTAREA, help_text="不满意、非常不满意须填写原因"
    )
    subjective = forms.BooleanField(
        label="因办理本身的问题不满意（主观原因，将重新办理）", required=False
    )


class ExtensionRequestForm(ActionForm):
    requested_until = forms.DateField(label="申请延至", widget=DATE)
    reason = forms.CharField(label="延期理由", widget=TEXTAREA)


DECISIONS = [("approve", "批准"), ("reject", "不予批准")]


class ExtensionDecisionForm(ActionForm):
    extension = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label="审批", choices=DECISIONS, widget=forms.RadioSelect)
    note = forms.CharField(label="审批意见", required=False, widget=TEXTAREA)


class DisputeForm(ActionForm):
    rating = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label="申诉理由", widget=TEXTAREA)


class DisputeDecisionForm(ActionForm):
    rating = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label="复核结论",
        choices=[("upheld", "维持差评"), ("overturned", "撤销差评")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="复核意见", widget=TEXTAREA)
