"""Builders shared by the engine and methodology tests: methodology trees written as the dicts a
YAML file would give, observations from plain tuples, and the problems a bad file reports."""

import pytest

from yingshang.core.evaluation import MethodologyError, Observations, parse_methodology

FORMAT = "yingshang-methodology/1"
FIXED_0_100 = {"best": 100, "worst": 0}


# --- parsed methodologies and observations, for the engine ------------------------------------


def build(indicators: list[dict], **extra: object):
    return parse_methodology(
        {"format": FORMAT, "id": "t", "name": "测试方法", "indicators": indicators, **extra}
    )


def leaf(node_id: str, **settings: object) -> dict:
    return {"id": node_id, "name": f"指标{node_id}", **settings}


def group(node_id: str, children: list[dict], **settings: object) -> dict:
    return {"id": node_id, "name": f"指标{node_id}", "children": children, **settings}


def obs(records: list[tuple], groups: dict[str, str] | None = None) -> Observations:
    return Observations.from_records(records, groups=groups)


# --- raw methodology files and their problems, for validation ---------------------------------


def fixed_leaf(node_id: str, **extra) -> dict:
    """A leaf with fixed goalposts (best 0, worst 10), so that it is valid as it stands."""
    return {"id": node_id, "name": f"指标{node_id}", "goalposts": {"best": 0, "worst": 10}, **extra}


def methodology(*indicators: dict, **top) -> dict:
    return {
        "format": FORMAT,
        "id": "t",
        "name": "测试方法",
        "indicators": list(indicators),
        **top,
    }


def two_level() -> dict:
    return methodology(
        {"id": "a", "name": "甲", "children": [fixed_leaf("a1"), fixed_leaf("a2")]},
        {"id": "b", "name": "乙", "children": [fixed_leaf("b1")]},
    )


def problems_of(raw) -> list[str]:
    with pytest.raises(MethodologyError) as caught:
        parse_methodology(raw)
    return caught.value.problems


def only_problem(raw) -> str:
    problems = problems_of(raw)
    assert len(problems) == 1, problems
    return problems[0]
