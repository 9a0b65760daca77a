"""What the evaluation writes share: the one permission check, the rejection of bad data and
batched inserts."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

from yingshang.core.evaluation import RowProblem
from yingshang.kernel.access import EVALUATION_WRITERS, require_zone_role
from yingshang.kernel.models import Zone

BATCH_SIZE = 5_000
# Row problems listed one by one; past this the rest are counted.
MAX_LISTED_PROBLEMS = 500
WRITE_DENIED = "无权访问: 仅限 系统管理员、营商办"


def require_writer(actor: Any, zone: Zone) -> None:
    """Office staff of the zone or an administrator (403 for other roles; another zone's
    records are "not found", 404)."""
    require_zone_role(actor, zone, EVALUATION_WRITERS, message=WRITE_DENIED)


class DataRejected(ValidationError):
    """A data file (or data that do not fit a methodology): `problems` lists every bad row."""

    def __init__(self, problems: list[RowProblem], *, field: str = "file", source: str = ""):
        self.problems = list(problems)
        self.source = source
        listed = [str(p) for p in self.problems[:MAX_LISTED_PROBLEMS]]
        if len(self.problems) > MAX_LISTED_PROBLEMS:
            listed.append(f"……另有 {len(self.problems) - MAX_LISTED_PROBLEMS} 处问题")
        prefix = f"{source}：" if source else ""
        super().__init__({field: [prefix + line for line in listed]})


def bulk_create(model: type, objects: Iterable) -> None:
    batch: list = []
    for obj in objects:
        batch.append(obj)
        if len(batch) >= BATCH_SIZE:
            model.objects.bulk_create(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch)
