"""Forms of the evaluation pages: upload a dataset, start a run, what-if, robustness settings."""

from collections.abc import Iterable, Sequence
from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError

from yingshang.kernel.models import Role, User, Zone
from yingshang.lib.forms import EntryForm

DATA_SUFFIXES = (".csv", ".xlsx")
METHODOLOGY_SUFFIXES = (".yaml", ".yml")
MAX_METHODOLOGY_BYTES = 1024 * 1024
KIND_CHOICES = (("indicators", "指标数据"), ("survey", "满意度调查"))
PRESET_PREFIX = "preset:"
SAVED_PREFIX = "saved:"
DEFAULT_RUNS = 1000
MAX_RUNS = 5000
DEFAULT_WEIGHT_NOISE = 0.25


def _suffix_checked(uploaded, suffixes: Sequence[str], what: str):
    suffix = PurePath(uploaded.name or "").suffix.lower()
    if suffix not in suffixes:
        raise ValidationError(
            f"{what}必须是 {' 或 '.join(suffixes)} 文件，而不是「{uploaded.name}」"
        )
    return uploaded


class DatasetUploadForm(EntryForm):
    name = forms.CharField(label="数据集名称", max_length=200)
    kind = forms.ChoiceField(label="数据类型", choices=KIND_CHOICES, initial="indicators")
    file = forms.FileField(
        label="数据文件",
        help_text="长表格式 .csv 或 .xlsx：每行一个单位、一个指标（及期间）的原始值。",
    )
    zone = forms.ModelChoiceField(label="所属功能区", queryset=Zone.objects.none(), required=True)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ",".join(DATA_SUFFIXES)
        self.choose_zone = user.role == Role.ADMIN
        if self.choose_zone:
            self.fields["zone"].queryset = Zone.objects.order_by("code")
        else:
            # Office staff always upload for their own zone.
            del self.fields["zone"]
        self.user = user

    def clean_file(self):
        return _suffix_checked(self.cleaned_data["file"], DATA_SUFFIXES, "数据文件")

    def chosen_zone(self) -> Zone:
        return self.cleaned_data.get("zone") or self.user.zone


def methodology_choices(presets: Iterable[tuple[str, str]], saved: Iterable) -> list:
    """Grouped choices: the presets shipped with the platform, then the zone's saved versions."""
    preset_group = [(f"{PRESET_PREFIX}{key}", label) for key, label in presets]
    saved_group = [(f"{SAVED_PREFIX}{m.pk}", f"{m.name}（第 {m.version} 版）") for m in saved]
    choices: list = [("", "请选择评价方法")]
    if preset_group:
        choices.append(("预置评价方法", preset_group))
    if saved_group:
        choices.append(("本功能区已保存的评价方法", saved_group))
    return choices


