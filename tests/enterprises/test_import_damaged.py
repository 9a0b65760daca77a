"""A damaged .xlsx through the import's doors: the page shows the error, the command prints
one Chinese line; neither crashes and nothing is written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import make_uscc
from tests.enterprises.files import row
from tests.enterprises.test_import_cli import OUTPUT, cli
from tests.lib.corrupt import truncated_xlsx, write
from yingshang.enterprises.imports.columns import HEADERS
from yingshang.kernel.models import Enterprise, Role
from yingshang.lib.tabular.readers import DAMAGED

pytestmark = pytest.mark.usefixtures("media")


def damaged() -> bytes:
    rows = [row(uscc=make_uscc(900 + n), name=f"郑州损坏{n}有限公司") for n in range(300)]
    return truncated_xlsx([list(HEADERS), *rows])


def test_the_page_shows_a_damaged_xlsx_as_a_form_error(client, users, zone):
    client.force_login(users[Role.OFFICE])
    before = Enterprise.objects.count()
    upload = SimpleUploadedFile("坏.xlsx", damaged())
    response = client.post(reverse("registry_import:upload"), {"file": upload, "zone": zone.pk})
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1 and errors[0].startswith(DAMAGED)
    assert Enterprise.objects.count() == before


def test_the_command_prints_one_chinese_line(zone, tmp_path):
    before = Enterprise.objects.count()
    assert cli(str(write(tmp_path / "cut.xlsx", damaged()))) == 1
    lines = OUTPUT.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(DAMAGED)
    assert "Traceback" not in OUTPUT.err + OUTPUT.out
    assert Enterprise.objects.count() == before
