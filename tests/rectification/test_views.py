"""The rectification pages: who may open them, what another zone or department sees, the task
list with its filters and the board.

Tasks are made through the services, as the office would make them.
"""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.rectification.helpers import future, html_of, new_task
from yingshang.core.rectification.workflow import State
from yingshang.kernel.models import Role, Zone
from yingshang.rectification.models import Task
from yingshang.rectification.services import tasks as task_services
from yingshang.web.context import nav_items_for

READERS = [Role.ADMIN, Role.OFFICE, Role.LEADER, Role.DEPARTMENT]
OUTSIDERS = [Role.ENTERPRISE, Role.SUPERVISOR]
DECIDERS = [Role.ADMIN, Role.OFFICE, Role.LEADER]
LIST_PAGES = [
    "rectification:task_list",
    "rectification:task_board",
    "rectification:problem_list",
    "rectification:plan_list",
]


def task_pages(task) -> list[str]:
    return [reverse("rectification:task_detail", args=[task.pk])]


# ---------------------------------------------------------------------------- who may open


@pytest.mark.parametrize("role", READERS)
@pytest.mark.parametrize("name", LIST_PAGES)
def test_readers_open_the_lists(client_for, role, name):
    assert client_for(role).get(reverse(name)).status_code == 200


@pytest.mark.parametrize("role", OUTSIDERS)
@pytest.mark.parametrize("name", [*LIST_PAGES, "rectification:leader", "rectification:task_create"])
def test_outsiders_are_denied(client_for, role, name):
    response = client_for(role).get(reverse(name))
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_cannot_open_a_task(client_for, role, scjg_task):
    assert client_for(role).get(task_pages(scjg_task)[0]).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("rectification:task_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


@pytest.mark.parametrize("role", DECIDERS)
def test_leader_page_for_deciders(client_for, role):
    assert client_for(role).get(reverse("rectification:leader")).status_code == 200


def test_department_cannot_open_leader_page_or_create(client_for):
    client = client_for(Role.DEPARTMENT)
    assert client.get(reverse("rectification:leader")).status_code == 403
    assert client.get(reverse("rectification:task_create")).status_code == 403
    assert client.get(reverse("rectification:plan_draft")).status_code == 403


def test_nav_item_for_readers_only(users):
    for role in READERS:
        labels = [i["label"] for i in nav_items_for(users[role])]
        assert "整改" in labels, role
    for role in OUTSIDERS:
        assert "整改" not in [i["label"] for i in nav_items_for(users[role])]


# ---------------------------------------------------------------------------- scope


def test_other_zone_task_is_not_found(client_for, other_zone_task):
    for role in (Role.OFFICE, Role.LEADER, Role.DEPARTMENT):
        url = reverse("rectification:task_detail", args=[other_zone_task.pk])
        assert client_for(role).get(url).status_code == 404


def test_department_cannot_open_another_departments_task(client_for, xzsp_task, scjg_task):
    client = client_for(Role.DEPARTMENT)
    assert client.get(reverse("rectification:task_detail", args=[xzsp_task.pk])).status_code == 404
    assert client.get(reverse("rectification:task_detail", args=[scjg_task.pk])).status_code == 200


def test_office_list_shows_the_zone(client_for, scjg_task, xzsp_task, other_zone_task):
    html = html_of(client_for(Role.OFFICE).get(reverse("rectification:task_list")))
    assert "整改任务" in html
    assert scjg_task.title in html and xzsp_task.title in html
    assert other_zone_task.title not in html


def test_department_sees_my_tasks_due_first(client_for, office, zone, departments, xzsp_task):
    later = new_task(office, zone, departments["scjg"], title="后到期", deadline=future(40))
    sooner = new_task(office, zone, departments["scjg"], title="先到期", deadline=future(5))
    for task in (later, sooner):
        task_services.transition(
            actor=office, task_id=task.pk, action="assign", expected_version=task.version
        )
    html = html_of(client_for(Role.DEPARTMENT).get(reverse("rectification:task_list")))
    assert "<h1>我的任务</h1>" in html
    assert html.index("先到期") < html.index("后到期")
    assert xzsp_task.title not in html


def test_filters(client_for, office, zone, departments, scjg_task):
    draft = new_task(office, zone, departments["xzsp"], title="待交办的新任务")
    Task.objects.filter(pk=scjg_task.pk).update(overdue=True)
    client = client_for(Role.OFFICE)
    url = reverse("rectification:task_list")
    html = html_of(client.get(url, {"state": "draft"}))
    assert draft.title in html and scjg_task.title not in html
    html = html_of(client.get(url, {"overdue": "on"}))
    assert scjg_task.title in html and draft.title not in html
    html = html_of(client.get(url, {"lead_department": departments["xzsp"].pk}))
    assert draft.title in html and scjg_task.title not in html
    html = html_of(client.get(url, {"due_soon": "on"}))
    assert draft.title not in html and scjg_task.title not in html


def test_filter_by_a_leading_or_supporting_department(client_for, office, zone, departments):
    """The page filters as the API does: a department leading or supporting."""
    led = new_task(office, zone, departments["scjg"], title="市场监管牵头")
    supported = task_services.create_task(
        actor=office,
        zone=zone,
        title="市场监管配合",
        lead_department=departments["xzsp"],
        supporting_departments=[departments["scjg"]],
        deadline=future(),
    )
    other = new_task(office, zone, departments["xzsp"], title="审批局独办")
    url = reverse("rectification:task_list")
    client = client_for(Role.OFFICE)
    html = html_of(client.get(url, {"department": departments["scjg"].pk}))
    assert led.title in html and supported.title in html and other.title not in html
    html = html_of(client.get(url, {"lead_department": departments["scjg"].pk}))
    assert led.title in html and supported.title not in html
    html = html_of(client.get(url, {"list_kind": "innovation"}))
    assert led.title not in html and other.title not in html


def test_board_has_a_column_per_state(client_for, office, zone, departments, scjg_task):
    draft = new_task(office, zone, departments["xzsp"], title="待交办的新任务")
    html = html_of(client_for(Role.OFFICE).get(reverse("rectification:task_board")))
    for state in State:
        assert f'id="column-{state.value}"' in html
    assigned = re.search(r'id="column-assigned".*?</section>', html, re.S).group(0)
    drafts = re.search(r'id="column-draft".*?</section>', html, re.S).group(0)
    assert scjg_task.title in assigned and draft.title in drafts


@pytest.fixture
def peer_zone(db):
    """A peer zone (only ranked against), made before the hosted zone so it comes first by id."""
    from yingshang.kernel.models import Zone

    return Zone.objects.create(
        code="zzjk",
        name="郑州经济技术开发区",
        kind="经开区",
        city="郑州市",
        province="河南省",
        hosted=False,
    )


def test_admin_leader_page_shows_the_hosted_zone(peer_zone, client_for, office, zone, departments):
    """An administrator has no zone: the page works on the first hosted zone, never a peer."""
    assert peer_zone.pk < zone.pk
    task = new_task(office, zone, departments["scjg"], title="高新区超期任务", assign=True)
    Task.objects.filter(pk=task.pk).update(deadline=timezone.localdate() - dt.timedelta(days=3))
    html = html_of(client_for(Role.ADMIN).get(reverse("rectification:leader")))
    assert f"{zone.name}：待审批事项" in html
    assert peer_zone.name not in html
    assert "高新区超期任务" in html
    named = html_of(client_for(Role.ADMIN).get(reverse("rectification:leader"), {"zone": "zzgx"}))
    assert f"{zone.name}：待审批事项" in named


def test_zone_for_page(peer_zone, users, zone, other_zone):
    from django.http import Http404

    from yingshang.kernel.access import zone_for_page

    admin = users[Role.ADMIN]
    assert zone_for_page(users[Role.OFFICE]) == zone
    assert zone_for_page(users[Role.OFFICE], "lyjk") == zone
    assert zone_for_page(admin, "lyjk") == other_zone
    assert zone_for_page(admin, "zzgx") == zone
    with pytest.raises(Http404):
        zone_for_page(admin, "zzjk")


def test_zone_for_page_prefers_the_administrators_own_hosted_zone(users, zone, other_zone):
    from yingshang.kernel.access import zone_for_page

    admin = users[Role.ADMIN]
    # The other hosted zone sorts first: an administrator of this zone still gets this zone.
    Zone.objects.filter(pk=other_zone.pk).update(province="", city="")
    assert Zone.objects.filter(hosted=True).first() == other_zone
    admin.zone = zone
    admin.save(update_fields=["zone"])
    assert zone_for_page(admin) == zone
    admin.zone = None
    admin.save(update_fields=["zone"])
    assert zone_for_page(admin) == other_zone