class RunCreateForm(EntryForm):
    title = forms.CharField(
        label="评价名称", max_length=200, required=False, help_text="留空则按方法和期间自动命名。"
    )
    methodology = forms.ChoiceField(label="评价方法", required=False)
    methodology_file = forms.FileField(
        label="或上传评价方法文件（YAML）",
        required=False,
        help_text="格式见《评价方法说明》；上传后保存为本功能区的一个评价方法版本。",
    )
    dataset = forms.ModelChoiceField(label="指标数据", queryset=None)
    survey = forms.ModelChoiceField(label="满意度调查数据（可选）", queryset=None, required=False)
    period = forms.CharField(
        label="评价期间",
        max_length=40,
        required=False,
        help_text="如 2020；留空取数据中最新的期间。",
    )
    focus_unit = forms.CharField(
        label="本功能区在数据中的名称",
        max_length=200,
        required=False,
        help_text="用于突出显示和诊断；留空则使用功能区名称。",
    )

    def __init__(self, *args, presets, methodologies, datasets, surveys, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["methodology"].choices = methodology_choices(presets, methodologies)
        self.fields["methodology_file"].widget.attrs["accept"] = ",".join(METHODOLOGY_SUFFIXES)
        self.fields["dataset"].queryset = datasets
        self.fields["survey"].queryset = surveys
        self.fields["dataset"].empty_label = "请选择已上传的指标数据"
        self.fields["survey"].empty_label = "不使用满意度调查"

    def clean_methodology_file(self):
        uploaded = self.cleaned_data.get("methodology_file")
        if not uploaded:
            return None
        _suffix_checked(uploaded, METHODOLOGY_SUFFIXES, "评价方法文件")
        if uploaded.size > MAX_METHODOLOGY_BYTES:
            raise ValidationError("评价方法文件不能超过 1 MB")
        try:
            return uploaded.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError("评价方法文件必须是 UTF-8 编码") from None

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("methodology") and not cleaned.get("methodology_file"):
            self.add_error("methodology", "请选择一个评价方法，或上传评价方法文件")
        return cleaned

    def methodology_source(self) -> tuple[str, str | int]:
        """("text", yaml) for an upload, ("preset", name) or ("saved", pk) for a choice."""
        text = self.cleaned_data.get("methodology_file")
        if text:
            return "text", text
        choice = self.cleaned_data["methodology"]
        if choice.startswith(PRESET_PREFIX):
            return "preset", choice.removeprefix(PRESET_PREFIX)
        return "saved", int(choice.removeprefix(SAVED_PREFIX))


def leaf_field_name(index: int) -> str:
    return f"leaf_{index}"


def effort_field_name(index: int) -> str:
    return f"effort_{index}"


class WhatIfForm(EntryForm):
    """One number per leaf, prefilled with the unit's current raw value."""

    unit = forms.CharField(widget=forms.HiddenInput)
    freeze_goalposts = forms.BooleanField(
        label="固定目标值（前沿值不随调整而变化）", required=False
    )

    def __init__(self, *args, leaves: Sequence, **kwargs):
        super().__init__(*args, **kwargs)
        self.leaves = list(leaves)
        for leaf in self.leaves:
            self.fields[leaf_field_name(leaf.index)] = forms.FloatField(
                label=leaf.name, required=False, initial=leaf.value
            )

    def changes(self) -> dict[str, float]:
        """The leaves whose submitted value differs from the current one, leaf id -> value."""
        changed = {}
        for leaf in self.leaves:
            value = self.cleaned_data.get(leaf_field_name(leaf.index))
            if value is None:
                continue
            if leaf.value is None or abs(value - leaf.value) > 1e-12 * max(1.0, abs(leaf.value)):
                changed[leaf.leaf] = float(value)
        return changed

    def bound_rows(self) -> list[tuple]:
        """(leaf, bound field) pairs for the template, in tree order."""
        return [(leaf, self[leaf_field_name(leaf.index)]) for leaf in self.leaves]


class BestMovesForm(EntryForm):
    """Optional effort per leaf: how costly one unit of improvement is there (default 1)."""

    unit = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, leaves: Sequence, **kwargs):
        super().__init__(*args, **kwargs)
        self.leaves = list(leaves)
        for leaf in self.leaves:
            self.fields[effort_field_name(leaf.index)] = forms.FloatField(
                label=leaf.name, required=False, min_value=0
            )

    def efforts(self) -> dict[str, float] | None:
        given = {
            leaf.leaf: float(self.cleaned_data[effort_field_name(leaf.index)])
            for leaf in self.leaves
            if self.cleaned_data.get(effort_field_name(leaf.index)) is not None
        }
        return given or None

    def bound_rows(self) -> list[tuple]:
        return [(leaf, self[effort_field_name(leaf.index)]) for leaf in self.leaves]


class RobustnessForm(EntryForm):
    runs = forms.IntegerField(
        label="模拟次数", min_value=100, max_value=MAX_RUNS, initial=DEFAULT_RUNS
    )
    weight_noise = forms.FloatField(
        label="权重扰动幅度",
        min_value=0,
        max_value=1,
        initial=DEFAULT_WEIGHT_NOISE,
        help_text="权重随机变动的比例，0.25 即 ±25%。",
    )
    seed = forms.IntegerField(label="随机种子", min_value=0, initial=0, required=False)
