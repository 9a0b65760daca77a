"""How the Word report and the workbook print numbers, ranks and changes, so both say the same.

No Django and no document library here: plain functions of an `EvaluationResult` and numbers.
"""

import math
from collections.abc import Sequence

from yingshang.core.evaluation import diagnosis
from yingshang.core.evaluation.methodology import ROOT, Methodology
from yingshang.core.evaluation.ranking import display_round
from yingshang.core.evaluation.result import EvaluationResult

DASH = "—"


def number_text(value: float | None, decimals: int) -> str:
    """A value already rounded for display, printed with the methodology's decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return DASH
    return f"{value + 0.0:.{decimals}f}"  # + 0.0 turns -0.0 into 0.0: never print "-0.00"


def signed_text(value: float | None, decimals: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return DASH
    if value == 0:
        return f"{0.0:.{decimals}f}"
    return f"{value:+.{decimals}f}"


def rank_text(rank: int | None) -> str:
    return f"第{rank}位" if rank else "未排名"


def rank_change_text(change: int | None) -> str:
    if change is None:
        return DASH
    if change > 0:
        return f"上升{change}位"
    if change < 0:
        return f"下降{-change}位"
    return "持平"


def combination_text(methodology: Methodology) -> str:
    """ "客观指标得分×70%＋企业满意度得分×30%" for a methodology with a combination."""
    combination = methodology.combination
    if combination is None:
        return ""
    total = combination.objective + combination.satisfaction
    objective, satisfaction = combination.objective / total, combination.satisfaction / total
    return f"客观指标得分×{objective:.0%}＋企业满意度得分×{satisfaction:.0%}"


def score_change_shown(standing: diagnosis.Standing) -> float | None:
    """The change a reader can check: this period's displayed score minus the previous one's."""
    if standing.displayed_score is None or standing.previous_score is None:
        return None
    previous = float(display_round(standing.previous_score, standing.decimals))
    return float(display_round(standing.displayed_score - previous, standing.decimals))


def meaningful_trend(
    trend: Sequence[EvaluationResult] | None,
) -> Sequence[EvaluationResult] | None:
    """A trend needs at least two periods; a single one is just this result again."""
    return trend if trend and len({r.period for r in trend}) >= 2 else None


def ranking_order(result: EvaluationResult) -> list[int]:
    """Unit indices by overall rank; unranked units last, in their listed order."""
    column = result.ranks[:, result.node_index(ROOT)]
    return sorted(range(len(result.units)), key=lambda i: (column[i] == 0, column[i], i))
