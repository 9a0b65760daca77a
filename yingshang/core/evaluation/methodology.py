"""An evaluation methodology: the indicator tree and every rule that turns raw values into ranks.

A methodology is data (YAML, see docs/evaluation-methodology.md). `parse_methodology` validates a
mapping and returns a frozen `Methodology`; every problem found is reported at once, each with
the place it was found, in Chinese.

The tree's root is always `overall`. With a `combination`, its two children are `objective` (the
indicator tree) and `satisfaction` (the survey tree); without one, the top-level indicators hang
from `overall` directly.
"""

import hashlib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import MethodologyError

FORMAT = "yingshang-methodology/1"
ROOT = "overall"
OBJECTIVE = "objective"
SATISFACTION = "satisfaction"
RESERVED_IDS = frozenset({ROOT, OBJECTIVE, SATISFACTION})

TRANSFORMS = ("linear", "power", "log", "identity")
AGGREGATIONS = ("arithmetic", "geometric", "harmonic")
MISSING_POLICIES = ("reweight", "mean", "median", "group", "carry_forward", "worst")
GOALPOST_MODES = ("fixed", "sample", "percentile")
DIRECTIONS = ("higher", "lower")
RANK_BASES = ("unrounded", "displayed")

TRANSFORM_LABELS = {
    "linear": "前沿距离（线性）",
    "power": "前沿距离（幂函数）",
    "log": "前沿距离（对数）",
    "identity": "原值（已为 0-100 分）",
}
AGGREGATION_LABELS = {
    "arithmetic": "加权算术平均",
    "geometric": "加权几何平均",
    "harmonic": "加权调和平均",
}
MISSING_LABELS = {
    "reweight": "跳过并重新分配权重",
    "mean": "均值插补",
    "median": "中位数插补",
    "group": "同组均值插补",
    "carry_forward": "沿用上期数据",
    "worst": "按最差计分",
}

_ID_PATTERN = re.compile(r"^[^\s,，;；/]+$")
_TOP_KEYS = {
    "format",
    "id",
    "name",
    "version",
    "description",
    "defaults",
    "combination",
    "ranking",
    "composites",
    "aggregation",
    "missing",
    "indicators",
    "satisfaction",
}
_NODE_KEYS = {
    "id",
    "name",
    "parent",
    "weight",
    "description",
    "unit",
    "children",
    "transform",
    "exponent",
    "goalposts",
    "clip",
    "floor",
    "aggregation",
    "missing",
}
_DEFAULT_KEYS = {"transform", "exponent", "goalposts", "clip", "floor", "aggregation", "missing"}
_GOALPOST_KEYS = {"from", "better", "best", "worst", "percentile"}


@dataclass(frozen=True)
class Goalposts:
    """Where a leaf's score is 100 (best) and 0 (worst); the only place its direction is set.

    mode "fixed": `best` and `worst` are raw values, and the direction follows from them.
    mode "sample": best and worst are the best and worst values among the units of the period.
    mode "percentile": best and worst are the `percentile`-th and (100 - `percentile`)-th
    percentiles of performance among the units of the period.
    """

    mode: str
    better: str
    best: float | None = None
    worst: float | None = None
    percentile: float | None = None

    def describe(self) -> str:
        arrow = "越高越好" if self.better == "higher" else "越低越好"
        if self.mode == "fixed":
            return f"固定目标值：最优 {self.best:g}，最差 {self.worst:g}（{arrow}）"
        if self.mode == "sample":
            return f"取自样本：参评单位中的最优值与最差值（{arrow}）"
        return f"取自样本第 {self.percentile:g} 百分位（{arrow}）"


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    parent: str | None
    weight: float
    part: str  # "overall", "objective" or "satisfaction": which tree the node belongs to
    children: tuple[str, ...] = ()
    description: str = ""
    unit: str = ""
    transform: str = "linear"
    exponent: float = 1.0
    goalposts: Goalposts | None = None
    clip: bool = True
    floor: float = 0.0  # the score at the worst goalpost (60: scores run from 60 to 100)
    aggregation: str = "arithmetic"
    missing: str = "reweight"  # effective policy, inherited from the nearest ancestor that sets it

    @property
    def is_leaf(self) -> bool:
        return not self.children


