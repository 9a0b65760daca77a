"""Exact scores, without going node by node, for the units with a missing leaf in a subtree
that uses one aggregation throughout."""

import numpy as np

from .leaves import _LeafData
from .means import _from_mass
from .tree import _Tree


class _Repair:
    """Exact scores of a subtree with one aggregation throughout, for the units with a missing
    leaf in it.

    For such a unit only the nodes above a missing leaf ("dirty" nodes) renormalise their
    children's weights; every other subtree's weighted sum is unchanged. Working in absolute
    terms (sums weighted by the runs' effective weights E from the subtree's top), a dirty
    node's mass is the mass of its clean children's leaves (one matrix product per dirty node
    over its (unit, node) pairs) plus, for each scored dirty child c, E_c x mass_c / weight_c;
    its weight is the sum of E over the clean children plus E_c over the scored dirty ones. The
    top's mass / weight is the unit's score in the method's space.

    The structure depends only on which leaves are missing, so it is shared by every
    normalisation and aggregation; the masked leaf values are kept per variant.
    """

    MAX_CELLS = 4_000_000  # masked cells in all; beyond it the node-by-node path is cheaper

    def __init__(
        self,
        rows: np.ndarray,
        unit: np.ndarray,
        blocks: list[tuple[np.ndarray, slice, np.ndarray]],
        columns: slice,
        levels: list[tuple[np.ndarray, np.ndarray, list[tuple[np.ndarray, np.ndarray]]]],
        tops: np.ndarray,
    ) -> None:
        self.rows, self.unit, self.blocks, self.columns = rows, unit, blocks, columns
        self.levels, self.tops = levels, tops
        self._cache: dict[tuple, list[np.ndarray]] = {}

    @classmethod
    def build(cls, tree: _Tree, scored: np.ndarray, top: int) -> "_Repair | None":
        """`scored`: base units x leaves, True where a leaf score is present."""
        columns = tree.leaf_columns[top]
        present = scored[:, columns]
        rows = np.flatnonzero(~present.all(axis=1))
        present = present[rows]
        pairs: list[tuple[int, int]] = []
        for k in range(rows.size):
            dirty: set[int] = set()
            for column in np.flatnonzero(~present[k]) + columns.start:
                node = int(tree.parent[tree.leaf_node[column]])
                while node >= top and node not in dirty:
                    dirty.add(node)
                    node = int(tree.parent[node])
            pairs.extend((k, node) for node in dirty)
        cells = sum(tree.leaf_columns[p].stop - tree.leaf_columns[p].start for _, p in pairs)
        if cells > cls.MAX_CELLS:
            return None
        pairs.sort(key=lambda pair: (-tree.depth[pair[1]], pair[0], pair[1]))
        index = {pair: i for i, pair in enumerate(pairs)}
        unit = np.array([k for k, _ in pairs], dtype=np.int64)
        node = np.array([p for _, p in pairs], dtype=np.int64)
        blocks = [cls._block(tree, present, pairs, index, node, p, columns) for p in set(node)]
        parent = np.array([index.get((k, int(tree.parent[p])), -1) for k, p in pairs])
        depth = tree.depth[node] if pairs else np.zeros(0, dtype=np.int64)
        levels = []
        for level in range(int(depth.max(initial=tree.depth[top])), int(tree.depth[top]), -1):
            children = np.flatnonzero(depth == level)
            if children.size:
                levels.append((children, node[children], cls._slots(parent[children])))
        tops = np.array([index[(k, top)] for k in range(rows.size)], dtype=np.int64)
        return cls(rows, unit, blocks, columns, levels, tops)

    @staticmethod
    def _slots(into: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """Children (positions in their level) grouped so that no parent repeats within a group:
        each group is added to its parents with one plain indexed addition."""
        order = np.argsort(into, kind="stable")
        first = np.r_[True, into[order][1:] != into[order][:-1]]
        start = np.maximum.accumulate(np.where(first, np.arange(order.size), 0))
        slot = np.empty(order.size, dtype=np.int64)
        slot[order] = np.arange(order.size) - start
        return [(np.flatnonzero(slot == k), into[slot == k]) for k in range(int(slot.max()) + 1)]

    @staticmethod
    def _block(
        tree: _Tree,
        present: np.ndarray,
        pairs: list[tuple[int, int]],
        index: dict[tuple[int, int], int],
        node: np.ndarray,
        p: int,
        columns: slice,
    ) -> tuple[np.ndarray, slice, np.ndarray]:
        """The pairs at node p and the mask of their clean leaves, on p's columns only."""
        members = np.flatnonzero(node == p)
        block = tree.leaf_columns[p]
        local = slice(block.start - columns.start, block.stop - columns.start)
        mask = np.zeros((members.size, block.stop - block.start))
        for row, i in enumerate(members):
            k = pairs[i][0]
            for child in tree.children[p]:
                if tree.is_leaf[child] or (k, int(child)) not in index:
                    part = tree.leaf_columns[child]
                    start, stop = part.start - block.start, part.stop - block.start
                    mask[row, start:stop] = present[
                        k, part.start - columns.start : part.stop - columns.start
                    ]
        return members, local, mask

    def _block_values(self, data: _LeafData, variant: tuple, key: str) -> list[np.ndarray]:
        if key == "mask":
            return [mask for _, _, mask in self.blocks]
        if (variant, key) not in self._cache:
            source = data.zeros if key == "zeros" else data.transformed(key)
            values = source[self.rows, self.columns]
            self._cache[(variant, key)] = [
                mask * values[self.unit[members], local] for members, local, mask in self.blocks
            ]
        return self._cache[(variant, key)]

    def _products(
        self, data: _LeafData, variant: tuple, key: str, weights: np.ndarray
    ) -> np.ndarray:
        out = np.empty((self.unit.size, weights.shape[0]))
        values = self._block_values(data, variant, key)
        for (members, local, _), block in zip(self.blocks, values, strict=True):
            out[members] = block @ weights[:, local].T
        return out

    def scores(
        self,
        method: str,
        data: _LeafData,
        variant: tuple,
        weights: np.ndarray,
        paths: np.ndarray,
    ) -> np.ndarray:
        """Runs x repaired rows; `weights` (runs x leaves) are the leaves' effective weights
        from the top, `paths` (nodes x runs) every node's."""
        mass = self._products(data, variant, method, weights)
        total = self._products(data, variant, "mask", weights)
        zero = None
        if method != "arithmetic" and data.zeros[self.rows, self.columns].any():
            zero = self._products(data, variant, "zeros", weights) > 0
        for children, nodes, slots in self.levels:
            weight = total[children]
            scored = weight > 0
            share = paths[nodes]
            share *= scored
            weight[~scored] = 1.0
            contribution = mass[children]
            contribution *= share
            contribution /= weight
            lost = None if zero is None else zero[children] & (share > 0)
            for members, parents in slots:
                mass[parents] += contribution[members]
                total[parents] += share[members]
                if lost is not None:
                    zero[parents] |= lost[members]
        tops = self.tops
        zero_top = None if zero is None else zero[tops].T
        return _from_mass(method, mass[tops].T, total[tops].T, zero_top)
