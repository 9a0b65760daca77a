"""The admin site in Chinese: registry models registered, every edit audited."""

import pytest
from django.urls import reverse

from yingshang.audit.models import AuditEvent
from yingshang.kernel.models import Department, Enterprise, Role, User
from yingshang.lib.admin import COUNT_CAP, CappedCountPaginator


@pytest.fixture
def admin_client_(client, users):
    client.force_login(users[Role.ADMIN])
    return client


def _enterprise_post(enterprise, **changes):
    data = {
        "uscc": enterprise.uscc,
        "name": enterprise.name,
        "zone": enterprise.zone_id,
        "entity_type": enterprise.entity_type,
        "status": enterprise.status,
        "qualifications-TOTAL_FORMS": "0",
        "qualifications-INITIAL_FORMS": "0",
        "qualifications-MIN_NUM_FORMS": "0",
        "qualifications-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_admin_pages_are_chinese(admin_client_):
    html = admin_client_.get(reverse("admin:index")).content.decode()
    assert "营商环境工作平台" in html
    for label in ("功能区", "部门", "用户", "市场主体", "资质类型", "企业资质"):
        assert label in html


@pytest.mark.parametrize(
    "model", ["zone", "department", "user", "enterprise", "qualificationkind", "qualification"]
)
def test_changelists_open(admin_client_, enterprise, model):
    url = reverse(f"admin:registry_{model}_changelist")
    assert admin_client_.get(url).status_code == 200
    assert admin_client_.get(url, {"q": "测试"}).status_code == 200


def test_enterprise_admin_search_by_name_and_code(admin_client_, enterprise, other_enterprise):
    url = reverse("admin:registry_enterprise_changelist")
    found = admin_client_.get(url, {"q": "洛阳测试"}).context["cl"].result_list
    assert list(found) == [other_enterprise]
    found = admin_client_.get(url, {"q": enterprise.uscc[:12]}).context["cl"].result_list
    assert enterprise in list(found)


def test_enterprise_admin_edit_writes_an_audit_event(admin_client_, users, enterprise):
    url = reverse("admin:registry_enterprise_change", args=[enterprise.pk])
    assert admin_client_.get(url).status_code == 200
    response = admin_client_.post(url, _enterprise_post(enterprise, address="郑州市科学大道100号"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    enterprise.refresh_from_db()
    assert enterprise.address == "郑州市科学大道100号"
    assert enterprise.version == 2
    event = AuditEvent.objects.get(object_id=str(enterprise.pk), verb="enterprise.updated")
    assert event.actor == users[Role.ADMIN]
    assert event.reason == "管理后台"
    assert event.after["address"] == "郑州市科学大道100号"
    assert event.zone_id == enterprise.zone_id


def test_admin_edit_shows_in_the_enterprise_timeline(admin_client_, enterprise):
    url = reverse("admin:registry_enterprise_change", args=[enterprise.pk])
    admin_client_.post(url, _enterprise_post(enterprise, contact_name="王经理"))
    html = admin_client_.get(reverse("registry:enterprise_detail", args=[enterprise.pk]))
    assert "王经理" in html.content.decode()
    assert "管理后台" in html.content.decode()


def test_admin_adds_a_department_user(admin_client_, zone, departments):
    response = admin_client_.post(
        reverse("admin:registry_user_add"),
        {
            "username": "dept_new",
            "usable_password": "true",
            "password1": "Strong-Password-2026",
            "password2": "Strong-Password-2026",
            "full_name": "赵部门",
            "role": Role.DEPARTMENT,
            "zone": zone.pk,
            "department": departments["scjg"].pk,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(username="dept_new")
    assert (user.role, user.zone, user.department) == (Role.DEPARTMENT, zone, departments["scjg"])
    created = AuditEvent.objects.get(verb="user.created", object_id=str(user.pk))
    assert "password" not in created.after
    assert user.password not in str(created.after)


def test_admin_password_reset_is_audited(admin_client_, users):
    target = users[Role.LEADER]
    response = admin_client_.post(
        reverse("admin:auth_user_password_change", args=[target.pk]),
        {"password1": "Reset-Strong-2027", "password2": "Reset-Strong-2027"},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.check_password("Reset-Strong-2027")
    event = AuditEvent.objects.get(verb="user.password_reset", object_id=str(target.pk))
    assert event.actor == users[Role.ADMIN]
    assert event.after is None


def test_user_admin_checks_role_rules(admin_client_, zone):
    response = admin_client_.post(
        reverse("admin:registry_user_add"),
        {
            "username": "dept_without_department",
            "usable_password": "true",
            "password1": "Strong-Password-2026",
            "password2": "Strong-Password-2026",
            "role": Role.DEPARTMENT,
            "zone": zone.pk,
        },
    )
    assert response.status_code == 200
    assert "部门用户必须属于一个部门" in response.content.decode()


def test_department_admin_edit_is_audited(admin_client_, departments):
    department = departments["scjg"]
    url = reverse("admin:registry_department_change", args=[department.pk])
    response = admin_client_.post(
        url,
        {
            "zone": department.zone_id,
            "code": department.code,
            "name": department.name,
            "short_name": "市场监管",
            "sort_order": 5,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Department.objects.get(pk=department.pk).short_name == "市场监管"
    assert AuditEvent.objects.filter(verb="department.updated").exists()


def test_non_staff_cannot_open_admin(client, users):
    client.force_login(users[Role.OFFICE])
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_capped_paginator_counts_at_most_the_cap(enterprise):
    paginator = CappedCountPaginator(Enterprise.objects.order_by("-id"), 100)
    assert paginator.count == 1
    assert COUNT_CAP >= 1000
