"""Building the demo in the database, the `demo` command, its reset guard and the server."""

import io
import os
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, RequestFactory

from yingshang.audit.models import AuditEvent
from yingshang.demo import reference as ref
from yingshang.demo.build import BUILT_VERB, build_demo, demo_accounts
from yingshang.demo.management.commands.demo import display_width, format_table
from yingshang.demo.reset import ResetRefused, check_resettable
from yingshang.kernel.models import (
    Department,
    Enterprise,
    Qualification,
    Role,
    User,
    Zone,
)
from yingshang.web.management.commands.serve import serving_warnings, site_url

SIZE = 300


def counts() -> dict[str, int]:
    return {
        "zones": Zone.objects.count(),
        "departments": Department.objects.count(),
        "users": User.objects.count(),
        "enterprises": Enterprise.objects.count(),
        "qualifications": Qualification.objects.count(),
        "events": AuditEvent.objects.filter(verb=BUILT_VERB).count(),
    }


@pytest.fixture
def demo(db):
    return build_demo(size=SIZE, seed=3)


def test_build_creates_zones_departments_enterprises_and_one_event(demo):
    assert Zone.objects.filter(hosted=True).get() == demo.zone
    assert demo.zone.code == "zzgx" and demo.zone.name == "郑州高新技术产业开发区"
    assert Zone.objects.filter(hosted=False).count() == 17
    assert demo.zone.departments.count() == len(ref.DEPARTMENTS)
    assert demo.zone.departments.get(is_office=True).name == "行政审批服务局"
    assert demo.zone.enterprises.count() == SIZE == demo.enterprises
    assert Qualification.objects.count() == demo.qualifications > 0
    assert Enterprise.objects.exclude(industry_section="").count() == SIZE
    event = AuditEvent.objects.get(verb=BUILT_VERB)
    assert event.zone == demo.zone
    assert event.after["size"] == SIZE


def test_every_role_has_an_account_that_can_log_in(demo):
    for row in ref.ACCOUNTS:
        user = User.objects.get(username=row["username"])
        assert user.role == row["role"]
        user.full_clean()
        # The login protection backend needs the request the attempt came with.
        assert Client().login(
            request=RequestFactory().post("/login/"),
            username=row["username"],
            password=ref.demo_password(user.username),
        )
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    office = User.objects.get(username="office")
    assert office.department.is_office and office.zone == demo.zone
    assert not office.is_staff
    enterprise_user = User.objects.get(role=Role.ENTERPRISE)
    assert enterprise_user.enterprise.zone == demo.zone
    assert enterprise_user.full_name == enterprise_user.enterprise.contact_name
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)


def test_accounts_listing_shows_passwords_and_units(demo):
    accounts = {a.username: a for a in demo_accounts()}
    assert accounts["office"].password == "Demo-office-2026"
    assert accounts["office"].unit == "行政审批服务局"
    assert accounts["dept_scjg"].unit == "市场监督管理局高新区分局"
    assert all(a.exists for a in accounts.values())


def test_same_seed_builds_the_same_registry(db):
    build_demo(size=50, seed=9)
    first = list(Enterprise.objects.order_by("id").values_list("uscc", "name", "status"))
    assert len(first) == 50
    assert first == sorted(first, key=first.index)
    from yingshang.enterprises.demo.generate import generate_enterprises

    expected = [(r["uscc"], r["name"], r["status"]) for r in generate_enterprises(9, 50)]
    assert first == expected


def test_building_twice_is_refused(demo):
    with pytest.raises(ValueError, match="已存在"):
        build_demo(size=10)


def test_demo_command_twice_builds_once(db):
    first, second = io.StringIO(), io.StringIO()
    call_command("demo", "--size", "200", "--no-serve", stdout=first)
    after_first = counts()
    call_command("demo", "--size", "200", "--no-serve", stdout=second)
    assert counts() == after_first
    assert after_first["enterprises"] == 200
    assert after_first["zones"] == 18
    assert after_first["events"] == 1
    assert "Demo-office-2026" in first.getvalue()
    assert "已存在" in second.getvalue()
    assert "http://127.0.0.1:8000/" in second.getvalue()


def test_demo_command_rejects_a_bad_size(db):
    with pytest.raises(CommandError):
        call_command("demo", "--size", "0", "--no-serve", stdout=io.StringIO())


def test_reset_is_refused_on_a_database_the_demo_did_not_build(db, zone):
    with pytest.raises(ResetRefused, match="不是由演示命令生成"):
        check_resettable()
    with pytest.raises(CommandError, match="拒绝重置"):
        call_command("demo", "--reset", "--no-input", "--no-serve", stdout=io.StringIO())
    assert Zone.objects.filter(pk=zone.pk).exists()


def test_reset_is_refused_in_production(demo, settings):
    settings.PRODUCTION = True
    with pytest.raises(ResetRefused, match="生产环境"):
        check_resettable()


def test_reset_asks_and_a_no_changes_nothing(demo, monkeypatch):
    before = counts()
    monkeypatch.setattr("builtins.input", lambda question: "no")
    with pytest.raises(CommandError, match="已取消"):
        call_command("demo", "--reset", "--no-serve", stdout=io.StringIO())
    assert counts() == before


def test_reset_of_a_demo_database_lists_its_tables(demo):
    tables = check_resettable()
    assert "registry_enterprise" in tables and "audit_auditevent" in tables


def test_table_pads_chinese_by_display_width():
    table = format_table(["用户名", "角色"], [["office", "营商办"], ["a", "b"]])
    lines = table.splitlines()
    assert display_width("营商办") == 6
    header, _rule, first = lines[:3]
    assert display_width(header[: header.index("角色")]) == len(first[: first.index("营商办")])


def test_site_url_and_warnings(settings):
    assert site_url("0.0.0.0", 8000) == "http://127.0.0.1:8000/"
    assert site_url("::1", 9000) == "http://[::1]:9000/"
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    assert serving_warnings("127.0.0.1") == []
    assert "YINGSHANG_ALLOWED_HOSTS" in serving_warnings("0.0.0.0")[0]
    assert "HTTP 400" in serving_warnings("192.168.1.9")[0]


def test_waitress_serves_static_files_through_whitenoise(db):
    from waitress import create_server

    from yingshang.config.wsgi import application

    server = create_server(application, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        port = server.effective_port
        url = f"http://127.0.0.1:{port}/static/admin/css/base.css"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200
            assert "text/css" in response.headers["Content-Type"]
            assert len(response.read()) > 1000
    finally:
        server.close()
        thread.join(timeout=5)


def test_command_line_demo_builds_reuses_and_resets(tmp_path: Path):
    """The real command, in its own process and data directory, from an empty database."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["YINGSHANG_DATA_DIR"] = str(tmp_path)

    def demo(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "yingshang", "demo", "--size", "60", "--no-serve", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "正在生成演示数据" in demo()
    assert "已存在" in demo()
    out = demo("--reset", "--no-input")
    assert "已清空数据库" in out and "正在生成演示数据" in out
    assert (tmp_path / "yingshang.sqlite3").exists()