@dataclass(frozen=True)
class Combination:
    objective: float
    satisfaction: float


@dataclass(frozen=True)
class RankingRule:
    """Ties share the better rank; `basis` says whether ranks use unrounded or displayed scores."""

    basis: str = "unrounded"
    decimals: int = 2


@dataclass(frozen=True)
class Methodology:
    id: str
    name: str
    version: str
    description: str
    nodes: Mapping[str, Node]  # in tree order (pre-order), the root first
    combination: Combination | None
    ranking: RankingRule
    composites: Mapping[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    source_text: str = ""

    @property
    def leaves(self) -> tuple[str, ...]:
        return tuple(nid for nid, node in self.nodes.items() if node.is_leaf)

    @property
    def node_ids(self) -> tuple[str, ...]:
        return tuple(self.nodes)

    @property
    def top_level(self) -> tuple[str, ...]:
        """The first-level indicators (一级指标) of the objective tree."""
        parent = OBJECTIVE if self.combination else ROOT
        return self.nodes[parent].children

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.source_text.encode("utf-8")).hexdigest()

    def depth(self, node_id: str) -> int:
        depth, node = 0, self.nodes[node_id]
        while node.parent is not None:
            depth, node = depth + 1, self.nodes[node.parent]
        return depth

    def name_of(self, node_id: str) -> str:
        return self.nodes[node_id].name

    def path_weight(self, node_id: str) -> float:
        """The node's share of the overall score when every level is an arithmetic mean."""
        share, node = 1.0, self.nodes[node_id]
        while node.parent is not None:
            parent = self.nodes[node.parent]
            total = sum(self.nodes[c].weight for c in parent.children)
            share *= node.weight / total if total else 0.0
            node = parent
        return share


# --- parsing ---------------------------------------------------------------------------------


class _Problems(list[str]):
    def add(self, where: str, message: str) -> None:
        self.append(f"{where}：{message}" if where else message)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return None


def _check_keys(raw: Mapping, allowed: set[str], where: str, problems: _Problems) -> None:
    unknown = sorted(str(k) for k in raw if k not in allowed)
    if unknown:
        problems.add(
            where, f"未知的字段 {', '.join(unknown)}（可用：{', '.join(sorted(allowed))}）"
        )


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


def _flatten(items: Any, parent: str | None, where: str, problems: _Problems) -> list[dict]:
    """Nested `children` lists and flat lists with `parent` both become flat records."""
    if not isinstance(items, list):
        problems.add(where, "应为指标列表")
        return []
    flat: list[dict] = []
    for i, raw in enumerate(items, start=1):
        here = f"{where}[{i}]"
        if not isinstance(raw, Mapping):
            problems.add(here, "每个指标应为一组 字段: 值")
            continue
        record = dict(raw)
        record["_where"] = f"{here}（{raw.get('id', '?')}）"
        children = record.pop("children", None)
        if parent is not None:
            if "parent" in record and record["parent"] != parent:
                problems.add(record["_where"], "既写在 children 里又写了不同的 parent")
            record["parent"] = parent
        flat.append(record)
        if children is not None:
            flat.extend(_flatten(children, str(raw.get("id")), here + ".children", problems))
    return flat


def _parse_nodes(
    records: list[dict], part: str, root: str, defaults: Mapping, problems: _Problems
) -> dict[str, dict]:
    parsed: dict[str, dict] = {}
    for record in records:
        where = record.pop("_where")
        _check_keys(record, _NODE_KEYS, where, problems)
        node_id = record.get("id")
        if not isinstance(node_id, str | int) or not _ID_PATTERN.match(str(node_id)):
            problems.add(where, "id 必须是不含空格、逗号、斜杠的文字")
            continue
        node_id = str(node_id)
        if node_id in RESERVED_IDS:
            problems.add(where, f"id {node_id} 是保留字（overall / objective / satisfaction）")
            continue
        if node_id in parsed:
            problems.add(where, f"id {node_id} 重复")
            continue
        name = record.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.add(where, "缺少中文名称 name")
        weight = _number(record.get("weight", 1))
        if weight is None or weight < 0:
            problems.add(where, f"权重 weight 必须是非负数，而不是 {record.get('weight')!r}")
            weight = 0.0
        parent = record.get("parent")
        parsed[node_id] = {
            "where": where,
            "id": node_id,
            "name": str(name or node_id).strip(),
            "parent": str(parent) if parent is not None else root,
            "weight": weight,
            "part": part,
            "description": str(record.get("description", "") or ""),
            "unit": str(record.get("unit", "") or ""),
            "raw": record,
            "defaults": defaults,
        }
    return parsed


