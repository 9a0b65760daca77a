"""The calendar page and the admin."""

import datetime as dt

import pytest
from django.urls import reverse

from yingshang.audit.models import AuditEvent
from yingshang.audit.verbs import SESSION_VERBS
from yingshang.calendars import selectors
from yingshang.calendars.models import CalendarDay, CalendarYear
from yingshang.kernel.models import Role

D = dt.date
URL = "/calendar/"
pytestmark = pytest.mark.django_db


def test_url_name() -> None:
    assert reverse("calendars:calendar") == URL


def test_anonymous_user_is_sent_to_login(client) -> None:
    response = client.get(URL, {"year": "2025"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login") + "?next=/calendar/")


@pytest.mark.usefixtures("base_template")
@pytest.mark.parametrize("role", [Role.ENTERPRISE, Role.SUPERVISOR, Role.OFFICE])
def test_any_logged_in_user_sees_a_published_year(client, users, role: str) -> None:
    client.force_login(users[role])
    response = client.get(URL, {"year": "2025"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "工作日历 · 2025年" in html
    assert 'data-date="2025-10-01"' in html and "国庆节" in html
    assert "尚未公布" not in html
    assert response.context["overview"].workdays == 248


@pytest.mark.usefixtures("base_template")
def test_unpublished_year_shows_the_provisional_banner(client, users) -> None:
    client.force_login(users[Role.OFFICE])
    html = client.get(URL, {"year": "2027"}).content.decode()
    assert "该年放假安排尚未公布，按周末推算 (暂定)" in html


@pytest.mark.usefixtures("base_template")
def test_bad_year_falls_back_to_this_year(client, users) -> None:
    client.force_login(users[Role.OFFICE])
    response = client.get(URL, {"year": "abc"})
    assert response.status_code == 200
    assert "年份“abc”无效" in response.content.decode()


@pytest.mark.usefixtures("base_template")
def test_deadline_form_on_the_full_page(client, users) -> None:
    client.force_login(users[Role.LEADER])
    query = {"year": "2025", "start": "2025-09-30", "n": "1", "unit": "workdays"}
    response = client.get(URL, query)
    assert response.context["answer"].result == selectors.add_workdays(D(2025, 9, 30), 1)
    assert "2025-10-09" in response.content.decode()


def test_deadline_form_answers_htmx_with_a_fragment(client, users) -> None:
    client.force_login(users[Role.ENTERPRISE])
    query = {"start": "2026-12-31", "n": "1", "unit": "workdays"}
    response = client.get(URL, query, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="deadline-result"')
    assert "2027-01-01" in html and "暂定" in html


def test_deadline_form_reports_bad_input(client, users) -> None:
    client.force_login(users[Role.OFFICE])
    query = {"start": "2025-02-30", "n": "-1", "unit": "workdays"}
    html = client.get(URL, query, headers={"HX-Request": "true"}).content.decode()
    assert 'role="alert"' in html and "起算日" in html and "期限" in html


def test_page_accepts_only_get(client, users) -> None:
    client.force_login(users[Role.OFFICE])
    assert client.post(URL).status_code == 405


# Admin -------------------------------------------------------------------------------------


def test_admin_edit_writes_an_audit_event(client, users) -> None:
    admin = users[Role.ADMIN]
    client.force_login(admin)
    day = CalendarDay.objects.get(date=D(2025, 10, 8))
    url = reverse("admin:calendars_calendarday_change", args=[day.pk])
    response = client.post(url, {"date": "2025-10-08", "kind": "holiday", "name": "中秋节"})
    assert response.status_code == 302
    event = AuditEvent.objects.get(verb="calendarday.updated")
    assert event.actor == admin
    assert (event.before, event.after) == ({"name": "国庆节"}, {"name": "中秋节"})


def test_admin_delete_writes_an_audit_event_and_changes_the_answer(client, users) -> None:
    client.force_login(users[Role.ADMIN])
    assert selectors.add_workdays(D(2025, 9, 30), 1).date == D(2025, 10, 9)
    day = CalendarDay.objects.get(date=D(2025, 10, 8))
    url = reverse("admin:calendars_calendarday_delete", args=[day.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert AuditEvent.objects.filter(verb="calendarday.deleted").count() == 1
    assert selectors.add_workdays(D(2025, 9, 30), 1).date == D(2025, 10, 8)


def test_admin_rejects_a_holiday_on_a_weekend(client, users) -> None:
    client.force_login(users[Role.ADMIN])
    url = reverse("admin:calendars_calendarday_add")
    response = client.post(url, {"date": "2025-10-04", "kind": "holiday", "name": "国庆节"})
    assert response.status_code == 200
    assert "本来就休息" in response.content.decode()
    # Only the admin's own login is in the trail: no calendar change.
    assert not AuditEvent.objects.exclude(verb__in=SESSION_VERBS).exists()


def test_admin_lists_and_filters(client, users) -> None:
    client.force_login(users[Role.ADMIN])
    url = reverse("admin:calendars_calendarday_changelist")
    response = client.get(url, {"year": "2025", "kind": "workday"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 5
    assert client.get(reverse("admin:calendars_calendaryear_changelist")).status_code == 200


def test_admin_action_publishes_a_year_with_an_audit_event(client, users) -> None:
    client.force_login(users[Role.ADMIN])
    CalendarYear.objects.create(year=2027, published=False)
    row = CalendarYear.objects.get(year=2027)
    url = reverse("admin:calendars_calendaryear_changelist")
    response = client.post(url, {"action": "mark_published", "_selected_action": [row.pk]})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.published
    assert AuditEvent.objects.filter(verb="calendaryear.published").count() == 1
