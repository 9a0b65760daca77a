"""Fixtures of the appeal tests: the people of a case, appeals taken in as the office takes them,
and the default kinds back after a transactional test's flush.

Dates are in the 2025 National Day season of the seeded calendar: 2025-10-01..10-08 off,
Sunday 09-28 and Saturday 10-11 worked.
"""

import datetime as dt
from importlib import import_module

import pytest

from yingshang.kernel.models import Department, Role

D = dt.date
RECEIVED = D(2025, 9, 29)  # acceptance deadline 10-10


@pytest.fixture(autouse=True)
def _default_kinds(db):
    from django.apps import apps

    if not apps.get_model("appeals", "AppealKind").objects.filter(zone=None).exists():
        import_module("yingshang.appeals.migrations.0002_default_kinds").seed(apps, None)


@pytest.fixture
def office(users):
    return users[Role.OFFICE]


@pytest.fixture
def department_user(users):
    """Staff of 市场监管 (scjg)."""
    return users[Role.DEPARTMENT]


@pytest.fixture
def leader(users):
    return users[Role.LEADER]


@pytest.fixture
def enterprise_user(users):
    return users[Role.ENTERPRISE]


@pytest.fixture
def other_department_user(zone, departments, make_user):
    """Staff of 行政审批 (xzsp), another department of the zone."""
    return make_user(Role.DEPARTMENT, zone=zone, department=departments["xzsp"])


@pytest.fixture
def make_appeal(office, zone, enterprise):
    """make_appeal(**fields): a complaint of the zone's enterprise taken in by the office."""
    from yingshang.appeals.services.intake import receive_appeal

    def make(**fields):
        fields.setdefault("kind", "complaint")
        fields.setdefault("title", "办理施工许可被多次要求补充材料")
        fields.setdefault("content", "同一材料被要求重复提交三次。")
        fields.setdefault("channel", "phone")
        fields.setdefault("enterprise", enterprise)
        fields.setdefault("applicant_name", "张三")
        fields.setdefault("applicant_phone", "13812345678")
        fields.setdefault("applicant_id_number", "410105199001011234")
        fields.setdefault("received_on", RECEIVED)
        actor = fields.pop("actor", office)
        return receive_appeal(actor=actor, zone=zone, **fields)

    return make


@pytest.fixture
def dispatched(make_appeal, office, departments):
    """An appeal accepted on 09-30 and dispatched to 市场监管 the same day."""
    from yingshang.appeals.services import workflow

    appeal = make_appeal()
    appeal = workflow.accept(
        actor=office, appeal_id=appeal.pk, expected_version=appeal.version, today=D(2025, 9, 30)
    )
    return workflow.dispatch(
        actor=office,
        appeal_id=appeal.pk,
        expected_version=appeal.version,
        department=departments["scjg"],
        category="城乡建设",
        today=D(2025, 9, 30),
    )


@pytest.fixture
def handling(dispatched, department_user):
    from yingshang.appeals.services import workflow

    return workflow.start(
        actor=department_user, appeal_id=dispatched.pk, expected_version=dispatched.version
    )


@pytest.fixture
def visited(handling, department_user, office):
    from yingshang.appeals.services import feedback
    from yingshang.appeals.services import handling as actions

    appeal = actions.reply(
        actor=department_user,
        appeal_id=handling.pk,
        expected_version=handling.version,
        text="已协调审批局一次性告知所需材料。",
        today=D(2025, 10, 10),
    )
    return feedback.visit(
        actor=office,
        appeal_id=appeal.pk,
        expected_version=appeal.version,
        note="电话回访，企业确认已收到答复。",
        today=D(2025, 10, 11),
    )


@pytest.fixture
def other_zone_department(other_zone):
    return Department.objects.create(zone=other_zone, code="lyjg", name="洛阳市场监管局")
