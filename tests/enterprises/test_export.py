"""Export: the template's columns, the caller's scope and filters, and a clean re-import."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import make_uscc
from yingshang.enterprises.documents.export import export_enterprises
from yingshang.enterprises.forms import filters_from_query
from yingshang.enterprises.imports.columns import HEADERS
from yingshang.enterprises.imports.service import import_enterprises
from yingshang.enterprises.selectors.enterprises import EnterpriseFilters
from yingshang.kernel.models import (
    Enterprise,
    Qualification,
    QualificationKind,
    Role,
)


@pytest.fixture
def registry(zone, other_zone, users):
    """A few enterprises with every field filled in, and one in another zone."""
    high_tech = QualificationKind.objects.get(code="high_tech")
    gazelle = QualificationKind.objects.get(code="gazelle")
    made = []
    for n, status in enumerate(["active", "active", "revoked"]):
        ent = Enterprise.objects.create(
            uscc=make_uscc(900 + n),
            name=f"郑州导出{n}科技有限公司（分公司）",
            zone=zone,
            entity_type="individual" if n else "company",
            status=status,
            founded_on=dt.date(2015, 3, n + 1),
            registered_capital=Decimal("1234.50"),
            address="=SUM(A1:A2)",
            industry_code="C3919",
            industry_section="C",
            size_class="micro" if n else "",
            employees=n * 10,
            annual_revenue=Decimal("99999999.99"),
            tax_paid=Decimal("0.10"),
            rd_expense=None,
            credit_risk_class="B" if n else "",
            legal_representative="王五",
            contact_phone="037112345678",
            contact_email="x@example.com",
        )
        Qualification.objects.create(
            enterprise=ent, kind=high_tech, valid_until=dt.date(2027, 1, 1)
        )
        if n == 1:
            Qualification.objects.create(enterprise=ent, kind=gazelle)
        made.append(ent)
    Enterprise.objects.create(uscc=make_uscc(999), name="洛阳导出有限公司", zone=other_zone)
    return made


def exported(user, filters: EnterpriseFilters | None = None) -> tuple[bytes, list[tuple]]:
    out = io.BytesIO()
    export_enterprises(user=user, filters=filters or EnterpriseFilters(), out=out)
    rows = list(load_workbook(io.BytesIO(out.getvalue()), read_only=True).active.values)
    return out.getvalue(), rows


def test_export_has_the_template_columns_and_labels(users, registry):
    _, rows = exported(users[Role.OFFICE])
    assert list(rows[0]) == list(HEADERS)
    names = [r[1] for r in rows[1:]]
    assert "郑州导出1科技有限公司（分公司）" in names
    second = next(r for r in rows[1:] if r[1].startswith("郑州导出1"))
    assert second[2:4] == ("个体工商户", "存续")
    assert second[6] == "=SUM(A1:A2)"
    assert second[7] == "郑州高新技术产业开发区"
    assert second[19] == "高新技术企业:2027-01-01;瞪羚企业"


def test_filtered_export_reimports_with_nothing_to_do(users, zone, registry, tmp_path):
    office = users[Role.OFFICE]
    content, rows = exported(office, EnterpriseFilters(status="active"))
    assert len(rows) == 1 + 3  # two active registry rows and the conftest enterprise
    path = tmp_path / "export.xlsx"
    path.write_bytes(content)
    result = import_enterprises(path=path, actor=office, default_zone=zone)
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)


def test_office_export_never_contains_another_zone(users, registry):
    for role in (Role.OFFICE, Role.LEADER, Role.DEPARTMENT):
        _, rows = exported(users[role])
        assert "洛阳导出有限公司" not in [r[1] for r in rows]
    _, rows = exported(users[Role.ADMIN])
    assert "洛阳导出有限公司" in [r[1] for r in rows]


def test_filters_from_the_list_page_and_field_names(users):
    office = users[Role.OFFICE]
    short = QueryDict(
        "q=导出&status=active&type=individual&section=C&size=micro&credit=B&qual=gazelle"
    )
    assert filters_from_query(short, user=office) == EnterpriseFilters(
        q="导出",
        status="active",
        entity_type="individual",
        industry_section="C",
        size_class="micro",
        credit_risk_class="B",
        qualification="gazelle",
    )
    long = QueryDict("entity_type=company&industry_section=C&qualification=high_tech")
    filters = filters_from_query(long, user=office)
    assert (filters.entity_type, filters.industry_section, filters.qualification) == (
        "company",
        "C",
        "high_tech",
    )


def test_export_view(client, users, registry):
    client.force_login(users[Role.DEPARTMENT])
    response = client.get(reverse("registry_import:export"), {"qual": "gazelle"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    rows = list(load_workbook(io.BytesIO(body), read_only=True).active.values)
    assert [r[1] for r in rows[1:]] == ["郑州导出1科技有限公司（分公司）"]
    client.force_login(users[Role.ENTERPRISE])
    assert client.get(reverse("registry_import:export")).status_code == 403
    client.logout()
    assert client.get(reverse("registry_import:export")).status_code == 302
