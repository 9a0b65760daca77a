"""Parsing a whole methodology mapping: the top-level sections, then the trees."""

from collections.abc import Mapping
from typing import Any

from ..errors import MethodologyError
from .model import FORMAT, RANK_BASES, Combination, Methodology, RankingRule
from .tree import _build_tree, _link, _node_records, _sibling_weights_ok
from .validation import _check_keys, _number, _Problems

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
_DEFAULT_KEYS = {"transform", "exponent", "goalposts", "clip", "floor", "aggregation", "missing"}


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
    defaults = _parse_defaults(raw.get("defaults") or {}, problems)
    combination = _parse_combination(raw.get("combination"), problems)
    ranking = _parse_ranking(raw.get("ranking"), problems)
    composites = _parse_composites(raw.get("composites"), problems)
    records = _node_records(raw, combination, defaults, problems)
    children = _link(records, problems)
    if problems:
        raise MethodologyError(list(problems), source)
    nodes = _build_tree(raw, records, children, combination, defaults, problems)
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


def _parse_defaults(defaults: Any, problems: _Problems) -> Mapping:
    if not isinstance(defaults, Mapping):
        problems.add("defaults", "应为一组 字段: 值")
        defaults = {}
    _check_keys(defaults, _DEFAULT_KEYS, "defaults", problems)
    return defaults