def _link(parsed: dict[str, dict], problems: _Problems) -> dict[str, list[str]]:
    children: dict[str, list[str]] = {nid: [] for nid in (*RESERVED_IDS, *parsed)}
    for node in parsed.values():
        parent = node["parent"]
        if parent not in children:
            problems.add(node["where"], f"上级指标 {parent} 不存在")
            continue
        if parsed.get(parent, {}).get("part", node["part"]) != node["part"]:
            problems.add(node["where"], f"上级指标 {parent} 属于另一棵指标树")
            continue
        children[parent].append(node["id"])
    for start in parsed:
        seen, current = {start}, parsed[start]["parent"]
        while current in parsed:
            if current in seen:
                problems.add(parsed[start]["where"], f"上下级关系成环（经过 {current}）")
                break
            seen.add(current)
            current = parsed[current]["parent"]
    return children


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


def _sibling_weights_ok(nodes: Mapping[str, Node], problems: _Problems) -> None:
    for node in nodes.values():
        if node.children and sum(nodes[c].weight for c in node.children) <= 0:
            problems.add(f"{node.id}（{node.name}）", "下级指标的权重全为 0")


def _parse_combination(raw: Any, problems: _Problems) -> Combination | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        problems.add("combination", "应写成 objective: 0.7 和 satisfaction: 0.3")
        return None
    _check_keys(raw, {"objective", "satisfaction"}, "combination", problems)
    objective, satisfaction = _number(raw.get("objective")), _number(raw.get("satisfaction"))
    if objective is None or satisfaction is None or objective < 0 or satisfaction < 0:
        problems.add("combination", "objective 和 satisfaction 的权重必须是非负数")
        return None
    if objective + satisfaction <= 0:
        problems.add("combination", "objective 和 satisfaction 的权重不能都为 0")
        return None
    return Combination(objective, satisfaction)


def _parse_ranking(raw: Any, problems: _Problems) -> RankingRule:
    raw = raw or {}
    if not isinstance(raw, Mapping):
        problems.add("ranking", "应写成 basis: unrounded 和 decimals: 2")
        return RankingRule()
    _check_keys(raw, {"basis", "decimals", "ties"}, "ranking", problems)
    basis = raw.get("basis", "unrounded")
    if basis not in RANK_BASES:
        problems.add("ranking", "basis 必须是 unrounded（按未舍入得分）或 displayed（按显示得分）")
        basis = "unrounded"
    decimals = raw.get("decimals", 2)
    if not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= 6:
        problems.add("ranking", "decimals 必须是 0 到 6 的整数")
        decimals = 2
    if raw.get("ties", "min") != "min":
        problems.add("ranking", "ties 只支持 min（并列者取较好名次）")
    return RankingRule(basis, decimals)


def _parse_composites(raw: Any, problems: _Problems) -> dict[str, tuple[tuple[str, float], ...]]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        problems.add("composites", "应写成 合成单位: {成员: 权重, …}")
        return {}
    composites: dict[str, tuple[tuple[str, float], ...]] = {}
    members_seen: set[str] = set()
    for name, members in raw.items():
        where = f"composites.{name}"
        if not isinstance(members, Mapping) or not members:
            problems.add(where, "应列出成员单位及其权重")
            continue
        pairs = []
        for member, weight in members.items():
            value = _number(weight)
            if value is None or value <= 0:
                problems.add(where, f"成员 {member} 的权重必须是正数")
                continue
            if str(member) in members_seen:
                problems.add(where, f"成员 {member} 已属于另一个合成单位")
            members_seen.add(str(member))
            pairs.append((str(member), value))
        composites[str(name)] = tuple(pairs)
    for name in composites:
        if name in members_seen:
            problems.add(f"composites.{name}", "合成单位不能同时是成员")
    return composites


