"""The evaluation engine: raw values -> imputed -> treated -> normalised -> every level -> ranks.

Vectorised over units with numpy; the loops run over indicators and nodes only. Every
intermediate table is kept in the `EvaluationResult`, together with the goalposts used, so a
published result can be re-derived and never drifts.
"""

import warnings
from collections.abc import Mapping

import numpy as np

from .errors import DataError, RowProblem
from .methodology import ROOT, Methodology, Node
from .observations import Observations
from .ranking import competition_ranks, display_round
from .result import EvaluationResult

Overrides = Mapping[tuple[str, str], float]


def evaluate(
    methodology: Methodology,
    observations: Observations,
    *,
    period: str | None = None,
    overrides: Overrides | None = None,
    goalposts: np.ndarray | None = None,
) -> EvaluationResult:
    """Evaluate one period (default: the latest).

    `overrides` replaces raw values {(unit, indicator): value} for a what-if. `goalposts`
    (leaves x 2: best, worst) freezes the goalposts of an earlier result instead of deriving
    them from this sample.
    """
    period = _checked_period(observations, period)
    current = observations.in_period(period)
    leaves = methodology.leaves
    members = {m for pairs in methodology.composites.values() for m, _ in pairs}
    base_units = tuple(sorted(set(current.unit.tolist())))
    raw = _pivot(current, base_units, leaves)
    if overrides:
        _apply_overrides(raw, base_units, leaves, overrides)
    observed = ~np.isnan(raw)
    if goalposts is None:
        goalposts = _goalposts(methodology, leaves, raw)
    groups = group_index(observations, base_units)
    imputed = _impute(methodology, observations, period, base_units, leaves, raw, goalposts, groups)
    treated, normalised = _normalise(methodology, leaves, imputed, goalposts)

    composites = tuple(
        c for c in methodology.composites if _has_members(methodology, c, base_units)
    )
    units = base_units + composites
    scores = _tree_scores(methodology, len(base_units), len(units), normalised, groups)
    raw_all, imputed_all, treated_all = raw, imputed, treated
    if composites:
        scores, raw_all, imputed_all, treated_all = _add_composites(
            methodology, composites, base_units, scores, raw, imputed, treated
        )
    eligible = np.array([u not in members for u in units], dtype=bool)
    basis = scores
    if methodology.ranking.basis == "displayed":
        basis = display_round(scores, methodology.ranking.decimals)
    ranks = competition_ranks(basis, eligible)
    frontier, average = _frontier_and_average(scores, eligible)
    return EvaluationResult(
        methodology=methodology,
        period=period,
        units=units,
        eligible=eligible,
        leaves=leaves,
        nodes=methodology.node_ids,
        raw=raw_all,
        observed=np.vstack([observed, np.zeros((len(composites), len(leaves)), dtype=bool)]),
        imputed=imputed_all,
        treated=treated_all,
        goalposts=goalposts,
        scores=scores,
        ranks=ranks,
        frontier=frontier,
        average=average,
    )


def _checked_period(observations: Observations, period: str | None) -> str:
    """The period to evaluate: the latest by default, else one the data has."""
    if period is None:
        return observations.latest_period()
    if len(observations) and period not in observations.periods:
        available = "、".join(observations.periods) or "无"
        reason = f"数据中没有期间 {period}（可用：{available}）"
        raise DataError([RowProblem(0, "period", reason)])
    return period


def _tree_scores(
    methodology: Methodology,
    base_count: int,
    unit_count: int,
    normalised: np.ndarray,
    groups: np.ndarray | None,
) -> np.ndarray:
    """Units x nodes scores: the base units' (the first `base_count` rows) from their leaves
    up, each aggregate node from its children; the composites' rows are left NaN."""
    node_ids = methodology.node_ids
    scores = np.full((unit_count, len(node_ids)), np.nan)
    column = {nid: j for j, nid in enumerate(node_ids)}
    for i, leaf in enumerate(methodology.leaves):
        scores[:base_count, column[leaf]] = normalised[:, i]
    for node_id in reversed(node_ids):
        node = methodology.nodes[node_id]
        if node.children:
            children = scores[:base_count, [column[c] for c in node.children]]
            weights = np.array([methodology.nodes[c].weight for c in node.children])
            scores[:base_count, column[node_id]] = aggregate(
                children, weights, node.aggregation, node.missing, groups
            )
    return scores


