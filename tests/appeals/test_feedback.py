"""Ratings, the 差评 rectification clock and its dispute, reopening, closing, extensions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yingshang.appeals.models import Extension, RatingRectification, ReturnVisit
from yingshang.appeals.services import extensions, feedback
from yingshang.appeals.services import handling as actions
from yingshang.audit.models import AuditEvent

D = dt.date


def test_return_visit_on_the_next_working_day(visited):
    visit = ReturnVisit.objects.get(appeal=visited)
    assert (visited.state, visited.visit_deadline) == ("visited", D(2025, 10, 11))
    assert visit.on_time and visit.visited_on == D(2025, 10, 11)


def test_a_good_rating_by_the_enterprise_then_closing(visited, enterprise_user, office):
    rating = feedback.rate(
        actor=enterprise_user,
        appeal_id=visited.pk,
        expected_version=visited.version,
        level="满意",
        today=D(2025, 10, 13),
    )
    assert (rating.level, rating.on_behalf) == ("satisfied", False)
    assert not RatingRectification.objects.exists()
    rating.appeal.refresh_from_db()
    appeal = actions.close(
        actor=office, appeal_id=visited.pk, expected_version=rating.appeal.version
    )
    assert appeal.state == "closed" and appeal.closed_on is not None


def test_an_objective_bad_rating_starts_the_rectification_clock(visited, office):
    rating = feedback.rate(
        actor=office,
        appeal_id=visited.pk,
        expected_version=visited.version,
        level="very_dissatisfied",
        reason="政策限制无法办理",
        today=D(2025, 9, 30),
    )
    rating.appeal.refresh_from_db()
    assert rating.appeal.state == "rated" and rating.appeal.reopen_count == 0
    # 5 working days after 09-30: 10-09, 10-10, 10-11, 10-13, 10-14
    assert rating.rectification.deadline == D(2025, 10, 14)
    assert rating.on_behalf


def test_a_subjective_bad_rating_reopens_the_case(visited, office, department_user):
    rating = feedback.rate(
        actor=office,
        appeal_id=visited.pk,
        expected_version=visited.version,
        level="dissatisfied",
        reason="答复敷衍，问题未解决",
        subjective=True,
        today=D(2025, 10, 13),
    )
    appeal = rating.appeal
    appeal.refresh_from_db()
    assert (appeal.state, appeal.reopen_count) == ("handling", 1)
    assert appeal.replied_on is None and appeal.visit_deadline is None
    # the clock restarts: 13 working days after 10-13
    assert appeal.handling_deadline == D(2025, 10, 30)
    verbs = (
        AuditEvent.objects.filter(object_id=str(appeal.pk))
        .order_by("pk")
        .values_list("verb", flat=True)
    )
    assert list(verbs)[-2:] == ["appeal.rated", "appeal.reopened"]


def test_a_bad_rating_needs_a_reason(visited, office):
    with pytest.raises(ValidationError, match="请填写原因"):
        feedback.rate(
            actor=office, appeal_id=visited.pk, expected_version=visited.version, level="不满意"
        )


def test_another_enterprise_may_not_rate(visited, make_user, zone, other_enterprise):
    from django.http import Http404

    from yingshang.kernel.models import Role

    stranger = make_user(Role.ENTERPRISE, zone=zone, enterprise=other_enterprise)
    with pytest.raises(Http404):
        feedback.rate(
            actor=stranger, appeal_id=visited.pk, expected_version=visited.version, level="满意"
        )


def test_dispute_overturned_cancels_the_rectification(visited, office, department_user, leader):
    rating = feedback.rate(
        actor=office,
        appeal_id=visited.pk,
        expected_version=visited.version,
        level="dissatisfied",
        reason="不满意",
        today=D(2025, 10, 13),
    )
    with pytest.raises(ValidationError, match="没有待复核的申诉"):
        feedback.decide_dispute(actor=leader, rating_id=rating.pk, upheld=True, note="维持")
    rating = feedback.dispute_rating(
        actor=department_user, rating_id=rating.pk, reason="企业诉求超出法定职责"
    )
    assert rating.dispute_state == "pending"
    with pytest.raises(ValidationError, match="只能申诉一次"):
        feedback.dispute_rating(actor=department_user, rating_id=rating.pk, reason="再申诉")
    with pytest.raises(PermissionDenied):
        feedback.decide_dispute(actor=department_user, rating_id=rating.pk, upheld=False, note="撤")
    rating = feedback.decide_dispute(
        actor=leader, rating_id=rating.pk, upheld=False, note="经核实属误评"
    )
    assert rating.dispute_state == "overturned"
    assert RatingRectification.objects.get(rating=rating).status == "cancelled"


def test_rectification_completed(visited, office, department_user):
    rating = feedback.rate(
        actor=office,
        appeal_id=visited.pk,
        expected_version=visited.version,
        level="dissatisfied",
        reason="时间太长",
    )
    item = feedback.complete_rectification(
        actor=department_user, rating_id=rating.pk, note="已压缩办理时限"
    )
    assert item.status == "done"
    assert AuditEvent.objects.filter(verb="rating_rectification.completed").exists()


# Extensions ---------------------------------------------------------------------------------


def test_extension_before_the_deadline_then_approved(handling, department_user, leader):
    extension = extensions.request_extension(
        actor=department_user,
        appeal_id=handling.pk,
        requested_until=D(2025, 11, 14),
        reason="需多部门会商",
        today=D(2025, 10, 20),
    )
    with pytest.raises(ValidationError, match="待审批"):
        extensions.request_extension(
            actor=department_user,
            appeal_id=handling.pk,
            requested_until=D(2025, 11, 20),
            reason="再次",
            today=D(2025, 10, 20),
        )
    with pytest.raises(PermissionDenied):
        extensions.decide_extension(actor=department_user, extension_id=extension.pk, approve=True)
    extensions.decide_extension(actor=leader, extension_id=extension.pk, approve=True)
    handling.refresh_from_db()
    assert handling.handling_deadline == D(2025, 11, 14)
    assert Extension.objects.get().status == "approved"
    assert AuditEvent.objects.filter(verb="appeal_extension.approved").exists()


def test_no_extension_on_or_after_the_deadline(handling, department_user, other_department_user):
    with pytest.raises(ValidationError, match="之前申请"):
        extensions.request_extension(
            actor=department_user,
            appeal_id=handling.pk,
            requested_until=D(2025, 11, 14),
            reason="来不及",
            today=handling.handling_deadline,
        )
    from django.http import Http404

    with pytest.raises(Http404):
        extensions.request_extension(
            actor=other_department_user,
            appeal_id=handling.pk,
            requested_until=D(2025, 11, 14),
            reason="不是我的",
            today=D(2025, 10, 9),
        )


def test_a_rejected_extension_needs_a_reason(handling, office, leader):
    extension = extensions.request_extension(
        actor=office,
        appeal_id=handling.pk,
        requested_until=D(2025, 11, 14),
        reason="协调中",
        today=D(2025, 10, 9),
    )
    with pytest.raises(ValidationError, match="不予批准时请填写理由"):
        extensions.decide_extension(actor=leader, extension_id=extension.pk, approve=False)
    extensions.decide_extension(
        actor=leader, extension_id=extension.pk, approve=False, note="可按期办结"
    )
    handling.refresh_from_db()
    assert handling.handling_deadline == D(2025, 10, 24)
