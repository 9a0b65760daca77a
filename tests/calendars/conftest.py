from pathlib import Path

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from yingshang.calendars.selectors import reset_calendar_cache

MINIMAL_BASE = """<!doctype html><html lang="zh-hans">
<head><title>{% block title %}{% endblock %}</title></head>
<body><main>{% block content %}{% endblock %}</main></body></html>"""


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    """Each test starts without a cached calendar: rolled-back rows must not linger."""
    reset_calendar_cache()
    yield
    reset_calendar_cache()


@pytest.fixture
def base_template(settings, tmp_path: Path) -> None:
    """The site's base.html, or a minimal stand-in where the site has none yet."""
    try:
        get_template("base.html")
    except TemplateDoesNotExist:
        (tmp_path / "base.html").write_text(MINIMAL_BASE, encoding="utf-8")
        engine = dict(settings.TEMPLATES[0])
        engine["DIRS"] = [*engine["DIRS"], tmp_path]
        settings.TEMPLATES = [engine, *settings.TEMPLATES[1:]]
