"""A uscc whose first two characters belong to another entity type ("91" 企业 recorded as a
个体工商户) is saved and imported, with a warning on the form, the detail page, the import
preview (by row), the command line and the API."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import make_uscc
from tests.enterprises.files import row, write_csv
from yingshang.core import uscc
from yingshang.core.uscc_types import EXPECTED_PREFIXES
from yingshang.enterprises.checks import uscc_type_warning
from yingshang.enterprises.demo.codes import REGISTRATION_TYPE
from yingshang.enterprises.forms import EnterpriseCreateForm
from yingshang.enterprises.imports.service import import_enterprises
from yingshang.kernel.models import Enterprise, EntityType, Role

WARNING = "与主体类型“个体工商户”不符"


def individual_code(n: int) -> str:
    return uscc.complete(f"92410100MA{n:07d}")


def test_the_rule_knows_only_entity_types_of_the_registry():
    assert set(EXPECTED_PREFIXES) <= set(EntityType.values)
    assert set(EntityType.values) - set(EXPECTED_PREFIXES) == {EntityType.OTHER}


def test_the_demo_makes_codes_that_agree_with_their_type():
    for entity_type, digit in REGISTRATION_TYPE.items():
        assert uscc_type_warning(f"9{digit}410100MA0000001", entity_type) == "", entity_type


def test_the_warning_names_the_type_in_chinese():
    assert WARNING in uscc_type_warning(make_uscc(), EntityType.INDIVIDUAL)
    assert "（个体工商户）" in uscc_type_warning(individual_code(1), EntityType.COMPANY)
    assert uscc_type_warning(make_uscc(), EntityType.COMPANY) == ""
    assert uscc_type_warning(make_uscc(), EntityType.OTHER) == ""


# ---------------------------------------------------------------------------- form and pages


def _create_data(code: str, entity_type: str) -> dict[str, str]:
    return {"uscc": code, "name": "张记面馆", "entity_type": entity_type, "status": "active"}


@pytest.mark.django_db
def test_the_form_is_valid_and_warns():
    form = EnterpriseCreateForm(_create_data(make_uscc(8100001), EntityType.INDIVIDUAL))
    assert form.is_valid(), form.errors
    assert WARNING in form.uscc_warning()
    agreeing = EnterpriseCreateForm(_create_data(individual_code(2), EntityType.INDIVIDUAL))
    assert agreeing.is_valid() and agreeing.uscc_warning() == ""


def test_creating_saves_and_the_detail_page_warns(client_for, zone):
    code = make_uscc(8100002)
    client = client_for(Role.OFFICE)
    response = client.post(
        reverse("registry:enterprise_create"), _create_data(code, EntityType.INDIVIDUAL)
    )
    created = Enterprise.objects.get(uscc=code)
    assert response.status_code == 302 and created.entity_type == EntityType.INDIVIDUAL
    page = client.get(response["Location"]).content.decode()
    assert 'id="uscc-warning"' in page and WARNING in page


def test_a_form_shown_again_with_errors_warns_too(client_for, zone):
    data = _create_data(make_uscc(8100003), EntityType.INDIVIDUAL) | {"name": ""}
    response = client_for(Role.OFFICE).post(reverse("registry:enterprise_create"), data)
    assert response.status_code == 200 and WARNING in response.content.decode()


def test_the_edit_form_warns_about_the_saved_record(client_for, zone):
    shop = Enterprise.objects.create(
        uscc=make_uscc(8100004), name="老王修车", zone=zone, entity_type=EntityType.INDIVIDUAL
    )
    html = client_for(Role.OFFICE).get(reverse("registry:enterprise_edit", args=[shop.pk]))
    assert WARNING in html.content.decode()


def test_an_agreeing_record_shows_no_warning(client_for, enterprise):
    html = client_for(Role.OFFICE).get(reverse("registry:enterprise_detail", args=[enterprise.pk]))
    assert 'id="uscc-warning"' not in html.content.decode()


# ---------------------------------------------------------------------------- API


def test_the_api_reports_the_warning_and_saves(users, api_as, zone):
    client = api_as(users[Role.OFFICE])
    body = {"uscc": make_uscc(8100005), "name": "张记面馆", "entity_type": "individual"}
    response = client.post("/api/registry/enterprises", body)
    assert response.status_code == 201, response.content
    [warning] = response.json()["warnings"]
    assert WARNING in warning
    fine = client.post("/api/registry/enterprises", body | {"uscc": individual_code(3)})
    assert fine.status_code == 201 and fine.json()["warnings"] == []


# ---------------------------------------------------------------------------- import


def _rows() -> list[list[object]]:
    return [
        row(uscc=individual_code(10), name="李记早点", entity_type="个体工商户"),
        row(uscc=make_uscc(8100010), name="王记烟酒", entity_type="个体工商户"),
        row(uscc=individual_code(11), name="郑州某某科技有限公司"),  # no type: a new 企业
    ]


def test_the_import_warns_by_row_and_imports_everything(zone, tmp_path):
    result = import_enterprises(
        path=write_csv(tmp_path / "a.csv", _rows()), actor=None, default_zone=zone
    )
    assert result.committed and result.ok and result.created == 3
    assert [(w.row, w.column) for w in result.warnings] == [
        (3, "统一社会信用代码"),
        (4, "统一社会信用代码"),
    ]
    assert WARNING in result.warnings[0].reason
    assert "与主体类型“企业”不符" in result.warnings[1].reason


def test_an_update_is_judged_with_the_saved_type(zone, tmp_path):
    Enterprise.objects.create(
        uscc=make_uscc(8100020), name="赵记", zone=zone, entity_type=EntityType.INDIVIDUAL
    )
    rows = [row(uscc=make_uscc(8100020), name="赵记小吃")]
    result = import_enterprises(
        path=write_csv(tmp_path / "a.csv", rows), actor=None, default_zone=zone
    )
    assert result.updated == 1 and [w.row for w in result.warnings] == [2]
    fixed = [row(uscc=make_uscc(8100020), name="赵记小吃", entity_type="企业")]
    again = import_enterprises(
        path=write_csv(tmp_path / "b.csv", fixed), actor=None, default_zone=zone
    )
    assert again.updated == 1 and again.warnings == []


@pytest.mark.usefixtures("media")
def test_the_preview_lists_the_warnings_and_still_offers_the_import(client, users, zone, tmp_path):
    client.force_login(users[Role.OFFICE])
    path = write_csv(tmp_path / "a.csv", _rows())
    upload = SimpleUploadedFile("个体户.csv", path.read_bytes(), content_type="text/csv")
    response = client.post(reverse("registry_import:upload"), {"file": upload, "zone": zone.pk})
    html = response.content.decode()
    preview = response.context["preview"]
    assert preview.token and 'id="import-warnings"' in html and "确认导入" in html
    assert '<td class="num">3</td>' in html and WARNING in html
    done = client.post(reverse("registry_import:commit", args=[preview.token]))
    assert done.context["result"].committed and done.context["result"].created == 3
    assert 'id="import-warnings"' in done.content.decode()
    assert Enterprise.objects.get(uscc=make_uscc(8100010)).entity_type == EntityType.INDIVIDUAL


def test_the_command_line_prints_the_warnings_and_succeeds(zone, tmp_path):
    out, err = StringIO(), StringIO()
    call_command(
        "import_enterprises", str(write_csv(tmp_path / "a.csv", _rows())), stdout=out, stderr=err
    )
    assert out.getvalue().strip() == "导入完成: created=3 updated=0 unchanged=0"
    lines = err.getvalue().splitlines()
    assert len(lines) == 2 and lines[0].startswith("warning: row 3: 统一社会信用代码: ")
