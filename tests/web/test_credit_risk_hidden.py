"""The credit risk class (信用风险分类) serves internal supervision: staff see it, the enterprise
account never does, on its pages or through the API, not even for its own record."""

import pytest
from django.urls import reverse

from yingshang.kernel.models import CreditRiskClass, Role

LIST = "/api/registry/enterprises"
STAFF = (Role.ADMIN, Role.OFFICE, Role.DEPARTMENT, Role.LEADER)
LABEL = "信用风险分类"
CLASS_D = str(CreditRiskClass.D.label)


@pytest.fixture
def classified(enterprise):
    enterprise.credit_risk_class = "D"
    enterprise.save()
    return enterprise


@pytest.mark.parametrize("url_name", ["web:home", "registry:my_enterprise"])
def test_enterprise_pages_never_show_the_class(client_for, classified, url_name):
    response = client_for(Role.ENTERPRISE).get(reverse(url_name))
    assert response.status_code == 200
    html = response.content.decode()
    assert classified.name in html
    assert LABEL not in html
    assert CLASS_D not in html and "<dd>D</dd>" not in html


@pytest.mark.parametrize("role", STAFF)
def test_staff_see_the_class_on_the_detail_page(client_for, classified, role):
    url = reverse("registry:enterprise_detail", args=[classified.pk])
    html = client_for(role).get(url).content.decode()
    assert LABEL in html
    assert CLASS_D in html


def test_enterprise_api_detail_and_list_give_no_class(users, api_as, classified):
    client = api_as(users[Role.ENTERPRISE])
    detail = client.get(f"{LIST}/{classified.pk}")
    assert detail.status_code == 200
    assert detail.json()["name"] == classified.name
    assert detail.json()["credit_risk_class"] is None
    listed = client.get(LIST)
    assert listed.status_code == 200
    assert [item["credit_risk_class"] for item in listed.json()["items"]] == [None]
    assert '"D"' not in detail.content.decode() + listed.content.decode()


@pytest.mark.parametrize("asked", ["D", "A"])
def test_enterprise_may_not_filter_by_class(users, api_as, classified, asked):
    """Whether its record is listed under a class would tell the enterprise its class."""
    response = api_as(users[Role.ENTERPRISE]).get(LIST, credit_risk_class=asked)
    assert response.status_code == 422
    assert "credit_risk_class" in response.json()["errors"]
    assert "items" not in response.json()


@pytest.mark.parametrize("role", STAFF)
def test_staff_api_gives_the_class_and_filters_by_it(users, api_as, classified, role):
    client = api_as(users[role])
    assert client.get(f"{LIST}/{classified.pk}").json()["credit_risk_class"] == "D"
    found = client.get(LIST, credit_risk_class="D")
    assert found.status_code == 200
    assert [item["credit_risk_class"] for item in found.json()["items"]] == ["D"]
    assert client.get(LIST, credit_risk_class="A").json()["items"] == []
