"""The evaluation pages: who may open them, what each shows, uploads, what-if, downloads.

Runs are built through the services from the `henan-zone` preset and the demo data generator,
so the pages see what an office would publish. The helpers at the top are shared with the
browser journey (tests/e2e/test_evaluation_journey.py).
"""

import csv
import io
import json
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tests.evaluation.helpers import HENAN_PERIODS as PERIODS
from tests.evaluation.helpers import HENAN_UNITS as UNITS
from tests.evaluation.helpers import PRESET, indicator_csv, publish_run
from yingshang.core.evaluation import ROOT, load_methodology
from yingshang.core.evaluation.ranking import display_round
from yingshang.evaluation import charts, selectors
from yingshang.evaluation.models import Dataset, EvaluationRun, Observation, UnitScore
from yingshang.kernel.models import Role
from yingshang.web.context import nav_items_for

READERS = [Role.ADMIN, Role.OFFICE, Role.LEADER, Role.DEPARTMENT]
OUTSIDERS = [Role.ENTERPRISE, Role.SUPERVISOR]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def run(users, zone):
    return publish_run(actor=users[Role.OFFICE], zone=zone, with_survey=True)


@pytest.fixture
def other_run(other_zone, make_user):
    office = make_user(Role.OFFICE, zone=other_zone)
    return publish_run(actor=office, zone=other_zone)


def run_pages(run) -> list[str]:
    unit = run.focus_unit
    return [
        reverse("evaluation:run_detail", args=[run.pk]),
        reverse("evaluation:unit_pick", args=[run.pk]),
        reverse("evaluation:unit_detail", args=[run.pk, unit]),
        reverse("evaluation:what_if", args=[run.pk]),
        reverse("evaluation:robustness", args=[run.pk]),
        reverse("evaluation:report_docx", args=[run.pk]),
        reverse("evaluation:report_xlsx", args=[run.pk]),
        reverse("evaluation:scores_csv", args=[run.pk]),
    ]


def html_of(response) -> str:
    return unescape(response.content.decode())


def section(html: str, element_id: str) -> str:
    """The markup of the table (or list) with this id."""
    match = re.search(rf'<(table|ol|section|ul)[^>]*id="{element_id}".*?</\1>', html, re.S)
    assert match, f"no #{element_id} on the page"
    return match.group(0)


def cells(row_html: str) -> list[str]:
    found = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row_html, re.S)
    return [re.sub(r"<[^>]+>", "", c).strip() for c in found]


def body_rows(table_html: str) -> list[str]:
    body = table_html.split("<tbody>", 1)[1]
    return re.findall(r"<tr[^>]*>.*?</tr>", body, re.S)


# ---------------------------------------------------------------------------- access


@pytest.mark.parametrize("role", READERS)
def test_readers_open_every_page(client_for, run, role):
    client = client_for(role)
    assert client.get(reverse("evaluation:run_list")).status_code == 200
    for url in run_pages(run):
        response = client.get(url)
        assert response.status_code in (200, 302), url


@pytest.mark.parametrize("role", OUTSIDERS)
def test_enterprise_and_supervisor_are_refused(client_for, run, role):
    client = client_for(role)
    pages = [
        reverse("evaluation:run_list"),
        reverse("evaluation:dataset_upload"),
        reverse("evaluation:run_create"),
        reverse("evaluation:data_template"),
        *run_pages(run),
    ]
    for url in pages:
        assert client.get(url).status_code == 403, url
    assert "无权访问" in client.get(pages[0]).content.decode()


@pytest.mark.parametrize("role", [Role.OFFICE, Role.LEADER, Role.DEPARTMENT])
def test_another_zones_run_is_not_found(client_for, other_run, role):
    client = client_for(role)
    for url in run_pages(other_run):
        assert client.get(url).status_code == 404, url
    listed = client.get(reverse("evaluation:run_list")).content.decode()
    assert reverse("evaluation:run_detail", args=[other_run.pk]) not in listed
    what_if = reverse("evaluation:what_if", args=[other_run.pk])
    assert client.post(what_if, {"unit": other_run.focus_unit}).status_code == 404


