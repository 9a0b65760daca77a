"""The code lists the models' choices are made from: codes exactly as stored today (a changed
code would need a data migration), labels as the pages show them, and the choices helpers."""

from enum import StrEnum

import pytest

from yingshang.core.rectification.clocks import STEP_LABELS, STEPS, Step
from yingshang.core.rectification.codes import (
    EXTENSION_STATUS_LABELS,
    LIST_KIND_LABELS,
    ExtensionStatus,
    LabelsError,
    ListKind,
    choices,
    text_choices_members,
)
from yingshang.core.rectification.grades import (
    GRADE_LABELS,
    UNIT_LABELS,
    UNITS,
    Grade,
    GradeLimit,
    LimitUnit,
)
from yingshang.core.rectification.plan_workflow import PLAN_KIND_LABELS, PLAN_STATUS_LABELS
from yingshang.core.rectification.problems import PROBLEM_STATUS_LABELS, SOURCE_LABELS
from yingshang.core.rectification.workflow import ACTION_LABELS, STATE_LABELS

# Copied from yingshang/rectification/models.py and its migrations (Grade, ProblemSource,
# ProblemStatus, PlanKind, PlanStatus, ListKind, ExtensionStatus, EscalationStep, Task.state,
# TaskRecord.action).
MODEL_CHOICES = {
    "grade": [("A", "A类（复杂、历史遗留）"), ("B", "B类（跨部门）"), ("C", "C类（简单）")],
    "source": [
        ("evaluation", "评价短板"),
        ("appeal", "企业诉求"),
        ("supervisor", "监督员反映"),
        ("survey", "问卷调查"),
        ("visit", "走访"),
        ("inspection", "督查检查"),
        ("instruction", "领导批示"),
        ("other", "其他"),
    ],
    "problem_status": [
        ("open", "待整改"),
        ("rectifying", "整改中"),
        ("resolved", "已整改"),
        ("closed", "已销号"),
        ("dismissed", "不予立项"),
    ],
    "plan_kind": [("evaluation", "整改提升工作方案"), ("campaign", "专项攻坚")],
    "plan_status": [
        ("draft", "起草中"),
        ("pending", "待审批"),
        ("approved", "已审批"),
        ("published", "已印发"),
    ],
    "list_kind": [("task", "任务清单"), ("problem", "问题清单"), ("innovation", "创新清单")],
    "extension_status": [("pending", "待审批"), ("approved", "已批准"), ("rejected", "未批准")],
    "escalation_step": [("reminder", "催办提醒"), ("supervision", "督办"), ("notice", "通报")],
    "task_state": [
        ("draft", "草稿"),
        ("assigned", "已交办"),
        ("in_progress", "整改中"),
        ("submitted", "待验收"),
        ("returned", "已退回"),
        ("accepted", "已验收"),
        ("closed", "已销号"),
    ],
    "task_action": [
        ("assign", "交办"),
        ("start", "开始整改"),
        ("report", "报送进展"),
        ("submit", "提请验收"),
        ("return", "退回"),
        ("accept", "验收通过"),
        ("close", "销号"),
        ("reopen", "重新整改"),
    ],
}
CORE_LABELS = {
    "grade": GRADE_LABELS,
    "source": SOURCE_LABELS,
    "problem_status": PROBLEM_STATUS_LABELS,
    "plan_kind": PLAN_KIND_LABELS,
    "plan_status": PLAN_STATUS_LABELS,
    "list_kind": LIST_KIND_LABELS,
    "extension_status": EXTENSION_STATUS_LABELS,
    "escalation_step": STEP_LABELS,
    "task_state": STATE_LABELS,
    "task_action": ACTION_LABELS,
}


@pytest.mark.parametrize("name", sorted(MODEL_CHOICES))
def test_the_choices_are_the_models(name: str) -> None:
    made = choices(CORE_LABELS[name])
    assert made == MODEL_CHOICES[name]
    # plain str codes, so a migration compares (and would write) them as before
    assert all(type(code) is str for code, _label in made)


@pytest.mark.parametrize("name", sorted(MODEL_CHOICES))
def test_text_choices_members(name: str) -> None:
    members = text_choices_members(CORE_LABELS[name])
    assert [pair for _name, pair in members] == MODEL_CHOICES[name]
    kind = type(next(iter(CORE_LABELS[name])))
    assert [n for n, _pair in members] == [m.name for m in kind]


def test_limit_units() -> None:
    # The model's unused LimitUnit says 工作日 / 自然日 / 个月; the core's labels are written
    # after a number (15个工作日) and are kept.
    assert choices(UNIT_LABELS) == [
        ("workdays", "个工作日"),
        ("calendar_days", "个自然日"),
        ("months", "个月"),
    ]
    assert UNITS == ("workdays", "calendar_days", "months")
    assert GradeLimit(2, LimitUnit.MONTHS).label == "2个月"
    assert GradeLimit(2, "calendar_days").unit == LimitUnit.CALENDAR_DAYS


def test_steps_are_str_codes() -> None:
    # The sweep stores steps and writes them into audit verbs: the enum must act as its code.
    assert STEPS == ("reminder", "supervision", "notice")
    assert f"rectification.task_{Step.NOTICE}" == "rectification.task_notice"
    assert STEP_LABELS["supervision"] == "督办"
    assert {Grade("B"), ListKind("task"), ExtensionStatus("rejected")} == {"B", "task", "rejected"}


class Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


class Size(StrEnum):
    BIG = "big"


def test_a_label_missing_or_foreign_is_refused() -> None:
    with pytest.raises(LabelsError, match="blue"):
        choices({Colour.RED: "红"})
    with pytest.raises(LabelsError):
        choices({Colour.RED: "红", Colour.BLUE: "蓝", Size.BIG: "大"})
    with pytest.raises(LabelsError):
        text_choices_members({})
    assert choices({Colour.BLUE: "蓝", Colour.RED: "红"}) == [("red", "红"), ("blue", "蓝")]
