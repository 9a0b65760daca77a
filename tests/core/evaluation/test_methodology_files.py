"""Validation of methodology files, the file itself: the top-level fields, YAML text, presets,
files on disk, and the examples of the format documentation."""

import re
from pathlib import Path

import pytest
import yaml

from tests.core.evaluation.helpers import fixed_leaf as leaf
from tests.core.evaluation.helpers import methodology, problems_of, two_level
from yingshang.core.evaluation import (
    MethodologyError,
    load_methodology,
    methodology_from_text,
    parse_methodology,
)
from yingshang.core.evaluation.loading import preset_names

DOC = Path(__file__).resolve().parents[3] / "docs" / "evaluation-methodology.md"


# --- the top of the file -------------------------------------------------------------------------


def test_required_top_fields():
    problems = problems_of({"indicators": [leaf("a")]})
    assert any(p.startswith("format") for p in problems)
    assert "id：必填" in problems and "name：必填" in problems


def test_no_indicators():
    raw = methodology()
    assert "indicators：至少需要一个指标" in problems_of(raw)


def test_a_file_that_is_not_a_mapping():
    with pytest.raises(MethodologyError, match="YAML 映射"):
        methodology_from_text("- just\n- a list\n")


def test_bad_yaml_syntax_reports_the_line():
    text = (
        "format: yingshang-methodology/1\n"
        "id: t\n"
        "name: 测试\n"
        "indicators:\n"
        "  - {id: a, name: 甲, goalposts: {best: 0, worst: 1}\n"
        "  - {id: b, name: 乙}\n"
    )
    with pytest.raises(MethodologyError) as caught:
        methodology_from_text(text, source="方法.yaml")
    (problem,) = caught.value.problems
    assert re.match(r"第 6 行第 \d+ 列：YAML 格式错误", problem), problem
    assert "方法.yaml" in str(caught.value)


def test_unknown_preset_lists_the_available_ones():
    with pytest.raises(MethodologyError) as caught:
        load_methodology("db2021")
    (problem,) = caught.value.problems
    assert "没有预置评价方法 db2021" in problem
    for name in preset_names():
        assert name in problem


def test_a_missing_file(tmp_path):
    with pytest.raises(MethodologyError, match="找不到评价方法文件"):
        load_methodology(tmp_path / "none.yaml")


def test_a_file_on_disk_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "方法.yaml"
    path.write_text(yaml.safe_dump(two_level(), allow_unicode=True), encoding="utf-8-sig")
    assert load_methodology(path).leaves == ("a1", "a2", "b1")


# --- the format documentation --------------------------------------------------------------------


def _doc_yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_the_complete_example_of_the_documentation_is_valid():
    complete = [b for b in _doc_yaml_blocks() if b.startswith("format: yingshang-methodology/1")]
    assert complete, "文档中应有完整示例"
    parsed = methodology_from_text(complete[-1])
    assert parsed.combination is not None
    assert parsed.nodes["tax_rate"].transform == "power"
    assert parsed.nodes["foreign_investment"].missing == "carry_forward"


def test_the_nested_and_flat_examples_of_the_documentation_agree():
    nested, flat = _nested_and_flat_from_doc()
    assert (
        parse_methodology(methodology(*nested)).nodes == parse_methodology(methodology(*flat)).nodes
    )


def _nested_and_flat_from_doc() -> tuple[list, list]:
    block = next(b for b in _doc_yaml_blocks() if "# 嵌套" in b)
    nested_text, flat_text = block.split("# 平铺")
    flat_text = flat_text.split("\n", 1)[1]  # drop the rest of the comment line
    return yaml.safe_load(nested_text)["indicators"], yaml.safe_load(flat_text)["indicators"]