def test_admin_sees_every_zones_run(client_for, run, other_run):
    html = client_for(Role.ADMIN).get(reverse("evaluation:run_list")).content.decode()
    for published in (run, other_run):
        assert reverse("evaluation:run_detail", args=[published.pk]) in html


@pytest.mark.parametrize("role", [Role.LEADER, Role.DEPARTMENT])
def test_readers_cannot_upload_or_run(client_for, run, role):
    client = client_for(role)
    assert client.get(reverse("evaluation:dataset_upload")).status_code == 403
    assert client.get(reverse("evaluation:run_create")).status_code == 403
    html = client.get(reverse("evaluation:run_list")).content.decode()
    assert "上传数据" not in html and "新建评价" not in html
    assert reverse("evaluation:run_detail", args=[run.pk]) in html


def test_anonymous_is_sent_to_login(client, run):
    for url in [reverse("evaluation:run_list"), *run_pages(run)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("web:login"))


def test_navigation_offers_evaluation_to_readers_only(users):
    for role in Role:
        labels = [item["label"] for item in nav_items_for(users[role])]
        assert ("评价" in labels) == (role in READERS), role


# ---------------------------------------------------------------------------- uploading


def test_upload_lists_every_bad_row_and_stores_nothing(client_for, zone):
    client = client_for(Role.OFFICE)
    content = (
        "unit,indicator,value,period\n"
        "郑州高新技术产业开发区,starting_business_time,2.5,2024\n"
        "郑州高新技术产业开发区,starting_business_procedures,三个,2024\n"
        ",starting_business_cost,100,2024\n"
        "洛阳高新技术产业开发区,starting_business_time,3.5,2024\n"
        "洛阳高新技术产业开发区,starting_business_time,4.5,2024\n"
    ).encode()
    response = client.post(
        reverse("evaluation:dataset_upload"),
        {
            "name": "有错误的数据",
            "kind": "indicators",
            "file": SimpleUploadedFile("错误.csv", content, content_type="text/csv"),
        },
    )
    assert response.status_code == 200
    table = section(html_of(response), "row-problems")
    listed_rows = {cells(row)[0] for row in body_rows(table)}
    assert listed_rows == {"3", "4", "6"}
    assert "三个" in table and "单位为空" in table and "重复" in table
    assert "未保存任何数据" in html_of(response)
    assert Dataset.objects.count() == 0
    assert Observation.objects.count() == 0


def test_upload_refuses_other_file_types(client_for, zone):
    response = client_for(Role.OFFICE).post(
        reverse("evaluation:dataset_upload"),
        {"name": "文档", "kind": "indicators", "file": SimpleUploadedFile("a.txt", b"x")},
    )
    assert response.status_code == 200
    assert ".csv" in html_of(response) and Dataset.objects.count() == 0


def test_upload_stores_and_offers_the_new_run(client_for, zone):
    response = client_for(Role.OFFICE).post(
        reverse("evaluation:dataset_upload"),
        {
            "name": "指标数据",
            "kind": "indicators",
            "file": SimpleUploadedFile("指标.csv", indicator_csv(), content_type="text/csv"),
        },
    )
    dataset = Dataset.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:run_create") + f"?dataset={dataset.pk}"
    assert dataset.zone == zone and dataset.unit_count == len(UNITS)
    assert set(dataset.periods) == set(PERIODS)
    form_page = client_for(Role.OFFICE).get(response["Location"]).content.decode()
    assert f'<option value="{dataset.pk}" selected>' in form_page


def test_data_template_is_the_long_format(client_for, zone):
    response = client_for(Role.OFFICE).get(reverse("evaluation:data_template"), {"preset": PRESET})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["unit", "indicator", "value", "period", "group"]
    assert {row[1] for row in rows[1:]} == set(load_methodology(PRESET).leaves)


# ---------------------------------------------------------------------------- a new run


def _upload(client, content=None, name="指标数据", kind="indicators") -> Dataset:
    client.post(
        reverse("evaluation:dataset_upload"),
        {
            "name": name,
            "kind": kind,
            "file": SimpleUploadedFile("data.csv", content or indicator_csv()),
        },
    )
    return Dataset.objects.filter(name=name).latest("id")


