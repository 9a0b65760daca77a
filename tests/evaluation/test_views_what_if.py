"""The evaluation pages that try things out: what-if, the best moves and robustness.

Runs are built through the services from the `henan-zone` preset and the demo data generator
(tests/evaluation/helpers.py), so the pages see what an office would publish.
"""

import re

import pytest
from django.urls import reverse

from tests.evaluation.helpers import HENAN_UNITS as UNITS
from tests.evaluation.helpers import publish_run
from tests.evaluation.page_helpers import body_rows, cells, html_of, published_score, section
from yingshang.core.evaluation import ROOT
from yingshang.evaluation import selectors
from yingshang.kernel.models import Role


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def run(users, zone):
    return publish_run(actor=users[Role.OFFICE], zone=zone, with_survey=True)


# ---------------------------------------------------------------------------- what-if


def _frontier_values(run, unit) -> dict[str, float]:
    """Every leaf of the unit moved to the best raw value among the units (the frontier)."""
    result = selectors.run_result(run)
    values = {}
    for j, leaf in enumerate(result.leaves):
        node = result.methodology.nodes[leaf]
        if node.goalposts is None or node.goalposts.mode == "fixed":
            continue
        column = [v for v in result.raw[:, j] if v == v]
        if column:
            values[leaf] = min(column) if node.goalposts.better == "lower" else max(column)
    return values


def _what_if_post(run, unit, values) -> dict:
    result = selectors.run_result(run)
    data = {"unit": unit, "freeze_goalposts": "on"}
    for j, leaf in enumerate(result.leaves):
        if leaf in values:
            data[f"leaf_{j}"] = str(float(values[leaf]))
    return data


def test_what_if_page_lists_the_units_leaves_with_their_values(client_for, run):
    html = html_of(client_for(Role.DEPARTMENT).get(reverse("evaluation:what_if", args=[run.pk])))
    result = selectors.run_result(run)
    i = result.unit_index(run.focus_unit)
    for j, leaf in enumerate(result.leaves[:5]):
        assert result.methodology.name_of(leaf) in html
        match = re.search(rf'name="leaf_{j}"[^>]*value="([^"]*)"', html) or re.search(
            rf'value="([^"]*)"[^>]*name="leaf_{j}"', html
        )
        if result.raw[i, j] == result.raw[i, j]:
            assert match and float(match.group(1)) == pytest.approx(result.raw[i, j])
    assert "最佳提升路径" in html


def test_what_if_partial_shows_the_changed_ranks(client_for, run):
    unit = run.focus_unit
    before = published_score(run, unit).rank
    assert before > 1, "the demo data put the hosted zone mid-table"
    response = client_for(Role.OFFICE).post(
        reverse("evaluation:what_if", args=[run.pk]),
        _what_if_post(run, unit, _frontier_values(run, unit)),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = html_of(response)
    assert "<html" not in html, "htmx gets the partial only"
    overall = cells(body_rows(section(html, "what-if-unit"))[0])
    assert overall[0] == "总体得分" or overall[0] == selectors.run_methodology(run).name_of(ROOT)
    assert overall[4] == str(before)
    assert int(overall[5]) < before
    moved = body_rows(section(html, "what-if-moved"))
    assert any(unit in row for row in moved)
    assert len(moved) >= 2, "when one unit climbs, another falls"


def test_what_if_without_a_change_says_so(client_for, run):
    response = client_for(Role.OFFICE).post(
        reverse("evaluation:what_if", args=[run.pk]),
        {"unit": run.focus_unit},
        HTTP_HX_REQUEST="true",
    )
    assert "没有修改任何数值" in html_of(response)


def test_what_if_without_htmx_renders_the_whole_page(client_for, run):
    unit = run.focus_unit
    response = client_for(Role.LEADER).post(
        reverse("evaluation:what_if", args=[run.pk]),
        _what_if_post(run, unit, _frontier_values(run, unit)),
    )
    html = html_of(response)
    assert "<html" in html and 'id="what-if-unit"' in html


def test_best_moves_are_described_in_chinese(client_for, run):
    response = client_for(Role.OFFICE).post(
        reverse("evaluation:best_moves", args=[run.pk]),
        {"unit": run.focus_unit},
        HTTP_HX_REQUEST="true",
    )
    html = html_of(response)
    moves = re.findall(r"<li>(.*?)</li>", section(html, "best-moves"), re.S)
    assert moves
    assert all("把" in move and "排名" in move for move in moves)


def test_best_moves_refuse_a_negative_effort(client_for, run):
    response = client_for(Role.OFFICE).post(
        reverse("evaluation:best_moves", args=[run.pk]),
        {"unit": run.focus_unit, "effort_0": "-1"},
        HTTP_HX_REQUEST="true",
    )
    assert "工作量必须是不小于 0 的数字" in html_of(response)


# ---------------------------------------------------------------------------- robustness


def test_robustness_page_compares_weightings_without_running(client_for, run):
    html = html_of(client_for(Role.LEADER).get(reverse("evaluation:robustness", args=[run.pk])))
    table = section(html, "weightings")
    for label in ("方法设定权重（专家）", "等权", "熵权法", "CRITIC", "主成分分析"):
        assert label in table
    assert len(body_rows(table)) == len(UNITS)
    assert 'id="intervals"' not in html


def test_robustness_runs_on_request(client_for, run):
    url = reverse("evaluation:robustness", args=[run.pk])
    response = client_for(Role.OFFICE).get(
        url, {"runs": 200, "weight_noise": 0.2, "seed": 1}, HTTP_HX_REQUEST="true"
    )
    html = html_of(response)
    assert "<html" not in html
    rows = body_rows(section(html, "intervals"))
    assert len(rows) == len(UNITS)
    for row in rows:
        _unit, _nominal, median, p05, p95 = cells(row)
        assert float(p05) <= float(median) <= float(p95)
    assert "权重" in section(html, "sensitivity")
    assert 'id="interval-chart-option"' in html


def test_robustness_refuses_too_many_runs(client_for, run):
    url = reverse("evaluation:robustness", args=[run.pk])
    html = html_of(client_for(Role.OFFICE).get(url, {"runs": 50000, "weight_noise": 0.2}))
    assert "请检查设置" in html and 'id="intervals"' not in html
