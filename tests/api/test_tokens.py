from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from tests.api.conftest import ApiClient
from yingshang.api.models import ApiToken
from yingshang.api.services import hash_token, issue_token, revoke_token
from yingshang.audit.models import AuditEvent
from yingshang.kernel.models import Role


def test_issue_token_audits_without_the_secret(users):
    office, admin = users[Role.OFFICE], users[Role.ADMIN]
    token, plaintext = issue_token(user=office, name="数据中台", actor=admin)
    assert token.user == office
    assert token.token_hash == hash_token(plaintext)
    event = AuditEvent.objects.get(verb="apitoken.issued", object_id=str(token.pk))
    assert event.actor == admin
    assert event.zone_id == office.zone_id
    assert event.after["name"] == "数据中台"
    assert plaintext not in str(event.after) and token.token_hash not in str(event.after)


def test_tokens_are_distinct(users):
    plaintexts = {issue_token(user=users[Role.OFFICE], name="t")[1] for _ in range(5)}
    assert len(plaintexts) == 5


def test_revoke_token_audits_once(users):
    token, _ = issue_token(user=users[Role.OFFICE], name="临时")
    revoke_token(token=token, actor=users[Role.ADMIN], reason="人员调离")
    revoke_token(token=token, actor=users[Role.ADMIN])
    token.refresh_from_db()
    assert token.revoked_at is not None
    [event] = AuditEvent.objects.filter(verb="apitoken.revoked")
    assert event.reason == "人员调离"


def test_no_token_for_an_inactive_user_or_a_past_expiry(users, make_user):
    inactive = make_user(Role.LEADER, zone=users[Role.LEADER].zone, is_active=False)
    with pytest.raises(ValidationError):
        issue_token(user=inactive, name="x")
    with pytest.raises(ValidationError):
        issue_token(user=users[Role.OFFICE], name="x", expires_at=timezone.now())
    assert not ApiToken.objects.exists()


def test_create_token_command_prints_the_token_once(users):
    office = users[Role.OFFICE]
    out, err = StringIO(), StringIO()
    call_command("create_token", office.username, name="对接", days=30, stdout=out, stderr=err)
    plaintext = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert token.token_hash == hash_token(plaintext)
    assert token.name == "对接"
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert "只显示这一次" in err.getvalue()
    assert ApiClient(plaintext).get("/api/me").json()["username"] == office.username
    assert AuditEvent.objects.filter(verb="apitoken.issued", actor=None).count() == 1


def test_create_token_command_is_found_under_its_hyphenated_name(users):
    from django.core.management import get_commands

    assert get_commands()["create_token"] == "yingshang.api"
    out = StringIO()
    call_command("create_token", users[Role.LEADER].username, stdout=out, stderr=StringIO())
    assert ApiToken.objects.get().expires_at is None
    assert ApiClient(out.getvalue().strip()).get("/api/me").status_code == 200


def test_create_token_command_refuses_unknown_and_inactive_users(users):
    with pytest.raises(CommandError, match="不存在"):
        call_command("create_token", "nobody", stdout=StringIO(), stderr=StringIO())
    leader = users[Role.LEADER]
    leader.is_active = False
    leader.save()
    with pytest.raises(CommandError, match="已停用"):
        call_command("create_token", leader.username, stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError):
        call_command("create_token", users[Role.OFFICE].username, days=0, stdout=StringIO())


def test_admin_shows_tokens_read_only_and_revokes_with_audit(users):
    token, _ = issue_token(user=users[Role.OFFICE], name="后台查看")
    client = Client()
    client.force_login(users[Role.ADMIN])
    changelist = client.get("/admin/api/apitoken/")
    assert changelist.status_code == 200
    assert token.prefix in changelist.content.decode()
    change = client.get(f"/admin/api/apitoken/{token.pk}/change/")
    assert change.status_code == 200
    assert 'name="token_hash"' not in change.content.decode()
    assert client.get("/admin/api/apitoken/add/").status_code == 403
    response = client.post(
        "/admin/api/apitoken/",
        {"action": "revoke_selected", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.get(verb="apitoken.revoked").actor == users[Role.ADMIN]


def test_admin_edit_is_audited(users):
    token, _ = issue_token(user=users[Role.OFFICE], name="旧名")
    client = Client()
    client.force_login(users[Role.ADMIN])
    response = client.post(
        f"/admin/api/apitoken/{token.pk}/change/",
        {"name": "新名", "expires_at_0": "", "expires_at_1": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(verb="apitoken.updated")
    assert (event.before, event.after) == ({"name": "旧名"}, {"name": "新名"})