def _frontier_and_average(
    scores: np.ndarray, eligible: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per node: the best and the mean score among the ranked units (NaN where none has one)."""
    pool = np.where(eligible[:, None], scores, np.nan)
    with warnings.catch_warnings(action="ignore", category=RuntimeWarning):
        # `initial` lets a period without any unit give NaN instead of a reduction error.
        frontier = np.nanmax(pool, axis=0, initial=-np.inf)
        frontier[np.isneginf(frontier)] = np.nan
        average = np.nanmean(pool, axis=0)
    return frontier, average


def _pivot(obs: Observations, units: tuple[str, ...], leaves: tuple[str, ...]) -> np.ndarray:
    matrix = np.full((len(units), len(leaves)), np.nan)
    if len(obs) == 0:
        return matrix
    rows = _positions(obs.unit, units)
    cols = _positions(obs.indicator, leaves)
    keep = (rows >= 0) & (cols >= 0)
    matrix[rows[keep], cols[keep]] = obs.value[keep]
    return matrix


def _positions(values: np.ndarray, names: tuple[str, ...]) -> np.ndarray:
    """The index of each value in `names` (-1 where absent)."""
    index = {name: k for k, name in enumerate(names)}
    return np.fromiter((index.get(v, -1) for v in values.tolist()), np.int64, len(values))


def _apply_overrides(
    raw: np.ndarray, units: tuple[str, ...], leaves: tuple[str, ...], overrides: Overrides
) -> None:
    unit_index = {u: i for i, u in enumerate(units)}
    leaf_index = {leaf: j for j, leaf in enumerate(leaves)}
    for (unit, indicator), value in overrides.items():
        if unit not in unit_index:
            raise KeyError(f"没有参评单位 {unit}")
        if indicator not in leaf_index:
            raise KeyError(f"没有末级指标 {indicator}")
        raw[unit_index[unit], leaf_index[indicator]] = float(value)


def _goalposts(methodology: Methodology, leaves: tuple[str, ...], raw: np.ndarray) -> np.ndarray:
    """best and worst per leaf, in raw units (NaN for identity leaves)."""
    posts = np.full((len(leaves), 2), np.nan)
    for j, leaf in enumerate(leaves):
        spec = methodology.nodes[leaf].goalposts
        if spec is None:
            continue
        if spec.mode == "fixed":
            posts[j] = (spec.best, spec.worst)
            continue
        column = raw[:, j][~np.isnan(raw[:, j])]
        if column.size == 0:
            continue
        top = spec.percentile if spec.mode == "percentile" else 100.0
        high, low = np.percentile(column, [top, 100.0 - top])
        posts[j] = (high, low) if spec.better == "higher" else (low, high)
    return posts


def group_index(observations: Observations, units: tuple[str, ...]) -> np.ndarray | None:
    """Each unit's group as an integer code (-1: no group), or None when the data has no groups."""
    if not observations.groups:
        return None
    labels = [observations.groups.get(u, "") for u in units]
    names = {name: k for k, name in enumerate(sorted(set(labels)))}
    return np.array([names[label] if label else -1 for label in labels], dtype=np.int64)


def _impute(
    methodology: Methodology,
    observations: Observations,
    period: str,
    units: tuple[str, ...],
    leaves: tuple[str, ...],
    raw: np.ndarray,
    goalposts: np.ndarray,
    groups: np.ndarray | None,
) -> np.ndarray:
    imputed = raw.copy()
    history: list[np.ndarray] | None = None  # earlier periods, newest first; built on demand
    for j, leaf in enumerate(leaves):
        column = imputed[:, j]
        gap = np.isnan(column)
        if not gap.any():
            continue
        policy = methodology.nodes[leaf].missing
        if policy == "carry_forward":
            if history is None:
                earlier = [p for p in observations.periods if p < period]
                history = [
                    _pivot(observations.in_period(p), units, leaves) for p in reversed(earlier)
                ]
            for past in history:
                fill = gap & ~np.isnan(past[:, j])
                column[fill] = past[fill, j]
                gap &= ~fill
        elif policy in ("mean", "median", "group") and (~gap).any():
            column[gap] = _fill_values(column, gap, policy, groups)
        elif policy == "worst":
            column[gap] = _worst_value(methodology.nodes[leaf], goalposts[j], column[~gap])
    return imputed


def _fill_values(
    column: np.ndarray, gap: np.ndarray, policy: str, groups: np.ndarray | None
) -> np.ndarray:
    present = column[~gap]
    overall = float(np.median(present) if policy == "median" else np.mean(present))
    if policy != "group" or groups is None:
        return np.full(int(gap.sum()), overall)
    fills = np.full(int(gap.sum()), overall)
    for k, unit_group in enumerate(groups[gap]):
        peers = (~gap) & (groups == unit_group) if unit_group >= 0 else np.zeros_like(gap)
        if peers.any():
            fills[k] = float(np.mean(column[peers]))
    return fills


def _worst_value(node: Node, posts: np.ndarray, present: np.ndarray) -> float:
    if node.transform == "identity":
        return 0.0
    if not np.isnan(posts[1]):
        return float(posts[1])
    return float("nan") if present.size == 0 else float(present.min())


def _normalise(
    methodology: Methodology, leaves: tuple[str, ...], imputed: np.ndarray, goalposts: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    treated = np.full(imputed.shape, np.nan)
    normalised = np.full(imputed.shape, np.nan)
    with np.errstate(all="ignore"):
        for j, leaf in enumerate(leaves):
            treated[:, j], normalised[:, j] = normalise_leaf(
                methodology.nodes[leaf], imputed[:, j], goalposts[j]
            )
    return treated, normalised


def normalise_leaf(
    node: Node, values: np.ndarray, posts: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The treated value (clipped, transformed) and the 0-100 score of one leaf's column."""
    if node.transform == "identity":
        treated = np.clip(values, 0.0, 100.0) if node.clip else values.astype(np.float64)
        return treated, treated + 0.0
    best, worst = float(posts[0]), float(posts[1])
    treated = values.astype(np.float64)
    if node.clip and not (np.isnan(best) or np.isnan(worst)):
        treated = np.clip(treated, min(best, worst), max(best, worst))
    if node.transform == "log":
        treated, best, worst = np.log(treated), float(np.log(best)), float(np.log(worst))
    if best == worst:
        # Every unit sits on the frontier: nothing separates them on this indicator.
        return treated, np.where(np.isnan(treated), np.nan, 100.0)
    share = (worst - treated) / (worst - best)
    if node.transform == "power":
        share = np.power(np.clip(share, 0.0, None), node.exponent)
    # Adding 0.0 turns -0.0 (a value on the worst goalpost when worst is 0) into 0.0, which
    # would otherwise print as "-0.00".
    return treated, node.floor + (100.0 - node.floor) * share + 0.0


def aggregate(
    children: np.ndarray,
    weights: np.ndarray,
    method: str = "arithmetic",
    missing: str = "reweight",
    groups: np.ndarray | None = None,
) -> np.ndarray:
    """Combine child scores (units x children) into one score per unit.

    Missing children are skipped and the remaining weights renormalised; under the policies
    mean / median / group a missing child score is first imputed from the other units, under
    `worst` it counts as 0.
    """
    children = np.array(children, dtype=np.float64)
    if missing != "reweight" and np.isnan(children).any():
        children = _impute_children(children, missing, groups)
    present = ~np.isnan(children)
    w = np.where(present, weights[None, :], 0.0)
    total = w.sum(axis=1)
    safe = np.where(present, children, 0.0)
    with np.errstate(all="ignore"):
        if method == "arithmetic":
            result = (safe * w).sum(axis=1) / total
        elif method == "geometric":
            has_zero = ((safe <= 0) & (w > 0)).any(axis=1)
            logs = np.log(np.where(safe > 0, safe, 1.0))
            result = np.where(has_zero, 0.0, np.exp((logs * w).sum(axis=1) / total))
        elif method == "harmonic":
            has_zero = ((safe <= 0) & (w > 0)).any(axis=1)
            inverse = np.where(safe > 0, 1.0 / np.where(safe > 0, safe, 1.0), 0.0)
            result = np.where(has_zero, 0.0, total / (inverse * w).sum(axis=1))
        else:
            raise ValueError(f"unknown aggregation {method}")
        # Any weighted mean lies between its smallest and largest child; exp/log round-off
        # would otherwise let a geometric mean of 100s come out as 100.00000000000001.
        lowest = np.where(present, children, np.inf).min(axis=1)
        highest = np.where(present, children, -np.inf).max(axis=1)
        result = np.minimum(np.maximum(result, lowest), highest)
    return np.where(total > 0, result, np.nan)


def _impute_children(children: np.ndarray, missing: str, groups: np.ndarray | None) -> np.ndarray:
    for k in range(children.shape[1]):
        column = children[:, k]
        gap = np.isnan(column)
        if not gap.any() or gap.all():
            continue
        if missing == "worst":
            column[gap] = 0.0
        elif missing in ("mean", "median", "group"):
            column[gap] = _fill_values(column, gap, missing, groups)
    return children


def _has_members(methodology: Methodology, composite: str, units: tuple[str, ...]) -> bool:
    present = set(units)
    return any(member in present for member, _ in methodology.composites[composite])


def _add_composites(
    methodology: Methodology,
    composites: tuple[str, ...],
    base_units: tuple[str, ...],
    scores: np.ndarray,
    raw: np.ndarray,
    imputed: np.ndarray,
    treated: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A composite unit (a two-city economy, a province of zones) is the weighted mean of its
    members at every node; its raw columns are the weighted means of the members' raw values."""
    index = {u: i for i, u in enumerate(base_units)}
    extra = [np.empty((len(composites), m.shape[1])) for m in (raw, imputed, treated)]
    for k, composite in enumerate(composites):
        pairs = [(index[m], w) for m, w in methodology.composites[composite] if m in index]
        rows = [i for i, _ in pairs]
        weights = np.array([w for _, w in pairs])
        scores[len(base_units) + k] = aggregate(scores[rows].T, weights)
        for table, out in zip((raw, imputed, treated), extra, strict=True):
            out[k] = aggregate(table[rows].T, weights)
    return (
        scores,
        np.vstack([raw, extra[0]]),
        np.vstack([imputed, extra[1]]),
        np.vstack([treated, extra[2]]),
    )


__all__ = ["ROOT", "aggregate", "evaluate", "group_index", "normalise_leaf"]
