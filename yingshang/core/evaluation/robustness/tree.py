"""The indicator tree as index arrays, in `result.nodes` order: what every run shares."""

import numpy as np

from ..result import EvaluationResult


class _Tree:
    """Parents, children, leaves, stated weights and aggregations of the methodology's nodes,
    and the subtrees that use one aggregation throughout (under the stated aggregation, key 0,
    and under geometric means everywhere, key 1: the indices of AGGREGATION_CHOICES)."""

    def __init__(self, result: EvaluationResult) -> None:
        methodology = result.methodology
        self.nodes = result.nodes
        index = {node_id: k for k, node_id in enumerate(self.nodes)}
        self.children = [
            np.array([index[c] for c in methodology.nodes[n].children], dtype=np.int64)
            for n in self.nodes
        ]
        self.parent = np.array(
            [index[methodology.nodes[n].parent] if k else -1 for k, n in enumerate(self.nodes)]
        )
        self.is_leaf = np.array([not methodology.nodes[n].children for n in self.nodes])
        leaf_index = {leaf: j for j, leaf in enumerate(result.leaves)}
        self.leaf_column = np.array([leaf_index.get(n, -1) for n in self.nodes])
        self.leaf_node = np.array([index[leaf] for leaf in result.leaves])
        self.stated_weight = np.array([methodology.nodes[n].weight for n in self.nodes])
        self.stated_weight[0] = 1.0
        self.missing = [methodology.nodes[n].missing for n in self.nodes]
        self.methods = {
            0: [methodology.nodes[n].aggregation for n in self.nodes],
            1: ["geometric"] * len(self.nodes),
        }
        self.subtree_leaves = self._subtree_leaves()
        self.leaf_parents = {k for k in range(len(self.nodes)) if self._is_leaf_parent(k)}
        self.depth = np.array([methodology.depth(n) for n in self.nodes])
        self.subtree_end = self._subtree_ends()
        self.leaf_columns = [self._leaf_slice(node) for node in range(len(self.nodes))]
        self.roots = {a: self._uniform_roots(methods) for a, methods in self.methods.items()}
        self.above_roots = {a: self._above(roots) for a, roots in self.roots.items()}

    def _is_leaf_parent(self, node: int) -> bool:
        kids = self.children[node]
        return kids.size > 0 and bool(self.is_leaf[kids].all())

    def _subtree_leaves(self) -> list[np.ndarray]:
        leaves: list[list[int]] = [[] for _ in self.nodes]
        for node in reversed(range(len(self.nodes))):
            if self.is_leaf[node]:
                leaves[node] = [node]
            if node:
                leaves[self.parent[node]] = leaves[node] + leaves[self.parent[node]]
        return [np.array(sorted(x), dtype=np.int64) for x in leaves]

    def _subtree_ends(self) -> list[int]:
        """One past the last node of each node's subtree (tree order is pre-order)."""
        ends = list(range(1, len(self.nodes) + 1))
        for node in reversed(range(1, len(self.nodes))):
            parent = self.parent[node]
            ends[parent] = max(ends[parent], ends[node])
        return ends

    def _leaf_slice(self, node: int) -> slice:
        """The columns of the leaves under a node: contiguous, since leaves are in tree order."""
        columns = self.leaf_column[self.subtree_leaves[node]]
        return slice(int(columns.min()), int(columns.max()) + 1)

    def _above(self, roots: set[int]) -> list[int]:
        """The ancestors of `roots` that are not roots, children before parents."""
        above = set()
        for node in roots:
            node = self.parent[node]
            while node >= 0 and node not in above:
                above.add(int(node))
                node = self.parent[node]
        return sorted(above - roots, reverse=True)

    def _uniform_roots(self, methods: list[str]) -> set[int]:
        """The topmost nodes whose aggregate descendants all use their own aggregation."""
        uniform = [False] * len(self.nodes)
        for node in reversed(range(len(self.nodes))):
            if self.is_leaf[node]:
                continue
            uniform[node] = all(
                self.is_leaf[c] or (uniform[c] and methods[c] == methods[node])
                for c in self.children[node]
            )
        return {
            n
            for n in range(len(self.nodes))
            if uniform[n] and (n == 0 or not uniform[self.parent[n]])
        }
