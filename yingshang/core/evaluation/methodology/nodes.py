"""One node's own settings: a leaf's transform, goalposts, clip and floor, or an aggregate
node's aggregation, with the missing-data policy every node inherits."""

from collections.abc import Mapping
from typing import Any

from .model import (
    AGGREGATIONS,
    DIRECTIONS,
    GOALPOST_MODES,
    MISSING_POLICIES,
    OBJECTIVE,
    ROOT,
    SATISFACTION,
    TRANSFORMS,
    Goalposts,
    Node,
)
from .validation import _check_keys, _number, _Problems

_GOALPOST_KEYS = {"from", "better", "best", "worst", "percentile"}


def _finish_node(info: dict, kids: list[str], inherited_missing: str, problems: _Problems) -> Node:
    raw, defaults, where = info["raw"], info["defaults"], info["where"]

    def setting(key: str, default: Any) -> Any:
        return raw.get(key, defaults.get(key, default))

    missing = raw.get("missing", inherited_missing)
    if missing not in MISSING_POLICIES:
        problems.add(where, f"missing 必须是 {' / '.join(MISSING_POLICIES)}，而不是 {missing!r}")
        missing = "reweight"
    common = dict(
        id=info["id"],
        name=info["name"],
        parent=info["parent"],
        weight=info["weight"],
        part=info["part"],
        description=info["description"],
        unit=info["unit"],
        missing=missing,
    )
    if kids:
        for key in ("transform", "exponent", "goalposts", "clip", "floor"):
            if key in raw:
                problems.add(where, f"{key} 只适用于末级指标（本指标有下级指标）")
        aggregation = setting("aggregation", "arithmetic")
        if aggregation not in AGGREGATIONS:
            problems.add(where, f"aggregation 必须是 {' / '.join(AGGREGATIONS)}")
            aggregation = "arithmetic"
        return Node(**common, children=tuple(kids), aggregation=aggregation)
    if "aggregation" in raw:
        problems.add(where, "aggregation 只适用于有下级指标的节点")
    transform = setting("transform", "linear")
    if transform not in TRANSFORMS:
        problems.add(where, f"transform 必须是 {' / '.join(TRANSFORMS)}，而不是 {transform!r}")
        transform = "linear"
    exponent: float | None = 1.0
    if transform == "power":
        # No silent default: a power transform with exponent 1 would quietly be linear.
        exponent = _number(setting("exponent", None))
        if exponent is None or exponent <= 0:
            problems.add(where, "power 变换需要正数 exponent（如 exponent: 0.8）")
            exponent = 1.0
    goalposts_raw = raw.get("goalposts")
    if transform != "identity":
        merged = dict(defaults.get("goalposts") or {})
        if isinstance(goalposts_raw, Mapping):
            if "best" in goalposts_raw or "worst" in goalposts_raw:
                merged = {k: v for k, v in merged.items() if k not in ("from", "better")}
            merged.update(goalposts_raw)
        goalposts_raw = merged
    goalposts = _parse_goalposts(goalposts_raw, transform, where, problems)
    clip = setting("clip", True)
    if not isinstance(clip, bool):
        problems.add(where, "clip 必须是 true 或 false")
        clip = True
    return Node(
        **common,
        transform=transform,
        exponent=float(exponent or 1.0),
        goalposts=goalposts,
        clip=clip,
        floor=_parse_floor(raw, defaults, transform, where, problems),
    )


def _parse_floor(
    raw: Mapping, defaults: Mapping, transform: str, where: str, problems: _Problems
) -> float:
    """The score given at the worst goalpost; identity leaves are already scores and keep 0."""
    if transform == "identity":
        if "floor" in raw:
            problems.add(where, "transform 为 identity（原值已是 0-100 分）时不设 floor")
        return 0.0
    value = raw.get("floor", defaults.get("floor", 0.0))
    floor = _number(value)
    if floor is None or not 0 <= floor < 100:
        problems.add(
            where,
            f"floor（最差值对应的得分）必须是 0 到 100 之间（不含 100）的数，而不是 {value!r}",
        )
        return 0.0
    return floor


def _parse_goalposts(raw: Any, transform: str, where: str, problems: _Problems) -> Goalposts | None:
    if transform == "identity":
        if raw not in (None, {}):
            problems.add(where, "transform 为 identity（原值已是 0-100 分）时不设 goalposts")
        return None
    if not isinstance(raw, Mapping) or not raw:
        problems.add(where, "缺少 goalposts（目标值：固定的 best/worst，或 from: sample）")
        return None
    _check_keys(raw, _GOALPOST_KEYS, where + ".goalposts", problems)
    mode = raw.get("from", "fixed")
    if mode not in GOALPOST_MODES:
        problems.add(where, f"goalposts.from 必须是 {' / '.join(GOALPOST_MODES)}，而不是 {mode!r}")
        return None
    if mode == "fixed":
        best, worst = _number(raw.get("best")), _number(raw.get("worst"))
        if best is None or worst is None:
            problems.add(where, "固定目标值需要数值型的 best 和 worst")
            return None
        if best == worst:
            problems.add(where, f"best 与 worst 相同（{best:g}），无法计分")
            return None
        if "better" in raw:
            problems.add(where, "固定目标值的方向由 best/worst 决定，不要再写 better")
            return None
        if transform == "log" and min(best, worst) <= 0:
            problems.add(where, "对数变换的目标值必须为正数")
        return Goalposts("fixed", "higher" if best > worst else "lower", best, worst)
    better = raw.get("better")
    if better not in DIRECTIONS:
        problems.add(where, f"取自样本的目标值需要 better: higher 或 lower，而不是 {better!r}")
        return None
    if "best" in raw or "worst" in raw:
        problems.add(where, "取自样本的目标值不写 best/worst")
    if mode == "percentile":
        pct = _number(raw.get("percentile"))
        if pct is None or not 50 < pct <= 100:
            problems.add(where, "percentile 必须是大于 50、不超过 100 的数")
            return None
        return Goalposts("percentile", better, percentile=pct)
    return Goalposts("sample", better)


def _root_node(
    node_id: str,
    name: str,
    parent: str | None,
    weight: float,
    kids: list[str],
    raw: Mapping,
    defaults: Mapping,
    problems: _Problems,
) -> Node:
    missing = raw.get("missing", defaults.get("missing", "reweight"))
    if missing not in MISSING_POLICIES:
        problems.add(node_id, f"missing 必须是 {' / '.join(MISSING_POLICIES)}")
        missing = "reweight"
    aggregation = raw.get("aggregation", defaults.get("aggregation", "arithmetic"))
    if aggregation not in AGGREGATIONS:
        problems.add(node_id, f"aggregation 必须是 {' / '.join(AGGREGATIONS)}")
        aggregation = "arithmetic"
    part = node_id if node_id in (OBJECTIVE, SATISFACTION) else ROOT
    return Node(
        node_id, name, parent, weight, part, tuple(kids), aggregation=aggregation, missing=missing
    )
