"""Login protection: wrong passwords lock the account and the address for a while, logins and
lockouts are in the audit trail, and an administrator can unlock."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from yingshang.audit.models import AuditEvent
from yingshang.kernel.models import Role

PASSWORD = "Yingshang-2026"
LIMIT = 3
LOCKED_TEXT = "登录失败次数过多，账号已暂时锁定"


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT


def _post(client: Client, username: str, password: str, address: str = "127.0.0.1"):
    return client.post(
        reverse("web:login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def _assert_locked(response) -> None:
    assert response.status_code in (403, 429)
    html = response.content.decode()
    assert LOCKED_TEXT in html and '<html lang="zh-CN"' in html


def test_right_password_is_refused_after_too_many_wrong_ones(client, users):
    user = users[Role.OFFICE]
    for _ in range(LIMIT - 1):
        assert _post(client, user.username, "wrong").status_code == 200
    # The failure that reaches the limit is answered with the lockout page already.
    _assert_locked(_post(client, user.username, "wrong"))
    response = _post(client, user.username, PASSWORD)
    _assert_locked(response)
    assert "_auth_user_id" not in client.session


def test_account_is_locked_whatever_the_address(client, users):
    user = users[Role.OFFICE]
    for n in range(LIMIT):
        _post(client, user.username, "wrong", address=f"10.0.0.{n + 1}")
    _assert_locked(_post(client, user.username, PASSWORD, address="10.0.9.9"))


def test_address_is_locked_for_every_account(client, users):
    # Guesses spread over several names from one address: no account reaches the limit, the
    # address does, and another account cannot sign in from it.
    names = [users[Role.DEPARTMENT].username, "nobody-1", "nobody-2"]
    for name in names[:LIMIT]:
        _post(client, name, "wrong", address="10.1.1.1")
    _assert_locked(_post(client, users[Role.LEADER].username, PASSWORD, address="10.1.1.1"))
    # The same account from elsewhere is not locked.
    response = _post(Client(), users[Role.LEADER].username, PASSWORD, address="10.2.2.2")
    assert response.status_code == 302


def test_successful_login_resets_the_count(client, users):
    user = users[Role.OFFICE]
    for _ in range(LIMIT - 1):
        _post(client, user.username, "wrong")
    assert _post(client, user.username, PASSWORD).status_code == 302
    client.post(reverse("web:logout"))
    # Counting starts again: without the reset the first of these would reach the limit.
    for _ in range(LIMIT - 1):
        assert _post(client, user.username, "wrong").status_code == 200
    _assert_locked(_post(client, user.username, "wrong"))


def test_logins_failures_logouts_and_lockouts_are_audited(client, users, zone):
    user = users[Role.OFFICE]
    assert _post(client, user.username, PASSWORD).status_code == 302
    client.post(reverse("web:logout"))
    for _ in range(LIMIT):
        _post(client, user.username, "wrong")
    _post(client, "no-such-user", "wrong", address="10.3.3.3")

    events = AuditEvent.objects.filter(object_type="registry.user")
    mine = events.filter(object_id=str(user.pk))
    assert mine.filter(verb="user.logged_in", actor=user, zone=zone).count() == 1
    assert mine.filter(verb="user.logged_out", actor=user, zone=zone).count() == 1
    assert mine.filter(verb="user.login_failed", actor=None, zone=zone).count() == LIMIT
    assert mine.filter(verb="user.locked_out", zone=zone).count() == 1
    unknown = events.get(verb="user.login_failed", object_id="no-such-user")
    assert unknown.zone is None and unknown.actor is None
    # Passwords never reach the trail.
    for event in AuditEvent.objects.all():
        assert "wrong" not in str(event.before) + str(event.after) + event.object_repr
        assert PASSWORD not in str(event.before) + str(event.after) + event.object_repr


def test_zone_office_sees_login_events_with_labels(client, users):
    user = users[Role.DEPARTMENT]
    anonymous = Client()
    for _ in range(LIMIT):
        _post(anonymous, user.username, "wrong")
    client.force_login(users[Role.OFFICE])
    html = client.get(reverse("web:audit_log")).content.decode()
    # The rows, not the verb filter (which lists every label).
    assert '<td class="nowrap">登录失败</td>' in html
    assert '<td class="nowrap">账号锁定</td>' in html


def test_administrator_unlocks_with_the_command(client, users):
    user = users[Role.OFFICE]
    for n in range(LIMIT):
        _post(client, user.username, "wrong", address=f"10.4.0.{n + 1}")
    _assert_locked(_post(client, user.username, PASSWORD, address="10.4.1.1"))
    call_command("axes_reset_username", user.username)
    assert _post(client, user.username, PASSWORD, address="10.4.1.1").status_code == 302


def test_administrator_unlocks_in_the_admin(client, users):
    from axes.models import AccessAttempt

    user = users[Role.OFFICE]
    for _ in range(LIMIT):
        _post(client, user.username, "wrong")
    _assert_locked(_post(client, user.username, PASSWORD))
    admin = Client()
    admin.force_login(users[Role.ADMIN])
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert user.username in admin.get(changelist).content.decode()
    ids = list(AccessAttempt.objects.values_list("pk", flat=True))
    response = admin.post(
        changelist,
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert _post(client, user.username, PASSWORD).status_code == 302
