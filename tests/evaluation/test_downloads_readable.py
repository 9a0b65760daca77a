"""The files the evaluation pages offer are for people: Chinese headers, indicator names, codes
in a column of their own; the data template, filled in, uploads back; formula-like names stay
text. The command line's `--out` keeps its English columns (test_evaluate_command.py)."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.evaluation.helpers import METHODOLOGY, PRESET, expected_result
from yingshang.core.evaluation import (
    LONG_COLUMNS,
    Observations,
    evaluate,
    load_methodology,
    methodology_from_text,
)
from yingshang.evaluation.models import Dataset, Observation
from yingshang.evaluation.reports import build_xlsx
from yingshang.evaluation.reports.tables import SCORE_COLUMNS, TEMPLATE_COLUMNS, score_csv
from yingshang.kernel.models import Role


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


# ---------------------------------------------------------------------------- scores.csv


def test_scores_csv_names_every_indicator_beside_its_code(client_for, run):
    rows = _rows(client_for(Role.LEADER).get(reverse("evaluation:scores_csv", args=[run.pk])))
    assert rows[0] == ["单位", "指标", "指标编码", "得分", "排名", "前沿值", "平均值"]
    assert not set(rows[0]) & set(LONG_COLUMNS)
    methodology = methodology_from_text(METHODOLOGY)
    names = {(code, name) for _unit, name, code, *_figures in rows[1:]}
    assert names == {(node, methodology.name_of(node)) for node in methodology.nodes}
    assert ("办理天数", "days") in {(name, code) for _u, name, code, *_f in rows[1:]}


def test_scores_csv_keeps_the_figures_of_the_long_table():
    result = expected_result()
    from yingshang.core.evaluation.reading import long_table_rows

    rows = list(csv.reader(io.StringIO(score_csv(result).lstrip("\ufeff"))))
    assert tuple(rows[0]) == SCORE_COLUMNS
    expected = [
        ["" if v is None else str(v) for v in (unit, node, *figures)]
        for unit, node, *figures in long_table_rows(result)
    ]
    assert [[unit, code, *figures] for unit, _name, code, *figures in rows[1:]] == expected


def test_a_formula_like_indicator_name_stays_text():
    text = METHODOLOGY.replace("name: 办理天数", "name: '=HYPERLINK(\"x\")'")
    observations = Observations.from_records(list(_records()))
    result = evaluate(methodology_from_text(text), observations, period="2024")
    cells = [c for row in csv.reader(io.StringIO(score_csv(result).lstrip("\ufeff"))) for c in row]
    assert '\'=HYPERLINK("x")' in cells
    assert not [cell for cell in cells if cell.startswith("=")]


def _records():
    units = ("甲区", "乙区", "丙区")
    for u, unit in enumerate(units):
        yield (unit, "days", 3.0 + u, "2024")
        yield (unit, "steps", 4.0 + u, "2024")
        yield (unit, "firms", 100.0 + 10 * u, "2024")
        yield (unit, "sat", 70.0 + u, "2024")


# ---------------------------------------------------------------------------- the template


def _template(client, **params) -> list[list[str]]:
    return _rows(client.get(reverse("evaluation:data_template"), params))


def test_template_has_chinese_headers_names_and_units(client_for, zone):
    rows = _template(client_for(Role.OFFICE), preset=PRESET)
    assert tuple(rows[0]) == TEMPLATE_COLUMNS
    methodology = load_methodology(PRESET)
    for _unit, code, name, unit, value, period, _group in rows[1:]:
        assert name == methodology.nodes[code].name
        assert unit == methodology.nodes[code].unit
        assert value == "" and period == "2020"


def test_template_without_a_preset_is_an_example_with_names(client_for, zone):
    rows = _template(client_for(Role.OFFICE))
    assert tuple(rows[0]) == TEMPLATE_COLUMNS
    assert {(row[1], row[2]) for row in rows[1:]} == {
        ("starting_business_time", "开办企业时间"),
        ("starting_business_procedures", "开办企业环节"),
    }


def _filled(rows: list[list[str]]) -> list[list[str]]:
    """The template as someone fills it in: a value in each row."""
    header, body = rows[0], rows[1:]
    at = header.index("数值")
    return [header, *([*row[:at], str(1.5 + n), *row[at + 1 :]] for n, row in enumerate(body))]


def _upload(client, content: bytes, filename: str):
    return client.post(
        reverse("evaluation:dataset_upload"),
        {"name": "填好的模板", "kind": "indicators", "file": SimpleUploadedFile(filename, content)},
    )


def _stored(rows: list[list[str]]) -> None:
    dataset = Dataset.objects.get(name="填好的模板")
    stored = set(
        Observation.objects.filter(dataset=dataset).values_list(
            "unit", "indicator", "period", "value"
        )
    )
    assert stored == {(r[0], r[1], r[5], float(r[4])) for r in rows[1:]}


@pytest.mark.parametrize("preset", [PRESET, ""])
def test_the_template_filled_in_uploads_back(client_for, zone, preset):
    client = client_for(Role.OFFICE)
    rows = _filled(_template(client, preset=preset))
    handle = io.StringIO()
    handle.write("\ufeff")
    csv.writer(handle, lineterminator="\r\n").writerows(rows)
    response = _upload(client, handle.getvalue().encode("utf-8"), "评价数据模板.csv")
    assert response.status_code == 302, response.content.decode()
    _stored(rows)


def test_the_template_saved_from_excel_uploads_back(client_for, zone):
    client = client_for(Role.OFFICE)
    rows = _filled(_template(client, preset=PRESET))
    book = Workbook()
    for row in rows:
        book.active.append(row)
    content = io.BytesIO()
    book.save(content)
    response = _upload(client, content.getvalue(), "评价数据模板.xlsx")
    assert response.status_code == 302, response.content.decode()
    _stored(rows)


# ---------------------------------------------------------------------------- the workbook


def _workbook():
    result = expected_result()
    content = build_xlsx(
        result=result, unit=result.units[0], trend=[result], zone_name="区", title="评价"
    )
    return load_workbook(io.BytesIO(content), read_only=True)


def _sheet(book, title) -> list[tuple]:
    return list(book[title].iter_rows(values_only=True))


def test_workbook_names_the_code_column_one_way():
    book = _workbook()
    for title in ("本区诊断", "短板弱项", "目标值"):
        header = _sheet(book, title)[0]
        assert "指标编码" in header and "指标编号" not in header


def test_intermediate_goalposts_read_in_words_with_names_beside_codes():
    rows = _sheet(_workbook(), "中间表-目标值")
    assert rows[0][:2] == ("末级指标", "指标名称")
    assert rows[1][:2] == ("leaf", "name")
    cells = {cell for row in rows[2:] for cell in row}
    assert not cells & {"sample", "fixed", "identity", "higher", "lower"}
    assert {"取自参评单位", "越低越好", "越高越好", "原值计分"} <= cells
    assert ("days", "办理天数") in {row[:2] for row in rows[2:]}


def test_intermediate_frontier_table_names_each_node():
    rows = _sheet(_workbook(), "中间表-前沿值与平均值")
    assert rows[0] == ("指标", "指标名称", "前沿值", "平均值")
    assert {row[:2] for row in rows[2:]} >= {("overall", "总体表现"), ("speed", "办事效率")}
