"""The indicator trees: nested or flat lists of records, linked by parent into one tree under
`overall` and checked for unknown parents and cycles."""

import re
from collections.abc import Mapping
from typing import Any

from .model import OBJECTIVE, RESERVED_IDS, ROOT, SATISFACTION, Combination, Node
from .nodes import _finish_node, _root_node
from .validation import _check_keys, _number, _Problems

_ID_PATTERN = re.compile(r"^[^\s,，;；/]+$")
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


def _sibling_weights_ok(nodes: Mapping[str, Node], problems: _Problems) -> None:
    for node in nodes.values():
        if node.children and sum(nodes[c].weight for c in node.children) <= 0:
            problems.add(f"{node.id}（{node.name}）", "下级指标的权重全为 0")


def _node_records(
    raw: Mapping, combination: Combination | None, defaults: Mapping, problems: _Problems
) -> dict[str, dict]:
    """The parsed records of the objective tree and, with a combination, the survey tree."""
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
    return records


def _build_tree(
    raw: Mapping,
    records: dict[str, dict],
    children: dict[str, list[str]],
    combination: Combination | None,
    defaults: Mapping,
    problems: _Problems,
) -> dict[str, Node]:
    """Every node in tree order (pre-order), the root first, each inheriting its parent's
    missing policy."""
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
    return nodes