def test_office_runs_a_preset_and_lands_on_the_run(client_for, zone):
    client = client_for(Role.OFFICE)
    dataset = _upload(client)
    form_page = client.get(reverse("evaluation:run_create")).content.decode()
    assert f'value="preset:{PRESET}"' in form_page
    response = client.post(
        reverse("evaluation:run_create"),
        {"methodology": f"preset:{PRESET}", "dataset": dataset.pk, "period": "2023"},
    )
    run = EvaluationRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:run_detail", args=[run.pk])
    assert run.period == "2023" and run.focus_unit == zone.name
    assert run.methodology.preset == PRESET


SMALL_METHODOLOGY = """\
format: yingshang-methodology/1
id: small
name: 小型评价
indicators:
  - id: starting_business
    name: 开办企业
    children:
      - id: starting_business_time
        name: 开办时间
        goalposts: {from: sample, better: lower}
      - id: starting_business_procedures
        name: 开办环节
        goalposts: {from: sample, better: lower}
"""


def test_office_runs_an_uploaded_methodology(client_for, zone):
    client = client_for(Role.OFFICE)
    content = "unit,indicator,value\n" + "".join(
        f"{unit},starting_business_time,{2 + n}\n{unit},starting_business_procedures,{5 - n % 3}\n"
        for n, unit in enumerate(UNITS[:4])
    )
    dataset = _upload(client, content.encode(), name="小数据")
    yaml_file = SimpleUploadedFile("small.yaml", SMALL_METHODOLOGY.encode())
    response = client.post(
        reverse("evaluation:run_create"),
        {"methodology_file": yaml_file, "dataset": dataset.pk, "title": "开办企业专项评价"},
    )
    assert response.status_code == 302
    run = EvaluationRun.objects.get()
    assert run.title == "开办企业专项评价" and run.methodology.code == "small"


def test_a_bad_methodology_file_is_explained_and_nothing_is_run(client_for, zone):
    client = client_for(Role.OFFICE)
    dataset = _upload(client)
    broken = SMALL_METHODOLOGY.replace("better: lower}", "better: sideways}", 1)
    response = client.post(
        reverse("evaluation:run_create"),
        {"methodology_file": SimpleUploadedFile("m.yaml", broken.encode()), "dataset": dataset.pk},
    )
    assert response.status_code == 200
    assert "sideways" in html_of(response)
    assert EvaluationRun.objects.count() == 0


def test_data_that_do_not_fit_the_methodology_are_listed_by_row(client_for, zone):
    client = client_for(Role.OFFICE)
    content = "unit,indicator,value\n甲,starting_business_time,2\n乙,no_such_indicator,3\n"
    dataset = _upload(client, content.encode(), name="不匹配")
    response = client.post(
        reverse("evaluation:run_create"), {"methodology": f"preset:{PRESET}", "dataset": dataset.pk}
    )
    assert response.status_code == 200
    table = section(html_of(response), "row-problems")
    assert [cells(row)[0] for row in body_rows(table)] == ["3"]
    assert "no_such_indicator" in table
    assert EvaluationRun.objects.count() == 0


def test_choosing_no_methodology_is_an_error(client_for, zone):
    client = client_for(Role.OFFICE)
    dataset = _upload(client)
    response = client.post(reverse("evaluation:run_create"), {"dataset": dataset.pk})
    assert response.status_code == 200
    assert "请选择一个评价方法" in html_of(response)


# ---------------------------------------------------------------------------- the run page


def _published(run, unit, node=ROOT) -> UnitScore:
    return UnitScore.objects.get(run=run, unit=unit, node=node)


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
    published = _published(run, run.focus_unit)
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
    published = _published(run, run.focus_unit)
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
    before = _published(run, unit).rank
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
    assert rows[0] == ["unit", "node", "score", "rank", "frontier", "average"]
    published = {(s.unit, s.node): s for s in UnitScore.objects.filter(run=run)}
    assert len(rows) - 1 == len(published)
    for unit, node, score, rank, _frontier, _average in rows[1:]:
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
    published = _published(run, run.focus_unit)
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
