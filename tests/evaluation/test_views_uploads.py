"""The evaluation pages that take files: uploading data, the data template and a new run.

Runs are built through the services from the `henan-zone` preset and the demo data generator
(tests/evaluation/helpers.py), so the pages see what an office would publish.
"""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.evaluation.helpers import HENAN_PERIODS as PERIODS
from tests.evaluation.helpers import HENAN_UNITS as UNITS
from tests.evaluation.helpers import PRESET, indicator_csv
from tests.evaluation.page_helpers import body_rows, cells, html_of, section
from yingshang.core.evaluation import load_methodology
from yingshang.evaluation.models import Dataset, EvaluationRun, Observation
from yingshang.kernel.models import Role


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


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
    assert rows[0] == ["单位", "指标编码", "指标名称", "计量单位", "数值", "期间", "分组"]
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
