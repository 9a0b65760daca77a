"""An evaluation methodology: the indicator tree and every rule that turns raw values into ranks.

A methodology is data (YAML, see docs/evaluation-methodology.md). `parse_methodology` validates a
mapping and returns a frozen `Methodology`; every problem found is reported at once, each with
the place it was found, in Chinese.

The tree's root is always `overall`. With a `combination`, its two children are `objective` (the
indicator tree) and `satisfaction` (the survey tree); without one, the top-level indicators hang
from `overall` directly.

Where each part lives: `model` (the dataclasses and the vocabulary), `parsing`
(`parse_methodology` and the top-level sections), `tree` (linking the records into trees),
`nodes` (one node's settings) and `validation` (the problem list).
"""

from .model import (
    AGGREGATION_LABELS,
    AGGREGATIONS,
    DIRECTIONS,
    FORMAT,
    GOALPOST_MODES,
    MISSING_LABELS,
    MISSING_POLICIES,
    OBJECTIVE,
    RANK_BASES,
    RESERVED_IDS,
    ROOT,
    SATISFACTION,
    TRANSFORM_LABELS,
    TRANSFORMS,
    Combination,
    Goalposts,
    Methodology,
    Node,
    RankingRule,
)
from .parsing import parse_methodology

__all__ = [
    "AGGREGATIONS",
    "AGGREGATION_LABELS",
    "DIRECTIONS",
    "FORMAT",
    "GOALPOST_MODES",
    "MISSING_LABELS",
    "MISSING_POLICIES",
    "OBJECTIVE",
    "RANK_BASES",
    "RESERVED_IDS",
    "ROOT",
    "SATISFACTION",
    "TRANSFORMS",
    "TRANSFORM_LABELS",
    "Combination",
    "Goalposts",
    "Methodology",
    "Node",
    "RankingRule",
    "parse_methodology",
]
