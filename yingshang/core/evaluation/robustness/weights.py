"""The weights sampler: stated weights times each run's noise, with the dropped leaf at 0, and
the effective weights they give down the tree."""

import numpy as np

from .plan import RunDraws
from .tree import _Tree


def local_weights(tree: _Tree, draws: RunDraws, *, drop: bool = True) -> np.ndarray:
    """Runs x nodes: each node's weight among its siblings before renormalising."""
    weights = tree.stated_weight[None, :] * draws.multipliers
    if drop:
        runs = np.flatnonzero(draws.dropped >= 0)
        weights[runs, tree.leaf_node[draws.dropped[runs]]] = 0.0
    return weights


def normalised_weights(tree: _Tree, local: np.ndarray) -> np.ndarray:
    """Each weight as a share of its live siblings' total; a subtree whose weights are all 0
    has no score (as `aggregate` returns NaN there) and its share is 0."""
    shares = np.zeros_like(local)
    dead = np.zeros(local.shape, dtype=bool)
    for node in reversed(range(len(tree.nodes))):
        kids = tree.children[node]
        if kids.size == 0:
            continue
        live = np.where(dead[:, kids], 0.0, local[:, kids])
        total = live.sum(axis=1)
        dead[:, node] = total <= 0
        shares[:, kids] = live / np.where(total > 0, total, 1.0)[:, None]
    return shares


def relative_paths(tree: _Tree, shares: np.ndarray, top: int = 0) -> np.ndarray:
    """Nodes x runs: the product of the shares from `top` down to each node of its subtree
    (for a leaf: its effective weight in `top` when one aggregation is used throughout);
    0 outside the subtree. A subtree is a contiguous range of nodes in tree order."""
    by_node = np.ascontiguousarray(shares.T)
    paths = np.zeros_like(by_node)
    paths[top] = 1.0
    for node in range(top + 1, tree.subtree_end[top]):
        paths[node] = paths[tree.parent[node]] * by_node[node]
    return paths
