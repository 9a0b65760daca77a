"""The import pages: who may open them, preview then commit, template downloads."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import make_uscc
from tests.enterprises.files import row, write_csv
from yingshang.audit.models import AuditEvent
from yingshang.enterprises.imports.columns import HEADERS
from yingshang.kernel.models import Enterprise, Role

UPLOAD = "registry_import:upload"


pytestmark = pytest.mark.usefixtures("media")


def login(client, user):
    client.force_login(user)
    return client


def csv_upload(tmp_path, rows, name="企业.csv") -> SimpleUploadedFile:
    path = write_csv(tmp_path / "upload.csv", rows)
    return SimpleUploadedFile(name, path.read_bytes(), content_type="text/csv")


def rows(count=3):
    return [
        row(uscc=make_uscc(700 + n), name=f"郑州网页{n}有限公司", size_class="小型")
        for n in range(count)
    ]


def stored_files(media):
    directory = media / "imports"
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse(UPLOAD))
    assert response.status_code == 302
    assert response.url.startswith(reverse("web:login"))


@pytest.mark.parametrize("role", [Role.ENTERPRISE, Role.DEPARTMENT, Role.LEADER, Role.SUPERVISOR])
def test_other_roles_get_403(client, users, role):
    login(client, users[role])
    assert client.get(reverse(UPLOAD)).status_code == 403
    assert client.get(reverse("registry_import:template_xlsx")).status_code == 403


def test_office_previews_then_commits(client, users, zone, tmp_path, media):
    office = users[Role.OFFICE]
    login(client, office)
    page = client.get(reverse(UPLOAD))
    assert page.status_code == 200 and "市场主体导入" in page.content.decode()
    before = Enterprise.objects.count()
    response = client.post(reverse(UPLOAD), {"file": csv_upload(tmp_path, rows()), "zone": zone.pk})
    assert response.status_code == 200
    html = response.content.decode()
    preview = response.context["preview"]
    assert preview.result.ok and preview.result.created == 3 and preview.token
    assert "郑州网页0有限公司" in html and "小型" in html and "确认导入" in html
    assert Enterprise.objects.count() == before
    assert len(stored_files(media)) == 2

    commit = reverse("registry_import:commit", args=[preview.token])
    done = client.post(commit)
    assert done.status_code == 200
    assert done.context["result"].committed and done.context["result"].created == 3
    assert Enterprise.objects.count() == before + 3
    event = AuditEvent.objects.get(verb="enterprise.imported")
    assert event.actor == office and event.after["file"] == "企业.csv"
    assert stored_files(media) == []
    assert client.post(commit).status_code == 404


def test_only_the_uploader_may_commit(client, users, zone, make_user, tmp_path):
    login(client, users[Role.OFFICE])
    response = client.post(reverse(UPLOAD), {"file": csv_upload(tmp_path, rows()), "zone": zone.pk})
    token = response.context["preview"].token
    colleague = make_user(Role.OFFICE, zone=zone)
    login(client, colleague)
    assert client.post(reverse("registry_import:commit", args=[token])).status_code == 403
    assert client.get(reverse("registry_import:commit", args=[token])).status_code == 405
    assert Enterprise.objects.filter(name__startswith="郑州网页").count() == 0


def test_errors_are_shown_as_a_table_and_the_file_is_not_kept(client, users, zone, tmp_path, media):
    login(client, users[Role.OFFICE])
    bad = [*rows(2), row(uscc="123", name="甲")]
    response = client.post(reverse(UPLOAD), {"file": csv_upload(tmp_path, bad), "zone": zone.pk})
    html = response.content.decode()
    assert response.context["preview"].token == ""
    assert '<td class="num">4</td>' in html and "统一社会信用代码应为18位，实际为3位" in html
    assert "确认导入" not in html
    assert stored_files(media) == []


def test_unsupported_file_is_a_form_error(client, users, zone):
    login(client, users[Role.OFFICE])
    upload = SimpleUploadedFile("企业.xls", b"\xd0\xcf", content_type="application/vnd.ms-excel")
    response = client.post(reverse(UPLOAD), {"file": upload, "zone": zone.pk})
    assert response.status_code == 200
    assert "旧版 .xls 请在 Excel 中另存为 .xlsx" in response.content.decode()


def test_office_cannot_choose_another_zone(client, users, zone, other_zone, tmp_path):
    login(client, users[Role.OFFICE])
    data = {"file": csv_upload(tmp_path, rows()), "zone": other_zone.pk}
    response = client.post(reverse(UPLOAD), data)
    assert response.status_code == 200 and "preview" not in response.context
    assert response.context["form"].errors["zone"]


def test_templates_download_and_validate(client, users, zone, tmp_path):
    login(client, users[Role.ADMIN])
    response = client.get(reverse("registry_import:template_xlsx"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert workbook.sheetnames == ["市场主体", "说明"]
    header, _example = list(workbook["市场主体"].iter_rows(values_only=True))[:2]
    assert list(header) == list(HEADERS)
    help_rows = list(workbook["说明"].iter_rows(values_only=True))
    assert help_rows[1][:3] == ("统一社会信用代码", "uscc", "是")
    assert any("个体工商户" in (r[4] or "") for r in help_rows[1:21])

    csv_body = b"".join(client.get(reverse("registry_import:template_csv")).streaming_content)
    assert csv_body.startswith(b"\xef\xbb\xbf" + "统一社会信用代码".encode())
    path = tmp_path / "template.csv"
    path.write_bytes(csv_body)
    from yingshang.enterprises.imports.service import import_enterprises

    result = import_enterprises(path=path, actor=None, default_zone=zone, dry_run=True)
    assert result.ok and result.created == 1


def test_admin_chooses_any_zone(client, users, zone, other_zone, tmp_path):
    login(client, users[Role.ADMIN])
    page = client.get(reverse(UPLOAD)).content.decode()
    assert "洛阳经济技术开发区" in page and "郑州高新技术产业开发区" in page
    data = {"file": csv_upload(tmp_path, rows(2)), "zone": other_zone.pk}
    token = client.post(reverse(UPLOAD), data).context["preview"].token
    result = client.post(reverse("registry_import:commit", args=[token])).context["result"]
    assert result.created == 2
    assert set(
        Enterprise.objects.filter(name__startswith="郑州网页").values_list("zone", flat=True)
    ) == {other_zone.pk}
