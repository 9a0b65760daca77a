"""API schemas of the evaluation module (营商环境评价), one module per resource. Descriptions
are shown in /api/docs."""

import math
from typing import Any


def finite(value: Any) -> float | None:
    """JSON has no NaN: a missing number is null."""
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) or math.isinf(number) else number


def person_label(user: Any) -> str:
    """Who saved, uploaded or evaluated: the account, or 系统 for the demo and commands."""
    return str(user) if user is not None else "系统"
