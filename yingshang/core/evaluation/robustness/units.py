"""The ranked units of every run: composites from their members, and competition ranks.

Ranks are competition ranks (ties share the better rank) of the ranked units, on scores rounded
to TIE_DECIMALS decimals (the displayed decimals when the methodology ranks displayed scores),
so that floating-point noise between the matrix and the nested computation cannot split a tie.
"""

import numpy as np

from ..ranking import display_round
from ..result import EvaluationResult

TIE_DECIMALS = 9


def _base_rows(result: EvaluationResult) -> np.ndarray:
    composites = set(result.methodology.composites)
    return np.array([i for i, u in enumerate(result.units) if u not in composites], dtype=np.int64)


class _RankedUnits:
    """Which rows the runs score (the base units, then composites as weighted means of their
    members) and which of them are ranked, in `result.units` order."""

    def __init__(self, result: EvaluationResult) -> None:
        self.result = result
        self.base = _base_rows(result)
        base_position = {result.units[i]: p for p, i in enumerate(self.base)}
        names = [u for u in result.units if u in result.methodology.composites]
        self.member_weights = np.zeros((len(self.base), len(names)))
        for k, name in enumerate(names):
            for member, weight in result.methodology.composites[name]:
                if member in base_position:
                    self.member_weights[base_position[member], k] = weight
        composite_position = {name: len(self.base) + k for k, name in enumerate(names)}
        ranked = [i for i in range(len(result.units)) if result.eligible[i]]
        self.ranked_units = tuple(result.units[i] for i in ranked)
        self.ranked_rows = np.array(ranked, dtype=np.int64)
        self.ranked_columns = np.array(
            [
                base_position.get(result.units[i], composite_position.get(result.units[i], -1))
                for i in ranked
            ],
            dtype=np.int64,
        )

    def scores(self, base: np.ndarray) -> np.ndarray:
        """Runs x ranked units, from the runs x base units overall scores."""
        if self.member_weights.shape[1] == 0:
            return base[:, self.ranked_columns]
        present = ~np.isnan(base)
        total = present.astype(np.float64) @ self.member_weights
        composite = np.where(present, base, 0.0) @ self.member_weights
        composite = np.where(total > 0, composite / np.where(total > 0, total, 1.0), np.nan)
        return np.hstack([base, composite])[:, self.ranked_columns]

    def ranks(self, scores: np.ndarray) -> np.ndarray:
        """Competition ranks per run (rows) of the ranked units (columns); 0 = no score."""
        rule = self.result.methodology.ranking
        if rule.basis == "displayed":
            scores = display_round(scores, rule.decimals)
        else:
            scores = np.round(scores, TIE_DECIMALS)
        missing = np.isnan(scores)
        key = np.where(missing, np.inf, -scores)
        order = np.argsort(key, axis=1)
        ordered = np.sort(key, axis=1)
        position = np.broadcast_to(np.arange(1, key.shape[1] + 1), key.shape)
        tied = ordered[:, 1:] == ordered[:, :-1]
        if tied.any():
            # A tie takes the position of its first member: ties share the better rank.
            starts = np.ones(key.shape, dtype=bool)
            starts[:, 1:] = ~tied
            position = np.maximum.accumulate(np.where(starts, position, 0), axis=1)
        ranks = np.empty(key.shape, dtype=np.int64)
        np.put_along_axis(ranks, order, position, axis=1)
        ranks[missing] = 0
        return ranks

    def nominal_ranks(self) -> np.ndarray:
        overall = self.result.node_index(self.result.nodes[0])
        return self.result.ranks[self.ranked_rows, overall].astype(np.int64)
