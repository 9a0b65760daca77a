"""Importing enterprises from a .csv or .xlsx file: check everything, then write everything.

Pass 1 reads the file row by row, validates each row, looks the valid ones up by uscc a chunk
at a time (reads only) and keeps them in a temporary spool. If any row is wrong nothing is
written. Pass 2 writes the spooled chunks in one transaction, with the audit events.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from yingshang.enterprises import events
from yingshang.enterprises.imports.planning import ChunkPlan, PlanContext, plan_chunk
from yingshang.enterprises.imports.preview import preview_headers, preview_row
from yingshang.enterprises.imports.rows import EnterpriseRecord, FileValidator, Vocabulary
from yingshang.enterprises.imports.vocabulary import build_vocabulary
from yingshang.enterprises.imports.writing import write_chunk
from yingshang.kernel.access import REGISTRY_WRITERS, has_role, require_role
from yingshang.kernel.models import Role, Zone
from yingshang.lib.tabular.errors import ErrorLog, FileProblem, RowError
from yingshang.lib.tabular.readers import limits_from_settings, read_rows
from yingshang.lib.tabular.spool import ChunkSpool

RecordSpool = ChunkSpool[EnterpriseRecord]

CHUNK_SIZE = 5000
PREVIEW_ROWS = 20


@dataclass
class ImportResult:
    file_name: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    hidden_errors: int = 0
    committed: bool = False
    preview_headers: list[str] = field(default_factory=list)
    preview_rows: list[list[str]] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    """Rows imported as they are but worth a look (the first MAX_REPORTED_ERRORS)."""
    hidden_warnings: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and not self.hidden_errors

    @property
    def hidden_line(self) -> str:
        return f"还有{self.hidden_errors}处错误未显示" if self.hidden_errors else ""

    @property
    def hidden_warnings_line(self) -> str:
        return f"还有{self.hidden_warnings}处提示未显示" if self.hidden_warnings else ""

    def counts_line(self) -> str:
        return f"created={self.created} updated={self.updated} unchanged={self.unchanged}"

    def add_counts(self, plan: ChunkPlan) -> None:
        self.created += len(plan.new)
        self.updated += len(plan.changes)
        self.unchanged += plan.unchanged


class _Rejected(Exception):
    """Raised inside the write transaction to roll it back."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("import rejected")
        self.errors = errors


def allowed_zone_ids(actor: Any) -> frozenset[int] | None:
    """None (any zone) for the system and administrators, else the actor's own zone."""
    if actor is None or has_role(actor, Role.ADMIN):
        return None
    require_role(actor, *REGISTRY_WRITERS)
    return frozenset({actor.zone_id})


def _chunks(records: Iterator[EnterpriseRecord]) -> Iterator[list[EnterpriseRecord]]:
    chunk: list[EnterpriseRecord] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= CHUNK_SIZE:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _check(
    *,
    path: Path,
    vocabulary: Vocabulary,
    context: PlanContext,
    result: ImportResult,
    spool: RecordSpool,
    preview: int,
) -> tuple[ErrorLog, PlanContext]:
    """Pass 1: validate, plan (reads only) and spool; fills the counts, the warnings and the
    preview."""
    errors, warnings = ErrorLog(), ErrorLog()
    validator = FileValidator(vocabulary=vocabulary, errors=errors)
    for chunk in _chunks(validator.records(read_rows(path, limits=limits_from_settings()))):
        header = validator.header
        assert header is not None  # records come only after a valid header
        if len(result.preview_rows) < preview:
            result.preview_headers = ["行号", *preview_headers(header)]
            room = preview - len(result.preview_rows)
            result.preview_rows += [preview_row(r, header, vocabulary) for r in chunk[:room]]
        context = replace(context, uscc_column=header.written("uscc"))
        plan = plan_chunk(records=chunk, context=context)
        errors.extend(plan.errors)
        warnings.extend(plan.warnings)
        result.add_counts(plan)
        if not errors:
            spool.write(chunk)
    result.rows = validator.data_rows
    result.warnings, result.hidden_warnings = warnings.shown, warnings.hidden
    return errors, context


def _write(
    *, spool: RecordSpool, context: PlanContext, actor: Any, zone: Zone, result: ImportResult
) -> None:
    """Pass 2: plan again under lock and write, all in one transaction."""
    locked = replace(context, lock=True)
    now = timezone.now()
    reason = f"批量导入: {result.file_name}"
    result.created = result.updated = result.unchanged = 0
    with transaction.atomic():
        for chunk in spool.read():
            plan = plan_chunk(records=chunk, context=locked)
            if plan.errors:
                raise _Rejected(plan.errors)
            write_chunk(plan=plan, default_zone_id=zone.pk, now=now)
            events.enterprises_updated(changes=plan.changes, actor=actor, reason=reason)
            result.add_counts(plan)
        events.enterprise_imported(
            actor=actor,
            zone=zone,
            summary={
                "file": result.file_name,
                "rows": result.rows,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
            reason=reason,
        )


def import_enterprises(
    *,
    path: Path,
    actor: Any,
    default_zone: Zone,
    dry_run: bool = False,
    file_name: str = "",
    preview: int = 0,
) -> ImportResult:
    """Import `path` (.csv or .xlsx). `actor` is a user, or None for the command line.

    Rows without a zone go to `default_zone` when new. Nothing is written when any row is
    wrong or when `dry_run`; the result then carries the errors or the counts it would have.
    Raises FileProblem when the file cannot be read, PermissionDenied for a user who may not
    import into `default_zone`.
    """
    allowed = allowed_zone_ids(actor)
    if allowed is not None and default_zone.pk not in allowed:
        raise PermissionDenied("只能导入到本功能区")
    vocabulary = build_vocabulary(allowed_zone_ids=allowed)
    context = PlanContext(
        default_zone_id=default_zone.pk,
        allowed_zone_ids=allowed,
        uscc_column="统一社会信用代码",
        kind_names=vocabulary.kinds.label_of,
    )
    result = ImportResult(file_name=file_name or path.name)
    with RecordSpool(EnterpriseRecord._make) as spool:
        errors, context = _check(
            path=path,
            vocabulary=vocabulary,
            context=context,
            result=result,
            spool=spool,
            preview=preview,
        )
        if errors or dry_run:
            result.errors, result.hidden_errors = errors.shown, errors.hidden
            return result
        try:
            _write(spool=spool, context=context, actor=actor, zone=default_zone, result=result)
        except _Rejected as exc:
            result.errors = exc.errors
            result.created = result.updated = result.unchanged = 0
            return result
    result.committed = True
    return result


__all__ = ["FileProblem", "ImportResult", "allowed_zone_ids", "import_enterprises"]
