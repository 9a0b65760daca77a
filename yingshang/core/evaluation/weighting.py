"""Alternative weightings: the methodology's own (expert) weights against equal, entropy, CRITIC
and PCA weights, each computed per aggregate node from its children's scores.

Data-driven weights are derived, for every aggregate node, from the score columns of its
children in `result.scores` over the units that take part in the ranking. They answer "would
the ranking change if the weights came from the data instead of the experts?"; the scores are
then re-aggregated with the engine's own `aggregate`, node by node, so nothing but the weights
differs from the published evaluation.

Degenerate data never produces NaN weights: a child whose score is the same for every unit
carries no information and gets weight 0 under entropy, CRITIC and PCA (as those methods imply);
when no child varies, or fewer than two units have scores, the node falls back to equal shares.
Every such case is explained, in Chinese, by `scheme_notes`.
"""

import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from .engine import aggregate
from .methodology import Methodology
from .ranking import competition_ranks, display_round
from .result import EvaluationResult

SCHEMES = ("stated", "equal", "entropy", "critic", "pca")
SCHEME_LABELS = {
    "stated": "方法设定权重（专家）",
    "equal": "等权",
    "entropy": "熵权法",
    "critic": "CRITIC",
    "pca": "主成分分析",
}

# Entropy weights need strictly positive values; scores are 0-100, so a shift of a hundredth of
# a point keeps zeros usable (p ln p defined) without changing the other proportions visibly.
ENTROPY_SHIFT = 0.01
# Below this a column's spread (or the methods' total information) counts as none at all.
_TINY = 1e-12


@dataclass(frozen=True)
class WeightingComparison:
    """Overall scores and ranks of every unit (rows, in `result.units` order) per scheme
    (columns, in `schemes` order). Ranks are 0 for units outside the ranking."""

    units: tuple[str, ...]
    schemes: tuple[str, ...]
    overall: np.ndarray
    ranks: np.ndarray
    weights: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    notes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def rank_of(self, unit: str, scheme: str) -> int:
        return int(self.ranks[self.units.index(unit), self.schemes.index(scheme)])

    def score_of(self, unit: str, scheme: str) -> float:
        return float(self.overall[self.units.index(unit), self.schemes.index(scheme)])


def scheme_weights(result: EvaluationResult, scheme: str) -> dict[str, float]:
    """Node id -> weight among its siblings (each sibling group sums to 1), for every node
    but the root."""
    return _compute(result, scheme)[0]


def scheme_notes(result: EvaluationResult, scheme: str) -> dict[str, str]:
    """Aggregate node id -> why its children's weights are not what the method alone would give
    (a fallback to equal shares, or children weighted 0 because they do not vary)."""
    return _compute(result, scheme)[1]


def reweighted_scores(result: EvaluationResult, weights: Mapping[str, float]) -> np.ndarray:
    """Scores (units x nodes, the layout of `result.scores`) re-aggregated bottom-up with the
    given sibling weights, each node with its own aggregation and missing-data policy.

    The leaves' normalised columns are kept. Nodes absent from `weights` keep the methodology's
    weight as a share among their siblings, so `weights` should hold shares as well. Composite
    units are rebuilt from their members as the engine builds them. The engine's group
    imputation of a missing child score falls back to the overall mean here: the result does not
    carry the units' groups.
    """
    methodology = result.methodology
    unknown = sorted(set(weights) - set(methodology.nodes))
    if unknown:
        raise KeyError(f"没有指标 {', '.join(unknown)}")
    stated = _stated_shares(methodology)
    scores = result.scores.copy()
    column = {node_id: j for j, node_id in enumerate(result.nodes)}
    base = _base_rows(result)
    for node_id in reversed(result.nodes):
        node = methodology.nodes[node_id]
        if not node.children:
            continue
        children = scores[np.ix_(base, [column[c] for c in node.children])]
        sibling = np.array([float(weights.get(c, stated[c])) for c in node.children])
        scores[base, column[node_id]] = aggregate(children, sibling, node.aggregation, node.missing)
    _rebuild_composites(result, scores, base)
    return scores


