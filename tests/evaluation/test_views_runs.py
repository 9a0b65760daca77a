"""The evaluation pages that show a run: the ranking, the zone page, the downloads, the homes
and the chart options.

Runs are built through the services from the `henan-zone` preset and the demo data generator
(tests/evaluation/helpers.py), so the pages see what an office would publish.
"""

import csv
import io
import json
import re

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tests.evaluation.helpers import HENAN_UNITS as UNITS
from tests.evaluation.helpers import publish_run
from tests.evaluation.page_helpers import body_rows, cells, html_of, published_score, section
from yingshang.core.evaluation import ROOT
from yingshang.core.evaluation.ranking import display_round
from yingshang.evaluation import charts, selectors
from yingshang.evaluation.models import UnitScore
from yingshang.kernel.models import Role


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def run(users, zone):
    return publish_run(actor=users[Role.OFFICE], zone=zone, with_survey=True)


# ---------------------------------------------------------------------------- the run page


def test_run_page_ranks_every_unit_and_highlights_the_focus(client_for, run):
    response = client_for(Role.LEADER).get(reverse("evaluation:run_detail", args=[run.pk]))
    html = html_of(response)
    table = section(html, "ranking-table")
    rows = body_rows(table)
    assert len(rows) == len(UNITS)
    overall_ranks = [int(cells(row)[2]) for row in rows]
    assert overall_ranks == sorted(overall_ranks)
    focus_rows = [row for row in rows if 'class="focus' in row]
    assert len(focus_rows) == 1 and run.focus_unit in focus_rows[0]
    published = published_score(run, run.focus_unit)
    assert cells(focus_rows[0])[1] == f"{display_round(published.score, 2):.2f}"
    assert cells(focus_rows[0])[2] == str(published.rank)
    # The survey makes the objective and satisfaction halves columns of their own.
    methodology = selectors.run_methodology(run)
    for node in ("objective", "satisfaction", *methodology.top_level):
        assert methodology.name_of(node) in table
    for chart in ("comparison-chart-option", "rank-chart-option", "trend-chart-option"):
        assert f'id="{chart}"' in html
    assert "echarts.min.js" in html and "//cdn" not in html
    assert 'id="goalposts"' in html and "取自样本" in html


def test_run_page_numbers_have_two_decimals(client_for, run):
    html = html_of(client_for(Role.OFFICE).get(reverse("evaluation:run_detail", args=[run.pk])))
    for row in body_rows(section(html, "ranking-table")):
        scores = cells(row)[1::2]
        assert all(re.fullmatch(r"\d+\.\d\d|—", s) for s in scores), scores


def test_run_list_shows_the_focus_units_score_and_rank(client_for, run):
    html = html_of(client_for(Role.DEPARTMENT).get(reverse("evaluation:run_list")))
    published = published_score(run, run.focus_unit)
    assert run.title in html
    assert f"{display_round(published.score, 2):.2f}" in html
    assert f"{published.rank} / {run.ranked_count}" in html


# ---------------------------------------------------------------------------- the zone page


