"""The Content-Security-Policy allows no inline style, and nothing the site sends needs one.

The policy (settings.YINGSHANG_CSP) allows styles only from /static/. These tests check the
header, scan every template for a <style> element or a style attribute, check what base.html
tells htmx, and render each role's main pages of the demo and look for inline styles in them.
The browser check (tests/e2e/test_csp_pages.py) sees what scripts do on those pages.
"""

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.urls import reverse

import yingshang
from yingshang.demo import reference as ref
from yingshang.demo.build import build_demo
from yingshang.evaluation.models import EvaluationRun
from yingshang.kernel.models import Role, User, Zone
from yingshang.rectification.models import Plan, Task

PACKAGE = Path(yingshang.__file__).parent
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"(?<![\w-])style\s*=", re.IGNORECASE)
HTMX_CONFIG = re.compile(r"""<meta name="htmx-config" content='([^']*)'>""")


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


def inline_styles(text: str) -> list[str]:
    """Each <style element and style attribute of the text, with a little context."""
    found = []
    for pattern in (STYLE_ELEMENT, STYLE_ATTRIBUTE):
        for match in pattern.finditer(text):
            found.append(text[max(match.start() - 40, 0) : match.end() + 40])
    return found


# The header -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_policy_allows_styles_and_scripts_from_the_site_only(client):
    response = client.get(reverse("web:login"))
    policy = directives(response["Content-Security-Policy"])
    assert policy["style-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in settings.YINGSHANG_CSP


@pytest.mark.django_db
def test_static_files_carry_the_policy_too(client):
    response = client.get(f"{settings.STATIC_URL}css/app.css")
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


# Templates ------------------------------------------------------------------------------------


def templates() -> list[Path]:
    return sorted(PACKAGE.rglob("templates/**/*.html"))


def test_templates_are_found():
    names = {path.name for path in templates()}
    assert {"base.html", "calendar.html", "_bars.html", "unit_detail.html"} <= names


@pytest.mark.parametrize("path", templates(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_template_has_no_style_element_or_attribute(path: Path):
    assert inline_styles(path.read_text(encoding="utf-8")) == []


def test_the_scan_sees_both_kinds():
    text = '<style>p{}</style><p STYLE="x"><p data-style="ok"><p class="style">'
    assert len(inline_styles(text)) == 2


@pytest.mark.django_db
def test_htmx_is_told_not_to_add_its_indicator_style(client):
    html = client.get(reverse("web:login")).content.decode()
    config = HTMX_CONFIG.search(html)
    assert config is not None
    assert json.loads(config.group(1))["includeIndicatorStyles"] is False


def test_the_indicator_rules_are_in_the_sites_stylesheet():
    css = re.sub(r"\s+", " ", (PACKAGE / "static/css/app.css").read_text(encoding="utf-8"))
    assert ".htmx-indicator { opacity: 0; visibility: hidden; }" in css
    assert (
        ".htmx-request .htmx-indicator, .htmx-request.htmx-indicator { opacity: 1; "
        "visibility: visible; transition: opacity 200ms ease-in; }"
    ) in css


def test_the_calendar_and_rectification_rules_are_static_files():
    for name in ("calendar.css", "rectification.css", "evaluation.css"):
        assert (PACKAGE / "static/css" / name).is_file()
    evaluation = (PACKAGE / "static/css/evaluation.css").read_text(encoding="utf-8")
    for depth in range(7):
        assert f"th.indent-{depth} {{ padding-left:" in evaluation


# Rendered pages -------------------------------------------------------------------------------

USERNAMES = {
    Role.ADMIN: "admin",
    Role.OFFICE: "office",
    Role.DEPARTMENT: "dept_scjg",
    Role.LEADER: "leader",
    Role.ENTERPRISE: "enterprise",
    Role.SUPERVISOR: "supervisor",
}


@pytest.fixture
def demo(db):
    build_demo(size=40)
    zone = Zone.objects.get(code=ref.HOSTED_ZONE["code"])
    department = User.objects.get(username=USERNAMES[Role.DEPARTMENT]).department
    run = EvaluationRun.objects.filter(zone=zone).order_by("-id").first()
    task = Task.objects.filter(zone=zone, lead_department=department).order_by("id").first()
    plan = Plan.objects.filter(zone=zone).order_by("id").first()
    return {"zone": zone, "run": run, "task": task, "plan": plan}


def main_pages(role: str, demo: dict) -> list[str]:
    run = f"/evaluation/runs/{demo['run'].pk}/"
    evaluation = [run, f"{run}units/{quote(demo['zone'].name)}/", f"{run}what-if/"]
    rectification = [
        "/rectification/tasks/",
        "/rectification/tasks/board/",
        "/rectification/problems/",
        "/rectification/plans/",
        f"/rectification/plans/{demo['plan'].pk}/",
        f"/rectification/tasks/{demo['task'].pk}/",
    ]
    common = ["/", "/calendar/", "/calendar/?year=2030", "/notifications/"]
    leader = "/rectification/leader/"
    office = ["/registry/enterprises/", "/rectification/tasks/new/", "/audit/"]
    return {
        Role.ADMIN: [*common, *evaluation, *rectification, leader, "/audit/"],
        Role.OFFICE: [*common, *office, *evaluation, *rectification, leader],
        Role.DEPARTMENT: [*common, *evaluation, *rectification],
        Role.LEADER: [*common, *evaluation, *rectification, leader],
        Role.ENTERPRISE: [*common, "/registry/my-enterprise/"],
        Role.SUPERVISOR: common,
    }[role]


@pytest.mark.parametrize("role", list(USERNAMES))
def test_main_pages_render_without_inline_styles(client, demo, role):
    client.force_login(User.objects.get(username=USERNAMES[role]))
    found = {}
    for url in main_pages(role, demo):
        response = client.get(url)
        assert response.status_code == 200, url
        styles = inline_styles(response.content.decode())
        if styles:
            found[url] = styles
    assert found == {}


def test_unit_detail_indents_the_tree_by_class(client, demo):
    client.force_login(User.objects.get(username=USERNAMES[Role.OFFICE]))
    url = f"/evaluation/runs/{demo['run'].pk}/units/{quote(demo['zone'].name)}/"
    html = client.get(url).content.decode()
    rows = re.findall(r'<tr class="depth-(\d+)">\s*<th scope="row" class="indent-(\d+)">', html)
    assert rows, "the standings table has no indented rows"
    assert {depth for depth, _ in rows} >= {"0", "1", "2"}
    assert all(indent == str(min(int(depth), 6)) for depth, indent in rows)