def compare_weightings(result: EvaluationResult) -> WeightingComparison:
    """The overall score and rank of every unit under each scheme in SCHEMES."""
    overall_column = result.node_index(result.nodes[0])
    overall = np.empty((len(result.units), len(SCHEMES)))
    all_weights, all_notes = {}, {}
    for k, scheme in enumerate(SCHEMES):
        weights, notes = _compute(result, scheme)
        overall[:, k] = reweighted_scores(result, weights)[:, overall_column]
        all_weights[scheme], all_notes[scheme] = weights, notes
    rule = result.methodology.ranking
    basis = display_round(overall, rule.decimals) if rule.basis == "displayed" else overall
    return WeightingComparison(
        units=result.units,
        schemes=SCHEMES,
        overall=overall,
        ranks=competition_ranks(basis, result.eligible),
        weights=all_weights,
        notes=all_notes,
    )


# --- the schemes -----------------------------------------------------------------------------


def entropy_weights(columns: np.ndarray) -> tuple[np.ndarray, str]:
    """熵权法 on a units x children matrix (NaN = missing, skipped per column).

    Each column is shifted to be positive (x - min(min x, 0) + ENTROPY_SHIFT), p_ij = x_ij /
    sum_i x_ij, e_j = -sum_i p_ij ln p_ij / ln n_j (n_j: units with a value), weight ∝ 1 - e_j.
    """
    k = columns.shape[1]
    divergence = np.zeros(k)
    for j in range(k):
        x = columns[:, j][~np.isnan(columns[:, j])]
        if x.size < 2 or not _varies(x):
            continue
        shifted = x - min(float(x.min()), 0.0) + ENTROPY_SHIFT
        p = shifted / shifted.sum()
        entropy = -float(np.sum(p * np.log(p))) / math.log(x.size)
        divergence[j] = max(0.0, 1.0 - entropy)
    return _shares(divergence, "熵权法")


def critic_weights(columns: np.ndarray) -> tuple[np.ndarray, str]:
    """CRITIC on a units x children matrix: weight ∝ std_j x sum_k (1 - r_jk), Pearson r over
    the units with every child scored. A child that does not vary has std 0 (weight 0) and its
    undefined correlations count as 0."""
    complete = _complete_rows(columns)
    if complete.shape[0] < 2:
        return np.full(columns.shape[1], 1.0 / columns.shape[1]), _too_few_units("CRITIC")
    varying = np.array([_varies(complete[:, j]) for j in range(complete.shape[1])])
    spread = np.where(varying, complete.std(axis=0, ddof=1), 0.0)
    correlation = _correlation(complete, varying)
    information = spread * (1.0 - correlation).sum(axis=1)
    return _shares(information, "CRITIC")


def pca_weights(columns: np.ndarray) -> tuple[np.ndarray, str]:
    """Squared loadings of the first principal component of the standardised children (their
    correlation matrix), over the units with every child scored.

    Squared rather than absolute loadings: the loadings of a unit eigenvector have squares that
    sum to 1, and each square is the share of the component's variance that the child carries
    (the OECD/JRC handbook's practice), so no arbitrary rescaling is needed and the sign of the
    eigenvector, which is arbitrary, drops out. A child that does not vary gets weight 0; a
    single varying child gets weight 1.
    """
    complete = _complete_rows(columns)
    if complete.shape[0] < 2:
        return np.full(columns.shape[1], 1.0 / columns.shape[1]), _too_few_units("主成分分析")
    varying = np.array([_varies(complete[:, j]) for j in range(complete.shape[1])])
    loadings = np.zeros(columns.shape[1])
    if varying.sum() == 1:
        loadings[varying] = 1.0
    elif varying.any():
        correlation = np.corrcoef(complete[:, varying], rowvar=False)
        _, vectors = np.linalg.eigh(correlation)
        loadings[varying] = vectors[:, -1] ** 2
    return _shares(loadings, "主成分分析")


_METHODS = {"entropy": entropy_weights, "critic": critic_weights, "pca": pca_weights}