def test_unit_picker_leads_to_the_focus_unit(client_for, run):
    response = client_for(Role.OFFICE).get(reverse("evaluation:unit_pick", args=[run.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:unit_detail", args=[run.pk, run.focus_unit])


def test_unit_page_states_each_gap_as_a_difference_of_displayed_scores(client_for, run):
    unit = run.focus_unit
    url = reverse("evaluation:unit_detail", args=[run.pk, unit])
    html = html_of(client_for(Role.LEADER).get(url))
    result = selectors.run_result(run)
    assert "本次营商环境评价，我区总体得分为" in html
    standings = section(html, "standings")
    assert len(body_rows(standings)) == len(result.nodes)
    for node in result.methodology.top_level:
        score = display_round(result.score(unit, node), 2)
        frontier = display_round(result.frontier_of(node), 2)
        average = display_round(result.average_of(node), 2)
        row = next(r for r in body_rows(standings) if result.methodology.name_of(node) in r)
        if frontier > score:
            assert f"较全省前沿值低{frontier - score:.2f}分" in row
        lead = score - average
        if abs(lead) >= 0.005:
            word = "高" if lead > 0 else "低"
            assert f"较全省平均值{word}{abs(lead):.2f}分" in row
    assert "短板弱项" in html and "优势指标" in html
    # The data hold an earlier period, so the table compares with it.
    assert "较上期排名" in html


def test_unit_page_of_another_unit_and_of_no_unit(client_for, run):
    client = client_for(Role.OFFICE)
    other = UNITS[3]
    html = html_of(client.get(reverse("evaluation:unit_detail", args=[run.pk, other])))
    assert f"本次营商环境评价，{other}总体得分为" in html
    missing = client.get(reverse("evaluation:unit_detail", args=[run.pk, "不存在的开发区"]))
    assert missing.status_code == 404


# ---------------------------------------------------------------------------- downloads


def test_word_report_opens(client_for, run):
    response = client_for(Role.LEADER).get(reverse("evaluation:report_docx", args=[run.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert ".docx" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert run.focus_unit in text or "我区" in text


def test_excel_report_opens(client_for, run):
    response = client_for(Role.DEPARTMENT).get(reverse("evaluation:report_xlsx", args=[run.pk]))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames


def test_scores_csv_is_the_long_table(client_for, run):
    response = client_for(Role.OFFICE).get(reverse("evaluation:scores_csv", args=[run.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["单位", "指标", "指标编码", "得分", "排名", "前沿值", "平均值"]
    published = {(s.unit, s.node): s for s in UnitScore.objects.filter(run=run)}
    assert len(rows) - 1 == len(published)
    for unit, _name, node, score, rank, _frontier, _average in rows[1:]:
        stored = published[(unit, node)]
        assert (int(rank) if rank else None) == stored.rank
        if stored.score is None:
            assert score == ""
        else:
            assert float(score) == pytest.approx(stored.score, abs=1e-6)


# ---------------------------------------------------------------------------- homes


@pytest.mark.parametrize("role", [Role.OFFICE, Role.LEADER])
def test_office_and_leader_homes_show_the_latest_run(client_for, run, role):
    html = html_of(client_for(role).get(reverse("web:home")))
    card = section(html, "latest-evaluation")
    published = published_score(run, run.focus_unit)
    assert run.title in card
    assert reverse("evaluation:run_detail", args=[run.pk]) in card
    assert f'排名第 <strong class="num">{published.rank}</strong> 位' in card


def test_homes_without_a_run_have_no_card(client_for, zone):
    assert 'id="latest-evaluation"' not in html_of(client_for(Role.OFFICE).get(reverse("web:home")))


# ---------------------------------------------------------------------------- chart options


def test_chart_options_are_plain_json_with_the_displayed_figures(run):
    result = selectors.run_result(run)
    unit = run.focus_unit
    comparison = charts.comparison_chart(result, unit)
    top = result.methodology.top_level
    mine, frontier, average = (s["data"] for s in comparison["series"])
    assert mine == [display_round(result.score(unit, n), 2) for n in top]
    assert frontier == [display_round(result.frontier_of(n), 2) for n in top]
    assert average == [display_round(result.average_of(n), 2) for n in top]
    ranks = charts.rank_chart(result, unit)["series"][0]["data"]
    assert ranks[0] == result.rank(unit, ROOT)
    assert ranks[-len(top) :] == [result.rank(unit, n) or None for n in top]
    trend = charts.trend_chart([("2023", 40.126, 7), ("2024", None, None)], unit, ranked_count=8)
    assert trend["series"][0]["data"] == [40.13, None]
    assert trend["series"][1]["data"] == [7, None]
    for option in (comparison, charts.rank_chart(result, unit), trend):
        json.dumps(option, allow_nan=False)
