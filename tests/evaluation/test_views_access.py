"""The evaluation pages, who may open them: readers, outsiders, other zones, anonymous visitors
and the navigation.

Runs are built through the services from the `henan-zone` preset and the demo data generator
(tests/evaluation/helpers.py), so the pages see what an office would publish.
"""

import pytest
from django.urls import reverse

from tests.evaluation.helpers import publish_run
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
