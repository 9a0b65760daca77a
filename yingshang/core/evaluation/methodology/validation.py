"""The list of problems a methodology file has, and the checks every section shares."""

import math
from collections.abc import Mapping
from typing import Any


class _Problems(list[str]):
    def add(self, where: str, message: str) -> None:
        self.append(f"{where}：{message}" if where else message)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return None


def _check_keys(raw: Mapping, allowed: set[str], where: str, problems: _Problems) -> None:
    unknown = sorted(str(k) for k in raw if k not in allowed)
    if unknown:
        problems.add(
            where, f"未知的字段 {', '.join(unknown)}（可用：{', '.join(sorted(allowed))}）"
        )
