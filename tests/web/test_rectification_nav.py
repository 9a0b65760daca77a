"""The rectification sub-navigation (整改工作) marks the entry of the page shown: one link with
aria-current="page" and the class "current", and no other."""

import re

import pytest
from django.urls import reverse

from tests.rectification.helpers import new_task
from yingshang.kernel.models import Role

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav class="run-links rect-links" aria-label="整改工作">(.*?)</nav>', re.S)
LINK = re.compile(r"<a ([^>]*)>([^<]+)</a>")
ENTRIES = {
    "rectification:task_list": "任务列表",
    "rectification:task_board": "任务看板",
    "rectification:problem_list": "问题台账",
    "rectification:plan_list": "整改方案",
    "rectification:leader": "领导督导",
}


def nav_links(html: str) -> list[tuple[str, bool, bool]]:
    """The sub-navigation's links as (label, has aria-current="page", has class "current")."""
    match = NAV.search(html)
    assert match is not None, "the page has no rectification sub-navigation"
    return [
        (label, 'aria-current="page"' in attrs, 'class="current"' in attrs)
        for attrs, label in LINK.findall(match.group(1))
    ]


@pytest.mark.parametrize("url_name", list(ENTRIES))
def test_each_entry_page_marks_exactly_its_entry(client_for, url_name):
    html = client_for(Role.OFFICE).get(reverse(url_name)).content.decode()
    links = nav_links(html)
    assert [label for label, _, _ in links] == list(ENTRIES.values())
    marked = [label for label, current, styled in links if current or styled]
    assert marked == [ENTRIES[url_name]]
    assert all(current == styled for _, current, styled in links)


def test_a_department_sees_its_entries_marked_without_the_leader_entry(client_for):
    html = client_for(Role.DEPARTMENT).get(reverse("rectification:task_board")).content.decode()
    links = nav_links(html)
    assert [label for label, _, _ in links] == ["任务列表", "任务看板", "问题台账", "整改方案"]
    assert [label for label, current, _ in links if current] == ["任务看板"]


def test_a_filtered_list_still_marks_its_entry(client_for):
    url = reverse("rectification:task_list") + "?state=assigned"
    links = nav_links(client_for(Role.OFFICE).get(url).content.decode())
    assert [label for label, current, _ in links if current] == ["任务列表"]


def test_a_task_page_marks_no_entry(client_for, users, zone, departments):
    task = new_task(users[Role.OFFICE], zone, departments["scjg"])
    url = reverse("rectification:task_detail", args=[task.pk])
    links = nav_links(client_for(Role.OFFICE).get(url).content.decode())
    assert links and not any(current or styled for _, current, styled in links)
