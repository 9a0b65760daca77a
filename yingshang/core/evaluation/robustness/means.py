"""Weighted means over a batch of runs, as the engine's `aggregate` defines them: missing
children skipped and weights renormalised, and a zero child score makes a geometric or harmonic
mean 0."""

import warnings

import numpy as np

_POOLING_POLICIES = ("mean", "median", "group")
_FILLING_POLICIES = ("worst", *_POOLING_POLICIES)


def _from_mass(
    method: str, mass: np.ndarray, total: np.ndarray, zero: np.ndarray | None
) -> np.ndarray:
    """Scores from weighted sums in the method's space (`total`: the weights that count)."""
    if method == "arithmetic":
        score = mass / total
    elif method == "geometric":
        score = np.exp(mass / total)
    else:
        score = total / mass
    if zero is not None:
        score = np.where(zero, 0.0, score)
    return np.where(total > 0, score, np.nan)


def _aggregate_runs(
    children: list[np.ndarray], weights: np.ndarray, method: str, missing: str
) -> np.ndarray:
    """`engine.aggregate` for a batch: children are runs x units (or one value per unit),
    weights runs x children. One child at a time, to keep no runs x units x children array."""
    runs = weights.shape[0]
    units = max(c.shape[-1] for c in children)
    shape = (runs, units)
    mass = np.zeros(shape)
    total = np.zeros(shape)
    zero = np.zeros(shape, dtype=bool)
    for k, child in enumerate(children):
        values = np.broadcast_to(child, shape)
        gaps = np.isnan(values)
        if missing in _FILLING_POLICIES and gaps.any():
            values = _fill_child(values.copy(), gaps, missing)
            gaps = np.isnan(values)
        weight = weights[:, k : k + 1]
        if gaps.any():
            weight = np.where(gaps, 0.0, weight)
            values = np.where(gaps, 0.0, values)
        total += weight
        if method == "arithmetic":
            mass += values * weight
            continue
        nonpositive = values <= 0
        if nonpositive.any():
            zero |= nonpositive & ~gaps & (weight > 0)
            values = np.where(nonpositive, 1.0, values)
        mass += (np.log(values) if method == "geometric" else 1.0 / values) * weight
    if method == "arithmetic":
        result = mass / total
    elif method == "geometric":
        result = np.where(zero, 0.0, np.exp(mass / total))
    else:
        result = np.where(zero, 0.0, total / mass)
    return np.where(total > 0, result, np.nan)


def _fill_child(values: np.ndarray, gaps: np.ndarray, missing: str) -> np.ndarray:
    """Fill a child's missing scores per run over the units, as `aggregate` does per call (a
    run in which no unit has a score stays missing)."""
    fillable = gaps & ~gaps.all(axis=1, keepdims=True)
    if not fillable.any():
        return values
    if missing == "worst":
        values[fillable] = 0.0
        return values
    reducer = np.nanmedian if missing == "median" else np.nanmean
    with warnings.catch_warnings(action="ignore", category=RuntimeWarning):
        fills = reducer(values, axis=1)
    values[fillable] = np.broadcast_to(fills[:, None], values.shape)[fillable]
    return values
