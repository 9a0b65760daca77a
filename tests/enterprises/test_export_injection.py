"""An enterprise named like a formula is exported as text, never as a live formula."""

import io

import pytest
from openpyxl import load_workbook

from tests.conftest import make_uscc
from yingshang.enterprises.documents.export import export_enterprises
from yingshang.enterprises.imports.template import write_template_csv, write_template_xlsx
from yingshang.enterprises.imports.vocabulary import build_vocabulary
from yingshang.enterprises.selectors.enterprises import EnterpriseFilters
from yingshang.kernel.models import Enterprise, Role

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://x","y")'


def _cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_export_writes_a_formula_like_name_as_text(zone, users):
    Enterprise.objects.create(uscc=make_uscc(950), name=EVIL, zone=zone, address="+1+1")
    out = io.BytesIO()
    export_enterprises(user=users[Role.OFFICE], filters=EnterpriseFilters(), out=out)
    cells = _cells(out.getvalue())
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    named = [c for c in cells if c.value == EVIL]
    assert named and all(c.data_type == "s" for c in named)
    assert [c for c in cells if c.value == "+1+1"]


def test_templates_hold_no_formula(zone):
    vocabulary = build_vocabulary(allowed_zone_ids=[zone.pk])
    xlsx, csv_out = io.BytesIO(), io.BytesIO()
    write_template_xlsx(xlsx, vocabulary=vocabulary)
    write_template_csv(csv_out, vocabulary=vocabulary)
    assert not [c for c in _cells(xlsx.getvalue()) if c.data_type == "f"]
    text = csv_out.getvalue().decode("utf-8-sig")
    assert not [line for line in text.splitlines() for f in line.split(",") if f.startswith("=")]
