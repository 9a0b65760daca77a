"""Damaged and oversized data files at `POST /api/evaluation/datasets`: 422 in Chinese."""

import pytest
from django.test import override_settings

from tests.evaluation.helpers import indicator_rows
from tests.lib.corrupt import PNG, bomb_xlsx, truncated_xlsx
from yingshang.core.evaluation.limits import DAMAGED
from yingshang.evaluation.models import Dataset
from yingshang.kernel.models import Role


def rows() -> list[list[object]]:
    return [["unit", "indicator", "value", "period"], *map(list, indicator_rows() * 20)]


def problems(response) -> list[str]:
    assert response.status_code == 422
    return response.json()["errors"]["file"]


def test_a_truncated_xlsx_is_422_in_chinese(users, api_as):
    before = Dataset.objects.count()
    response = api_as(users[Role.OFFICE]).upload(truncated_xlsx(rows()), filename="cut.xlsx")
    [problem] = problems(response)
    assert problem.startswith(f"文件：{DAMAGED}：") and len(problem) < 120
    assert Dataset.objects.count() == before


@pytest.mark.parametrize("content", [PNG, b"unit,indicator,value\n"])
def test_another_type_named_xlsx_is_422(users, api_as, content):
    response = api_as(users[Role.OFFICE]).upload(content, filename="fake.xlsx")
    assert problems(response) == ["文件：无法读取该 Excel 文件：文件已损坏或不是 .xlsx 格式"]


@override_settings(YINGSHANG_IMPORT_MAX_UNZIPPED_BYTES=1024 * 1024)
def test_a_bomb_is_refused_by_its_unpacked_size(users, api_as):
    response = api_as(users[Role.OFFICE]).upload(bomb_xlsx(), filename="bomb.xlsx")
    assert problems(response) == ["文件：文件解压后过大：不能超过 1 MB"]


@override_settings(YINGSHANG_IMPORT_MAX_ROWS=10)
def test_too_many_rows_is_one_problem(users, api_as):
    content = "\n".join(",".join(map(str, r)) for r in rows()).encode()
    response = api_as(users[Role.OFFICE]).upload(content, filename="long.csv")
    assert problems(response) == ["文件：文件过长：不能超过 10 行（含第 1 行表头）"]


def test_a_long_cell_is_not_echoed(users, api_as):
    content = ("unit,indicator,value\n甲,A1," + "9" * 20_000 + "\n").encode()
    [problem] = problems(api_as(users[Role.OFFICE]).upload(content, filename="long.csv"))
    assert problem.startswith("第 2 行：单元格") and len(problem) < 200
