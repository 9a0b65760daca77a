"""The homes' "recent changes" are people's work: building the demo never appears there, while
the audit trail keeps it."""

import pytest
from django.urls import reverse

from yingshang.audit.selectors import audit_page
from yingshang.audit.services import record_event
from yingshang.demo.build import BUILT_VERB, build_demo
from yingshang.kernel.models import Role, User


@pytest.mark.parametrize("role", [Role.ADMIN, Role.OFFICE])
def test_demo_built_event_stays_off_the_home(client_for, users, zone, enterprise, role):
    record_event(actor=users[Role.OFFICE], verb="enterprise.updated", obj=enterprise, zone=zone)
    record_event(actor=None, verb=BUILT_VERB, obj=zone, zone=zone, reason="生成演示数据")
    response = client_for(role).get(reverse("web:home"))
    verbs = [event.verb for event in response.context["recent_events"]]
    assert verbs == ["enterprise.updated"]
    assert BUILT_VERB not in response.content.decode()
    # The trail itself keeps the event.
    kept, _cursor = audit_page(user=users[role])
    assert BUILT_VERB in [event.verb for event in kept]


def test_the_built_demo_shows_no_demo_event_on_any_home(client, db):
    build_demo(size=40, seed=3)
    for user in User.objects.filter(username__in=["admin", "office", "leader", "enterprise"]):
        client.force_login(user)
        response = client.get(reverse("web:home"))
        assert response.status_code == 200
        assert BUILT_VERB not in response.content.decode(), user.username
        events = response.context.get("recent_events")
        if user.role in (Role.ADMIN, Role.OFFICE):
            # The demo's rectification work is there, its build is not.
            assert events and BUILT_VERB not in [event.verb for event in events]
