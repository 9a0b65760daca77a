"""Every event the demo writes reads in Chinese: each key it records has a label, and neither the
audit page nor a home page shows a verb's code."""

from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from yingshang.audit import verbs
from yingshang.audit.display import SECRET_FIELDS, SKIPPED_FIELDS, field_label, verb_label
from yingshang.audit.models import AuditEvent
from yingshang.demo.build import build_demo
from yingshang.kernel.models import User

SIZE = 30
# The marker makes pytest-django create the test database for the module fixture; each test
# then runs in a savepoint inside the module's atomic block.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, once for the module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        build_demo(size=SIZE, seed=4)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def events(demo):
    return list(AuditEvent.objects.order_by("id"))


def test_every_key_the_demo_records_has_a_label(events):
    unnamed = set()
    for event in events:
        for key in {**(event.before or {}), **(event.after or {})}:
            if key in SKIPPED_FIELDS or key in SECRET_FIELDS:
                continue
            if field_label(key, verb=event.verb, object_type=event.object_type) is None:
                unnamed.add((event.verb, key))
    assert len(events) > 50
    assert not unnamed, f"keys without a Chinese label: {sorted(unnamed)}"


def test_every_verb_the_demo_records_has_a_label(events):
    found = {(e.verb, e.object_type) for e in events}
    assert len(found) > 15
    assert not [verb for verb, kind in found if verb_label(verb, kind) == verb]


class _VisibleText(HTMLParser):
    """The text a reader sees: no attributes, no scripts or styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def _visible(response) -> str:
    assert response.status_code == 200
    parser = _VisibleText()
    parser.feed(response.content.decode())
    return "\n".join(parser.parts)


def _raw_verbs(text: str, codes: set[str]) -> list[str]:
    return sorted(code for code in codes if code in text)


@pytest.fixture
def codes(events) -> set[str]:
    """Every verb code an event may carry: those stored, those registered, their old names."""
    stored = {e.verb for e in events}
    registered = set(verbs.labels())
    return stored | registered | {old for v in registered for old in verbs.spellings(v)}


def _client_for(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.mark.parametrize(
    "username", ["admin", "office", "dept_scjg", "leader", "enterprise", "supervisor"]
)
def test_home_pages_show_no_verb_code(username, codes):
    text = _visible(_client_for(username).get(reverse("web:home")))
    assert not _raw_verbs(text, codes)


@pytest.mark.parametrize("username", ["admin", "office"])
def test_the_audit_page_shows_no_verb_code_for_any_verb(username, events, codes):
    client = _client_for(username)
    pages = [client.get(reverse("web:audit_log"))]
    pages += [
        client.get(reverse("web:audit_log"), {"verb": verbs.current(verb)})
        for verb in sorted({e.verb for e in events})
    ]
    texts = [_visible(page) for page in pages]
    for text in texts:
        assert not _raw_verbs(text, codes)
    # Ids are names on the page: the departments of the plan's items, not their numbers.
    assert any("牵头部门：" in text for text in texts)
