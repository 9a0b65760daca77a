"""The normalisation and aggregation samplers: every leaf's scores under each alternative, as
the leaves' parents see them, in the forms the batched evaluation multiplies.

The engine's group filling needs the units' groups, which a result does not carry: it falls
back to the overall mean here, as in `weighting.reweighted_scores`.
"""

from dataclasses import dataclass

import numpy as np

from ..result import EvaluationResult
from .means import _FILLING_POLICIES
from .plan import AGGREGATION_CHOICES, NORMALISATIONS
from .tree import _Tree
from .units import _base_rows

Z_CENTRE, Z_POINTS_PER_SD = 50.0, 10.0
# See the package docstring: a zero would make every geometric mean it enters 0.
GEOMETRIC_FLOOR = 1.0


def alternative_leaf_scores(result: EvaluationResult, normalisation: str) -> np.ndarray:
    """The leaves' 0-100 scores (rows: the units that are not composites) under one of
    NORMALISATIONS, re-normalised from `result.treated` over those units."""
    base = _base_rows(result)
    if normalisation == "stated":
        columns = [result.node_index(leaf) for leaf in result.leaves]
        return result.scores[np.ix_(base, columns)].copy()
    if normalisation not in NORMALISATIONS:
        raise ValueError(f"未知的标准化方法 {normalisation}")
    treated = result.treated[base]
    out = np.full(treated.shape, np.nan)
    for j, leaf in enumerate(result.leaves):
        goalposts = result.methodology.nodes[leaf].goalposts
        sign = -1.0 if goalposts is not None and goalposts.better == "lower" else 1.0
        out[:, j] = _renormalise(sign * treated[:, j], normalisation)
    return out


def _renormalise(values: np.ndarray, normalisation: str) -> np.ndarray:
    present = values[~np.isnan(values)]
    if present.size == 0:
        return np.full(values.shape, np.nan)
    if normalisation == "minmax":
        low, high = float(present.min()), float(present.max())
        if high - low <= 1e-12 * max(1.0, abs(high)):
            return np.where(np.isnan(values), np.nan, 100.0)
        return 100.0 * (values - low) / (high - low)
    mean, spread = float(present.mean()), float(present.std())
    if spread <= 1e-12 * max(1.0, abs(mean)):
        return np.where(np.isnan(values), np.nan, Z_CENTRE)
    return np.clip(Z_CENTRE + Z_POINTS_PER_SD * (values - mean) / spread, 0.0, 100.0)


@dataclass(frozen=True)
class _LeafData:
    """One normalisation's leaf scores as their parents see them (after the parents' missing
    policy), in the forms the matrix products need."""

    values: np.ndarray  # base units x leaves, NaN where still missing
    filled: np.ndarray  # NaN -> 0
    present: np.ndarray  # 1.0 where scored
    logs: np.ndarray  # log of positive scores, else 0
    zeros: np.ndarray  # 1.0 where scored and <= 0
    inverses: np.ndarray  # 1 / positive scores, else 0
    incomplete: np.ndarray  # row indices with a missing leaf
    needs_all_rows: bool  # a node pools other units to fill a missing child subtree

    def transformed(self, method: str) -> np.ndarray:
        """The scores in the space where `method` is a weighted sum."""
        if method == "arithmetic":
            return self.filled
        return self.logs if method == "geometric" else self.inverses


def _fill_leaf(column: np.ndarray, policy: str) -> np.ndarray:
    """A leaf's missing scores as its parent's `aggregate` fills them (never an all-missing
    column). Group filling uses the overall mean: the result does not carry the units' groups."""
    gap = np.isnan(column)
    if not gap.any() or gap.all() or policy not in _FILLING_POLICIES:
        return column
    if policy == "worst":
        fill = 0.0
    elif policy == "median":
        fill = float(np.median(column[~gap]))
    else:
        fill = float(np.mean(column[~gap]))
    return np.where(gap, fill, column)


def build_leaf_data(
    result: EvaluationResult, tree: _Tree, normalisation: int, aggregation: int
) -> _LeafData:
    """The leaf tables of one (normalisation, aggregation) pair: indices into NORMALISATIONS
    and AGGREGATION_CHOICES."""
    values = alternative_leaf_scores(result, NORMALISATIONS[normalisation])
    for j, node in enumerate(tree.leaf_node):
        policy = tree.missing[tree.parent[node]]
        values[:, j] = _fill_leaf(values[:, j], policy)
    if AGGREGATION_CHOICES[aggregation] == "geometric":
        values = np.where(np.isnan(values), np.nan, np.maximum(values, GEOMETRIC_FLOOR))
    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0)
    positive = present & (filled > 0)
    safe = np.where(positive, filled, 1.0)
    return _LeafData(
        values=values,
        filled=filled,
        present=present.astype(np.float64),
        logs=np.where(positive, np.log(safe), 0.0),
        zeros=(present & (filled <= 0)).astype(np.float64),
        inverses=np.where(positive, 1.0 / safe, 0.0),
        incomplete=np.flatnonzero(~present.all(axis=1)),
        needs_all_rows=_pools_missing_subtrees(tree, present),
    )


def _pools_missing_subtrees(tree: _Tree, present: np.ndarray) -> bool:
    """Whether some node may have to fill a child subtree's missing score (mean, median,
    group, worst): then every unit must go through the node-by-node path together.

    A subtree has no score for a unit when none of its scored leaves carries weight; with
    one leaf dropped per run, that can happen wherever at most one does.
    """
    weighted = [np.zeros(0)] * len(tree.nodes)
    for node in reversed(range(len(tree.nodes))):
        if tree.is_leaf[node]:
            weighted[node] = present[:, tree.leaf_column[node]].astype(np.int64)
            continue
        kids = tree.children[node]
        weighted[node] = sum(
            (weighted[c] for c in kids if tree.stated_weight[c] > 0),
            np.zeros(present.shape[0], dtype=np.int64),
        )
        if tree.missing[node] in _FILLING_POLICIES and any(
            not tree.is_leaf[c] and (weighted[c] <= 1).any() for c in kids
        ):
            return True
    return False
