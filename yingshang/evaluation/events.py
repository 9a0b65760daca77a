"""The audit events of the evaluation module, one function each, recorded inside the transaction
of the write that causes them. Verbs are `<noun>.<past participle>`; their Chinese labels are in
`VERBS` below, registered with the audit trail when the app loads.
"""

from typing import Any

from yingshang.audit.services import record_event, snapshot
from yingshang.evaluation.models import Dataset, EvaluationRun, MethodologyVersion
from yingshang.kernel.models import Zone

METHODOLOGY_STORED = "methodology.stored"
DATASET_UPLOADED = "dataset.uploaded"
RUN_PUBLISHED = "run.published"
RUN_RENAMED = "run.renamed"
RUN_WITHDRAWN = "run.withdrawn"

VERBS = {
    METHODOLOGY_STORED: "保存评价方法",
    DATASET_UPLOADED: "上传评价数据",
    RUN_PUBLISHED: "发布评价结果",
    RUN_RENAMED: "修改评价标题",
    RUN_WITHDRAWN: "撤回评价结果",
}
LEGACY_VERBS = {
    "evaluation.methodology_saved": METHODOLOGY_STORED,
    "evaluation.dataset_uploaded": DATASET_UPLOADED,
    "evaluation.run_created": RUN_PUBLISHED,
    "evaluation.run_updated": RUN_RENAMED,
    "evaluation.run_deleted": RUN_WITHDRAWN,
}

RUN_FIELDS = ["title", "methodology", "dataset", "survey", "period", "focus_unit"]


def methodology_stored(*, actor: Any, version: MethodologyVersion, zone: Zone) -> None:
    """A methodology's text saved for the first time (a preset for every zone: zone is the
    zone it was first chosen in, so the event shows in that zone's log)."""
    record_event(
        actor=actor,
        verb=METHODOLOGY_STORED,
        obj=version,
        zone=zone,
        after=snapshot(version, ["code", "name", "version", "digest", "preset"]),
    )


def dataset_uploaded(*, actor: Any, dataset: Dataset) -> None:
    record_event(
        actor=actor,
        verb=DATASET_UPLOADED,
        obj=dataset,
        after=snapshot(dataset, ["name", "kind", "filename", "periods", "unit_count", "row_count"]),
    )


def run_published(*, actor: Any, run: EvaluationRun) -> None:
    record_event(
        actor=actor,
        verb=RUN_PUBLISHED,
        obj=run,
        after=snapshot(run, [*RUN_FIELDS, "unit_count"]),
    )


def run_renamed(*, actor: Any, run: EvaluationRun, before: str, reason: str = "") -> None:
    record_event(
        actor=actor,
        verb=RUN_RENAMED,
        obj=run,
        before={"title": before},
        after={"title": run.title},
        reason=reason,
    )


def run_withdrawn(*, actor: Any, run: EvaluationRun, reason: str = "") -> None:
    """Recorded before the run is deleted: the event keeps what it was."""
    record_event(
        actor=actor,
        verb=RUN_WITHDRAWN,
        obj=run,
        before=snapshot(run, RUN_FIELDS),
        reason=reason,
    )
