"""Logging in and out, and changing the password."""

from django.urls import reverse

from yingshang.audit.models import AuditEvent
from yingshang.kernel.models import Role

PASSWORD = "Yingshang-2026"


def test_login_page_is_chinese(client, db):
    response = client.get(reverse("web:login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-CN"' in html
    assert "用户名" in html and "密码" in html and "登录" in html


def test_wrong_password_shows_chinese_error(client, users):
    user = users[Role.OFFICE]
    response = client.post(reverse("web:login"), {"username": user.username, "password": "nope"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_then_home(client, users):
    user = users[Role.OFFICE]
    response = client.post(
        reverse("web:login"), {"username": user.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("web:home")
    assert "营商办工作台" in response.content.decode()


def test_login_follows_next(client, users):
    user = users[Role.OFFICE]
    target = reverse("registry:enterprise_list")
    response = client.post(
        reverse("web:login"),
        {"username": user.username, "password": PASSWORD, "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == target


def test_logout_needs_post(client, users):
    client.force_login(users[Role.OFFICE])
    assert client.get(reverse("web:logout")).status_code == 405
    response = client.post(reverse("web:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:login")
    assert client.get(reverse("web:home")).status_code == 302


def test_top_bar_has_logout_form_with_csrf(client, users):
    client.force_login(users[Role.LEADER])
    html = client.get(reverse("web:home")).content.decode()
    assert f'action="{reverse("web:logout")}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "X-CSRFToken" in html
    assert users[Role.LEADER].zone.name in html
    assert "领导" in html
    assert "修改密码" in html


def test_password_change(client, users):
    user = users[Role.DEPARTMENT]
    client.force_login(user)
    url = reverse("web:password_change")
    assert "修改密码" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "Another-Strong-2027",
            "new_password2": "Another-Strong-2027",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("web:home")
    assert "密码已修改" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("Another-Strong-2027")
    event = AuditEvent.objects.get(verb="user.password_changed", object_id=str(user.pk))
    assert event.actor == user
    assert user.password not in str(event.before) + str(event.after)


def test_password_change_rejects_wrong_old_password(client, users):
    client.force_login(users[Role.DEPARTMENT])
    response = client.post(
        reverse("web:password_change"),
        {
            "old_password": "wrong",
            "new_password1": "X-2027-abcdef",
            "new_password2": "X-2027-abcdef",
        },
    )
    assert response.status_code == 200
    assert "旧密码不正确" in response.content.decode()
