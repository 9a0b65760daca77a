"""Views and API operations never query the ORM themselves: they call a selector (reads) or a
service (writes), which scope the query and check permissions in one place.

The files held to it are the ones that answer requests: views.py, views_*.py and api.py, every
module inside a views/ or api/ package of the project, and whatever other module of the project
a URL pattern's view is defined in. What such a package may keep for other purposes (the shell's
api app has its token model, services and admin) is not a view.
"""

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

import yingshang

ROOT = Path(yingshang.__file__).resolve().parent
PROJECT = ROOT.parent
ORM_ATTRIBUTES = frozenset({"objects", "_default_manager", "_base_manager"})
VIEW_PACKAGES = frozenset({"views", "api"})
# Inside a views/ or api/ package: what is not a view (models, writes, reads, admin, commands).
NOT_VIEWS = frozenset({"models.py", "services.py", "selectors.py", "admin.py", "apps.py"})
NOT_VIEW_PACKAGES = frozenset({"migrations", "management", "models", "services", "selectors"})


def _is_view_file(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    packages, name = parts[:-1], parts[-1]
    if NOT_VIEW_PACKAGES & set(packages):
        return False
    if name in ("views.py", "api.py") or (name.startswith("views_") and name.endswith(".py")):
        return True
    return bool(VIEW_PACKAGES & set(packages)) and name not in NOT_VIEWS


def _url_view_modules() -> set[Path]:
    """The project's modules that define a view some URL pattern routes to (the admin site's
    model admins excepted: they are Django's own views over the models)."""
    from django.urls import URLResolver, get_resolver

    def callbacks(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace != "admin":
                    yield from callbacks(pattern.url_patterns)
            else:
                yield pattern.callback

    modules = set()
    for callback in callbacks(get_resolver().url_patterns):
        view = getattr(callback, "view_class", None) or callback
        module = getattr(view, "__module__", "") or ""
        if module.startswith("yingshang."):
            modules.add(Path(importlib.import_module(module).__file__).resolve())
    return modules


def view_files() -> list[Path]:
    named = {p for p in ROOT.rglob("*.py") if _is_view_file(p)}
    return sorted(named | _url_view_modules())


def orm_uses(source: str) -> Iterator[tuple[int, str]]:
    """(line, expression) of every `.objects` / `._default_manager` access in the source."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in ORM_ATTRIBUTES:
            yield node.lineno, ast.unparse(node)


def _area(path: Path) -> str:
    return path.relative_to(ROOT).parts[0]


AREAS = ("api", "appeals", "calendars", "enterprises", "evaluation", "rectification", "web")
"""One test per area, so that each shows its own list; a new area must be added here."""


@pytest.mark.parametrize("area", AREAS)
def test_views_and_api_call_no_orm(area):
    violations = [
        f"{path.relative_to(PROJECT)}:{line}: {expression}"
        for path in view_files()
        if _area(path) == area
        for line, expression in sorted(orm_uses(path.read_text(encoding="utf-8")))
    ]
    assert not violations, "ORM in a view or API module (move it to a selector or a service):\n" + (
        "\n".join(violations)
    )


def test_the_scan_finds_the_view_and_api_modules():
    names = {str(p.relative_to(ROOT)) for p in view_files()}
    assert {"web/views.py", "calendars/views.py", "api/me.py", "api/root.py"} <= names
    assert "web/notifications.py" in names  # not named as a view, but routed to
    assert not {"api/models.py", "api/services.py", "kernel/selectors.py"} & names
    assert {_area(p) for p in view_files()} <= set(AREAS)


def test_the_scan_sees_a_manager_however_it_is_reached():
    source = (
        "def view(request):\n"
        "    a = Task.objects.filter(pk=1)\n"
        "    b = apps.get_model('x.Y')._default_manager.all()\n"
        "    return (lambda: Problem.objects)()\n"
    )
    assert [line for line, _ in orm_uses(source)] == [2, 3, 4]
    assert (
        list(orm_uses("def view(request):\n    return selectors.tasks_for(request.user)\n")) == []
    )
