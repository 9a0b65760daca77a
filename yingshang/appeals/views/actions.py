"""The actions of an appeal's page: for each, its form and the one service call it makes.

Workflow actions are the core table's (`core.appeals.workflow.Action`); four more act on an
appeal's extension or rating. Every form carries the version the user saw, so a change someone
saved in between is a conflict (409) shown on the page rather than overwritten.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms

from yingshang.appeals import forms as appeal_forms
from yingshang.appeals.selectors import lookups
from yingshang.appeals.selectors.pages import appeal_id_by_number
from yingshang.appeals.services import extensions, feedback, handling, workflow
from yingshang.core.appeals.workflow import NOTE_WORDS, REASON_WORDS, Action

Call = Callable[[Any, int, dict[str, Any]], object]


@dataclass(frozen=True)
class ActionSpec:
    label: str
    form: type[forms.Form]
    call: Call
    done: str  # the message after success
    text_label: str = ""


def _v(data: dict[str, Any]) -> int:
    return data["version"]


def _merge(user: Any, appeal_id: int, d: dict[str, Any]) -> object:
    into = appeal_id_by_number(user, d["into"])
    return handling.merge(actor=user, appeal_id=appeal_id, expected_version=_v(d), into_id=into)


def _request_extension(user: Any, appeal_id: int, d: dict[str, Any]) -> object:
    lookups.appeal_at_version(user=user, appeal_id=appeal_id, version=_v(d))
    return extensions.request_extension(
        actor=user, appeal_id=appeal_id, requested_until=d["requested_until"], reason=d["reason"]
    )


def _decide_extension(user: Any, appeal_id: int, d: dict[str, Any]) -> object:
    item = lookups.extension_of(
        user=user, appeal_id=appeal_id, extension_id=d["extension"], version=_v(d)
    )
    return extensions.decide_extension(
        actor=user, extension_id=item.pk, approve=d["decision"] == "approve", note=d["note"]
    )


def _dispute(user: Any, appeal_id: int, d: dict[str, Any]) -> object:
    rating = lookups.rating_of(user=user, appeal_id=appeal_id, rating_id=d["rating"], version=_v(d))
    return feedback.dispute_rating(actor=user, rating_id=rating.pk, reason=d["reason"])


def _review_dispute(user: Any, appeal_id: int, d: dict[str, Any]) -> object:
    rating = lookups.rating_of(user=user, appeal_id=appeal_id, rating_id=d["rating"], version=_v(d))
    return feedback.decide_dispute(
        actor=user, rating_id=rating.pk, upheld=d["decision"] == "upheld", note=d["note"]
    )


F = appeal_forms
A = Action
SPECS: dict[str, ActionSpec] = {
    A.ACCEPT: ActionSpec(
        "受理",
        F.ActionForm,
        lambda u, i, d: workflow.accept(actor=u, appeal_id=i, expected_version=_v(d)),
        "已受理，办理时限自今日起算",
    ),
    A.PROPOSE_REJECTION: ActionSpec(
        "提请不予受理",
        F.ReasonForm,
        lambda u, i, d: workflow.propose_rejection(
            actor=u, appeal_id=i, expected_version=_v(d), reason=d["reason"]
        ),
        "已提请不予受理，等待领导审批",
        REASON_WORDS[A.PROPOSE_REJECTION],
    ),
    A.APPROVE_REJECTION: ActionSpec(
        "批准不予受理",
        F.OptionalNoteForm,
        lambda u, i, d: workflow.decide_rejection(
            actor=u, appeal_id=i, expected_version=_v(d), approve=True, note=d["note"]
        ),
        "已批准不予受理",
    ),
    A.REFUSE_REJECTION: ActionSpec(
        "不批准不予受理",
        F.OptionalNoteForm,
        lambda u, i, d: workflow.decide_rejection(
            actor=u, appeal_id=i, expected_version=_v(d), approve=False, note=d["note"]
        ),
        "已不批准不予受理，诉求回到待受理",
    ),
    A.DISPATCH: ActionSpec(
        "转办",
        F.DispatchForm,
        lambda u, i, d: workflow.dispatch(
            actor=u,
            appeal_id=i,
            expected_version=_v(d),
            department=d["department"],
            category=d["category"],
        ),
        "已转办",
    ),
    A.SEND_BACK: ActionSpec(
        "退回",
        F.ReasonForm,
        lambda u, i, d: workflow.send_back(
            actor=u, appeal_id=i, expected_version=_v(d), reason=d["reason"]
        ),
        "已退回营商办",
        REASON_WORDS[A.SEND_BACK],
    ),
    A.START: ActionSpec(
        "签收办理",
        F.ActionForm,
        lambda u, i, d: workflow.start(actor=u, appeal_id=i, expected_version=_v(d)),
        "已签收，开始办理",
    ),
    A.SUSPEND: ActionSpec(
        "中止办理",
        F.ReasonForm,
        lambda u, i, d: handling.suspend(
            actor=u, appeal_id=i, expected_version=_v(d), reason=d["reason"]
        ),
        "已中止，办理时限暂停计算",
        REASON_WORDS[A.SUSPEND],
    ),
    A.RESUME: ActionSpec(
        "恢复办理",
        F.ActionForm,
        lambda u, i, d: handling.resume(actor=u, appeal_id=i, expected_version=_v(d)),
        "已恢复办理，办理时限顺延",
    ),
    A.REPLY: ActionSpec(
        "答复",
        F.NoteForm,
        lambda u, i, d: handling.reply(
            actor=u, appeal_id=i, expected_version=_v(d), text=d["note"]
        ),
        "已答复，等待营商办回访",
        NOTE_WORDS[A.REPLY],
    ),
    A.VISIT: ActionSpec(
        "回访",
        F.NoteForm,
        lambda u, i, d: feedback.visit(
            actor=u, appeal_id=i, expected_version=_v(d), note=d["note"]
        ),
        "已记录回访",
        NOTE_WORDS[A.VISIT],
    ),
    A.RATE: ActionSpec(
        "评价",
        F.RatingForm,
        lambda u, i, d: feedback.rate(
            actor=u,
            appeal_id=i,
            expected_version=_v(d),
            level=d["level"],
            reason=d["reason"],
            subjective=d["subjective"],
        ),
        "已评价",
    ),
    A.CLOSE: ActionSpec(
        "办结归档",
        F.ActionForm,
        lambda u, i, d: handling.close(actor=u, appeal_id=i, expected_version=_v(d)),
        "已办结归档",
    ),
    A.REOPEN: ActionSpec(
        "重办",
        F.ReasonForm,
        lambda u, i, d: handling.reopen(
            actor=u, appeal_id=i, expected_version=_v(d), reason=d["reason"]
        ),
        "已重办，办理时限重新起算",
        REASON_WORDS[A.REOPEN],
    ),
    A.MERGE: ActionSpec("合并", F.MergeForm, _merge, "已合并"),
    "request_extension": ActionSpec(
        "申请延期", F.ExtensionRequestForm, _request_extension, "已提交延期申请，等待审批"
    ),
    "decide_extension": ActionSpec(
        "审批延期", F.ExtensionDecisionForm, _decide_extension, "已审批延期申请"
    ),
    "dispute": ActionSpec("差评申诉复核", F.DisputeForm, _dispute, "已提出申诉复核"),
    "review_dispute": ActionSpec("复核差评", F.DisputeDecisionForm, _review_dispute, "已复核"),
}
SPECS = {str(code): spec for code, spec in SPECS.items()}


def make_form(
    code: str, *, data: Any = None, initial: dict[str, Any], departments: Any
) -> forms.Form:
    """The action's form, prefixed by its code so that every form of the page has its own ids."""
    spec = SPECS[code]
    kwargs: dict[str, Any] = {"initial": initial, "prefix": code}
    if spec.form is appeal_forms.DispatchForm:
        kwargs["departments"] = departments
    form = spec.form(data, **kwargs)
    if spec.text_label:
        name = "reason" if "reason" in form.fields else "note"
        form.fields[name].label = spec.text_label
    return form
