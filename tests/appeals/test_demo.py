"""The demo's appeals: every state of the workflow, each case's dates in the order of its story,
the department account's and the enterprise account's own cases, and the messages free of
people's numbers."""

import datetime as dt
import re

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from tests.demo.conftest import build
from yingshang.appeals.demo_texts import demo_corpus
from yingshang.appeals.models import (
    Appeal,
    AppealRecord,
    Escalation,
    Extension,
    Rating,
    RatingRectification,
    Suspension,
)
from yingshang.audit.models import AuditEvent
from yingshang.core.appeals.kinds import Channel
from yingshang.core.appeals.workflow import HANDLING_CLOCK_STATES, State
from yingshang.kernel.models import User

pytestmark = pytest.mark.django_db

ENDINGS = (None, dt.date(2025, 10, 10))  # today, and a day just after the National Day holiday
DATE_ORDER = ("received_on", "accepted_on", "dispatched_on", "replied_on", "closed_on")
PHONE = re.compile(r"1[3-9]\d{9}")


@pytest.fixture(scope="module", params=ENDINGS, ids=["ends-today", "ends-2025-10-10"])
def story(request, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build(request.param)
        transaction.set_rollback(True)


def appeals(story):
    return Appeal.objects.filter(zone=story.zone)


def day_of(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def test_every_state_of_the_workflow_is_in_the_demo(story):
    states = set(appeals(story).values_list("state", flat=True))
    assert states == {state.value for state in State}
    assert 50 <= appeals(story).count() <= 70
    assert set(appeals(story).values_list("channel", flat=True)) == {c.value for c in Channel}
    assert appeals(story).filter(anonymous=True, applicant_name="").exists()
    supervisor = User.objects.get(username="supervisor")
    watched = appeals(story).filter(channel=Channel.SUPERVISOR)
    assert set(watched.values_list("applicant_name", flat=True)) == {supervisor.full_name}


def test_the_story_has_its_particular_cases(story):
    cases = appeals(story)
    assert cases.filter(deemed_accepted=True).count() == 1
    assert AuditEvent.objects.filter(verb="appeal.deemed_accepted").count() == 1
    assert cases.filter(state=State.REJECTED, rejection_reason__gt="").count() == 1
    assert AuditEvent.objects.filter(verb="appeal.rejected").count() == 1
    merged = cases.get(state=State.MERGED)
    assert merged.merged_into.title == merged.title
    reopened = cases.filter(reopen_count=1)
    assert {a.state for a in reopened} == {State.HANDLING}
    # One by the system at once (a subjective 差评), one by the office after a 差评.
    assert sorted(a.ratings.get().subjective for a in reopened) == [False, True]
    assert {a.records.get(action="reopen").actor_id is None for a in reopened} == {True, False}
    running = cases.filter(state__in=[s.value for s in HANDLING_CLOCK_STATES])
    assert running.filter(overdue=True, handling_deadline__lt=story.today).count() == 1
    assert running.filter(due_soon=True, handling_deadline__gte=story.today).count() >= 1
    open_rectification = RatingRectification.objects.filter(
        rating__appeal__zone=story.zone, status=RatingRectification.Status.OPEN
    )
    assert open_rectification.filter(deadline__gt=story.today).count() == 1
    assert Extension.objects.filter(appeal__zone=story.zone, status="pending").count() == 1
    assert Extension.objects.filter(appeal__zone=story.zone, status="approved").count() == 1
    assert Suspension.objects.filter(appeal__zone=story.zone, resumed_on=None).count() == 1
    assert Escalation.objects.filter(appeal__zone=story.zone, step="notice").exists()


def test_dates_follow_the_story(story):
    window_start = story.today - dt.timedelta(days=70)
    for appeal in appeals(story):
        dates = [getattr(appeal, name) for name in DATE_ORDER if getattr(appeal, name)]
        assert dates == sorted(dates), appeal.number
        assert window_start <= appeal.received_on <= story.today, appeal.number
        assert all(day <= story.today for day in dates), appeal.number
        if appeal.dispatched_on:
            assert appeal.accepted_on is not None, appeal.number
        records = list(appeal.records.order_by("id"))
        moments = [appeal.created_at, *(r.created_at for r in records)]
        assert moments == sorted(moments), appeal.number
        assert day_of(appeal.created_at) == appeal.received_on, appeal.number
        assert all(m <= story.built_at for m in moments), appeal.number
    for record in AppealRecord.objects.filter(appeal__zone=story.zone, action="reply"):
        assert day_of(record.created_at) == record.appeal.replied_on or record.appeal.reopen_count


def test_ratings_come_after_the_visit(story):
    for rating in Rating.objects.filter(appeal__zone=story.zone).select_related("appeal"):
        visit = rating.appeal.visits.order_by("id").first()
        assert visit is not None and visit.visited_on <= rating.rated_on


def test_the_department_account_has_cases_and_some_are_the_enterprise_accounts(story):
    department = User.objects.get(username="dept_scjg")
    enterprise = User.objects.get(username="enterprise")
    theirs = appeals(story).filter(lead_department=department.department)
    assert theirs.count() >= 4
    own = appeals(story).filter(enterprise=enterprise.enterprise)
    assert own.count() >= 4
    assert own.filter(channel=Channel.ONLINE, created_by=enterprise).exists()
    # The case the department account works on: the enterprise account's own, being handled.
    assert theirs.filter(enterprise=enterprise.enterprise, state=State.HANDLING).exists()
    assert theirs.filter(enterprise=enterprise.enterprise, state=State.DISPATCHED).exists()
    # Other departments' cases reach their own department accounts.
    assert appeals(story).filter(lead_department__code="kjj").exists()
    assert appeals(story).filter(lead_department__code="zrgh").exists()


def test_the_messages_read_as_the_demo_zone_and_carry_no_numbers():
    corpus = demo_corpus()
    for text in (*corpus.texts, *corpus.twins):
        whole = text.title + text.content
        assert not PHONE.search(whole), text.title
        assert not re.search(r"[*＊]|A\d*[市区县]|西地省", whole), text.title
        assert len(text.content) <= 162, text.title
    assert corpus.twins[0].title == corpus.twins[1].title
    assert len(corpus.texts) >= 55


def test_the_office_can_open_every_demo_appeal(story):
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="office"))
    statuses = {a.number: client.get(f"/appeals/{a.pk}/").status_code for a in appeals(story)}
    assert {number: status for number, status in statuses.items() if status != 200} == {}