def _compute(result: EvaluationResult, scheme: str) -> tuple[dict[str, float], dict[str, str]]:
    if scheme not in SCHEMES:
        raise ValueError(f"未知的赋权方法 {scheme}（可用：{' / '.join(SCHEMES)}）")
    methodology = result.methodology
    if scheme == "stated":
        return _stated_shares(methodology), {}
    weights: dict[str, float] = {}
    notes: dict[str, str] = {}
    eligible = np.flatnonzero(result.eligible)
    for node_id, node in methodology.nodes.items():
        if not node.children:
            continue
        k = len(node.children)
        if scheme == "equal" or k == 1:
            shares, note = np.full(k, 1.0 / k), ""
        else:
            columns = result.scores[np.ix_(eligible, [result.node_index(c) for c in node.children])]
            shares, note = _METHODS[scheme](columns)
            note = note or _zero_weight_note(methodology, node.children, shares)
        weights.update(zip(node.children, (float(s) for s in shares), strict=True))
        if note:
            notes[node_id] = note
    return weights, notes


def _stated_shares(methodology: Methodology) -> dict[str, float]:
    shares = {}
    for node in methodology.nodes.values():
        total = sum(methodology.nodes[c].weight for c in node.children)
        for child in node.children:
            shares[child] = methodology.nodes[child].weight / total if total else 0.0
    return shares


def _shares(information: np.ndarray, method: str) -> tuple[np.ndarray, str]:
    total = float(information.sum())
    if not math.isfinite(total) or total <= _TINY:
        k = information.size
        return np.full(
            k, 1.0 / k
        ), f"各下级指标得分在参评单位间没有差异，{method}无法区分，改用等权"
    return information / total, ""


def _too_few_units(method: str) -> str:
    return f"下级指标得分齐全的参评单位少于 2 个，{method}无法计算，改用等权"


def _zero_weight_note(
    methodology: Methodology, children: tuple[str, ...], shares: np.ndarray
) -> str:
    flat = [methodology.name_of(c) for c, s in zip(children, shares, strict=True) if s == 0.0]
    if not flat:
        return ""
    return f"{'、'.join(flat)}在参评单位间得分相同，不提供区分信息，权重为 0"


def _complete_rows(columns: np.ndarray) -> np.ndarray:
    return columns[~np.isnan(columns).any(axis=1)]


def _varies(values: np.ndarray) -> bool:
    """Whether a column has any spread beyond floating-point noise."""
    scale = max(1.0, float(np.abs(values).max()))
    return float(values.max() - values.min()) > _TINY * scale


def _correlation(complete: np.ndarray, varying: np.ndarray) -> np.ndarray:
    """Pearson r; pairs involving a constant column count as uncorrelated (r = 0), r_jj = 1."""
    k = complete.shape[1]
    correlation = np.zeros((k, k))
    if varying.sum() >= 2:
        with warnings.catch_warnings(action="ignore", category=RuntimeWarning):
            correlation[np.ix_(varying, varying)] = np.corrcoef(complete[:, varying], rowvar=False)
    np.fill_diagonal(correlation, 1.0)
    return correlation


def _base_rows(result: EvaluationResult) -> np.ndarray:
    composites = set(result.methodology.composites)
    return np.array([i for i, u in enumerate(result.units) if u not in composites], dtype=np.int64)


def _rebuild_composites(result: EvaluationResult, scores: np.ndarray, base: np.ndarray) -> None:
    """A composite unit is its members' weighted mean at every node, as in the engine."""
    index = {result.units[i]: i for i in base}
    for i, unit in enumerate(result.units):
        pairs = result.methodology.composites.get(unit)
        if not pairs:
            continue
        members = [(index[m], w) for m, w in pairs if m in index]
        rows = [r for r, _ in members]
        scores[i] = aggregate(scores[rows].T, np.array([w for _, w in members]))


__all__ = [
    "ENTROPY_SHIFT",
    "SCHEMES",
    "SCHEME_LABELS",
    "WeightingComparison",
    "compare_weightings",
    "critic_weights",
    "entropy_weights",
    "pca_weights",
    "reweighted_scores",
    "scheme_notes",
    "scheme_weights",
]
