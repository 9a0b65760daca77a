"""The notifications page (/notifications/, every role): a user reads and clears only their own
notifications, whichever module sent them."""

import pytest
from django.urls import reverse

from yingshang.kernel.models import Notification, Role
from yingshang.kernel.notifications import mark_read

pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(users):
    department = users[Role.DEPARTMENT]
    office = users[Role.OFFICE]
    mine = [
        Notification.objects.create(user=department, verb="task_assigned", text=f"交办任务 {n}")
        for n in range(2)
    ]
    linked = Notification.objects.create(
        user=department,
        verb="task_overdue",
        text="任务已超期，现予督办",
        link="/rectification/tasks/",
    )
    theirs = Notification.objects.create(user=office, verb="task_submitted", text="办公室的通知")
    return {"mine": [*mine, linked], "linked": linked, "theirs": theirs}


def test_the_page_lists_only_the_users_own_notifications(client_for, users, notes):
    html = client_for(Role.DEPARTMENT).get(reverse("web:notifications"))
    text = html.content.decode()
    assert html.status_code == 200
    assert all(note.text in text for note in notes["mine"])
    assert notes["theirs"].text not in text
    assert "未读 3 条" in text


def test_unread_filter_hides_read_notifications(client_for, users, notes):
    mark_read(user=users[Role.DEPARTMENT], notification_ids=[notes["mine"][0].pk])
    page = client_for(Role.DEPARTMENT).get(reverse("web:notifications"), {"unread": "1"})
    text = page.content.decode()
    assert notes["mine"][0].text not in text
    assert notes["mine"][1].text in text


def test_opening_a_linked_notification_marks_it_read_and_follows_the_link(client_for, users, notes):
    response = client_for(Role.DEPARTMENT).post(
        reverse("web:notification_read"),
        {"id": notes["linked"].pk, "link": notes["linked"].link},
    )
    assert response.status_code == 302
    assert response.url == "/rectification/tasks/"
    notes["linked"].refresh_from_db()
    assert notes["linked"].read_at is not None
    assert Notification.objects.filter(read_at__isnull=False).count() == 1


def test_an_outside_link_is_not_followed(client_for, users, notes):
    response = client_for(Role.DEPARTMENT).post(
        reverse("web:notification_read"),
        {"id": notes["mine"][0].pk, "link": "//evil.example/"},
    )
    assert response.url == reverse("web:notifications")


def test_mark_all_read_leaves_other_users_untouched(client_for, users, notes):
    client_for(Role.DEPARTMENT).post(reverse("web:notification_read"))
    assert not Notification.objects.filter(user=users[Role.DEPARTMENT], read_at__isnull=True)
    notes["theirs"].refresh_from_db()
    assert notes["theirs"].read_at is None


def test_one_user_cannot_mark_another_users_notification(client_for, users, notes):
    client_for(Role.DEPARTMENT).post(reverse("web:notification_read"), {"id": notes["theirs"].pk})
    notes["theirs"].refresh_from_db()
    assert notes["theirs"].read_at is None


def test_anonymous_users_are_sent_to_log_in(client, notes):
    response = client.get(reverse("web:notifications"))
    assert response.status_code == 302
    assert "login" in response.url


@pytest.mark.parametrize("role", list(Role))
def test_every_role_has_the_page_in_the_navigation(client_for, role):
    response = client_for(role).get(reverse("web:notifications"))
    assert response.status_code == 200
    items = {item["label"]: item for item in response.context["nav_items"]}
    assert items["通知"]["url"] == "/notifications/" and items["通知"]["active"]


def test_the_old_address_redirects(client_for, notes):
    client = client_for(Role.DEPARTMENT)
    response = client.get("/rectification/notifications/?unread=1")
    assert response.status_code == 301
    assert response["Location"] == reverse("web:notifications") + "?unread=1"
    moved = client.post("/rectification/notifications/read/", {"id": notes["mine"][0].pk})
    assert moved.status_code == 308
    assert moved["Location"] == reverse("web:notification_read")