def _required_text(raw: Mapping, key: str, problems: _Problems) -> str:
    value = raw.get(key)
    if value is None or not str(value).strip():
        problems.add(key, "必填")
        return ""
    return str(value).strip()


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


def parse_methodology(raw: Any, *, source_text: str = "", source: str = "") -> Methodology:
    """Validate a methodology mapping (parsed YAML) and build it, or raise MethodologyError."""
    problems = _Problems()
    if not isinstance(raw, Mapping):
        raise MethodologyError(["文件内容应为一组 字段: 值（YAML 映射）"], source)
    _check_keys(raw, _TOP_KEYS, "", problems)
    if raw.get("format") != FORMAT:
        problems.add("format", f"必须是 {FORMAT}，而不是 {raw.get('format')!r}")
    identifier = _required_text(raw, "id", problems)
    name = _required_text(raw, "name", problems)
    defaults = raw.get("defaults") or {}
    if not isinstance(defaults, Mapping):
        problems.add("defaults", "应为一组 字段: 值")
        defaults = {}
    _check_keys(defaults, _DEFAULT_KEYS, "defaults", problems)
    combination = _parse_combination(raw.get("combination"), problems)
    ranking = _parse_ranking(raw.get("ranking"), problems)
    composites = _parse_composites(raw.get("composites"), problems)

    objective_root = OBJECTIVE if combination else ROOT
    records = _parse_nodes(
        _flatten(raw.get("indicators"), None, "indicators", problems),
        OBJECTIVE if combination else ROOT,
        objective_root,
        defaults,
        problems,
    )
    if not records:
        problems.add("indicators", "至少需要一个指标")
    if combination:
        survey = _parse_nodes(
            _flatten(raw.get("satisfaction", []), None, "satisfaction", problems),
            SATISFACTION,
            SATISFACTION,
            defaults,
            problems,
        )
        if not survey:
            problems.add("satisfaction", "设置了 combination 就需要满意度指标（satisfaction 列表）")
        for node_id in set(records) & set(survey):
            problems.add("satisfaction", f"id {node_id} 与客观指标重复")
        records.update(survey)
    elif raw.get("satisfaction"):
        problems.add(
            "satisfaction", "有满意度指标时需要 combination（如 objective: 0.7, satisfaction: 0.3）"
        )
    children = _link(records, problems)
    if problems:
        raise MethodologyError(list(problems), source)

    nodes: dict[str, Node] = {}

    def visit(node_id: str, inherited: str) -> None:
        node = _finish_node(records[node_id], children[node_id], inherited, problems)
        nodes[node_id] = node
        for child in node.children:
            visit(child, node.missing)

    root_kids = [OBJECTIVE, SATISFACTION] if combination else children[ROOT]
    nodes[ROOT] = _root_node(ROOT, "总体表现", None, 1.0, root_kids, raw, defaults, problems)
    if combination:
        nodes[OBJECTIVE] = _root_node(
            OBJECTIVE,
            "客观指标",
            ROOT,
            combination.objective,
            children[OBJECTIVE],
            raw,
            defaults,
            problems,
        )
        for child in children[OBJECTIVE]:
            visit(child, nodes[OBJECTIVE].missing)
        nodes[SATISFACTION] = _root_node(
            SATISFACTION,
            "企业满意度",
            ROOT,
            combination.satisfaction,
            children[SATISFACTION],
            {},
            defaults,
            problems,
        )
        for child in children[SATISFACTION]:
            visit(child, nodes[SATISFACTION].missing)
    else:
        for child in children[ROOT]:
            visit(child, nodes[ROOT].missing)
    _sibling_weights_ok(nodes, problems)
    if problems:
        raise MethodologyError(list(problems), source)
    return Methodology(
        id=identifier,
        name=name,
        version=str(raw.get("version", "") or ""),
        description=str(raw.get("description", "") or ""),
        nodes=nodes,
        combination=combination,
        ranking=ranking,
        composites=composites,
        source_text=source_text,
    )
