"""The home page of each role: which template, and the few numbers and lists it shows. Every
number and list comes from a selector: the organisation's from the kernel, the registry's from
the enterprise module, the evaluation's from the evaluation module."""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from yingshang.audit.selectors import audit_page
from yingshang.calendars.selectors import load_calendar
from yingshang.enterprises.selectors import stats
from yingshang.enterprises.selectors.enterprises import (
    QualificationRow,
    get_enterprise,
    qualification_rows,
)
from yingshang.evaluation.selectors import run_scores, runs_visible_to
from yingshang.kernel.models import Role, User
from yingshang.kernel.selectors import (
    active_department_count,
    colleagues_of,
    office_contacts,
    office_department,
    platform_counts,
)

RECENT_EVENTS = 10
NEXT_WORKDAYS = 5
WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class Home:
    template: str
    context: dict


def safe_url(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _admin_home(user: User) -> Home:
    counts = platform_counts()
    return Home(
        "web/home_admin.html",
        {
            "zone_count": counts.zones,
            "hosted_zone_count": counts.hosted_zones,
            "user_count": counts.users,
            "users_by_role": [(Role(code).label, n) for code, n in counts.users_by_role.items()],
            "department_count": counts.departments,
            "admin_url": reverse("admin:index") if user.is_staff else None,
            "recent_events": audit_page(user=user, limit=RECENT_EVENTS, changes_only=True)[0],
            "audit_url": safe_url("web:audit_log"),
        },
    )


def latest_evaluation(user: User) -> dict | None:
    """The newest evaluation run of the user's zone with its focus unit's overall standing."""
    run = runs_visible_to(user).first()
    if run is None:
        return None
    row = run_scores(run, unit=run.focus_unit, node="overall").first() if run.focus_unit else None
    return {
        "run": run,
        "score": row.score if row else None,
        "rank": row.rank if row else None,
        "url": reverse("evaluation:run_detail", args=[run.pk]),
        "list_url": reverse("evaluation:run_list"),
    }


def _office_home(user: User) -> Home:
    return Home(
        "web/home_office.html",
        {
            "summary": stats.registry_summary(user.zone_id),
            "recent_events": audit_page(user=user, limit=RECENT_EVENTS, changes_only=True)[0],
            "list_url": safe_url("registry:enterprise_list"),
            "create_url": safe_url("registry:enterprise_create"),
            "audit_url": safe_url("web:audit_log"),
            "evaluation": latest_evaluation(user),
        },
    )


def _weekday(day: dt.date) -> str:
    return f"星期{WEEKDAYS[day.weekday()]}"


def next_workdays(today: dt.date, count: int = NEXT_WORKDAYS) -> list[dict]:
    """The next working days after today, each with its weekday and whether it is provisional."""
    calendar = load_calendar()
    result = []
    for n in range(1, count + 1):
        day = calendar.add_workdays(today, n)
        result.append(
            {
                "date": day.date,
                "weekday": _weekday(day.date),
                "provisional": day.provisional,
                "extra": calendar.is_extra_workday(day.date),
            }
        )
    return result


def _department_home(user: User) -> Home:
    today = timezone.localdate()
    return Home(
        "web/home_department.html",
        {
            "department": user.department,
            "colleagues": colleagues_of(user=user),
            "today": today,
            "today_is_workday": load_calendar().is_workday(today),
            "next_workdays": next_workdays(today),
            "calendar_url": safe_url("calendars:calendar"),
            "list_url": safe_url("registry:enterprise_list"),
            "office_contacts": office_contacts(zone_id=user.zone_id),
        },
    )


def _leader_home(user: User) -> Home:
    sections = stats.industry_sections(user.zone_id)
    chart = {
        "labels": [f"{b.code} {b.label}" for b in sections],
        "values": [b.count for b in sections],
    }
    return Home(
        "web/home_leader.html",
        {
            "summary": stats.registry_summary(user.zone_id),
            "sections": sections,
            "qualifications": stats.qualification_counts(user.zone_id),
            "department_count": active_department_count(zone_id=user.zone_id),
            "chart": chart,
            "list_url": safe_url("registry:enterprise_list"),
            "evaluation": latest_evaluation(user),
        },
    )


def workday_note(today: dt.date) -> str:
    """Whether the office works today, and if not, its next working day: the office's hours
    are not recorded, but its working days are."""
    calendar = load_calendar()
    if calendar.is_workday(today):
        return f"今天（{today.month}月{today.day}日，{_weekday(today)}）是工作日。"
    day = calendar.add_workdays(today, 1).date
    return f"今天是休息日，下一个工作日是 {day.month}月{day.day}日（{_weekday(day)}）。"


def _office_reach(user: User, today: dt.date) -> dict:
    """How an enterprise or a supervisor reaches the zone's office: by e-mail only where a
    contact has an address."""
    contacts = list(office_contacts(zone_id=user.zone_id))
    return {
        "office_department": office_department(zone_id=user.zone_id),
        "office_contacts": contacts,
        "contact_by": "致电或发电子邮件给" if any(c.email for c in contacts) else "致电",
        "workday_note": workday_note(today),
    }


@dataclass(frozen=True)
class QualificationAction:
    """A qualification that needs the enterprise's attention, with what to do about it."""

    name: str
    valid_until: dt.date
    expired: bool
    advice: str


def _advice(row: QualificationRow, today: dt.date) -> str:
    until = row.qualification.valid_until
    term = f"（有效期至 {until:%Y-%m-%d}）"
    if row.expired:
        return f"已过期{term}：请尽快办理延续或重新申领。"
    days = (until - today).days
    if days == 0:
        return f"今天到期{term}：请尽快向发证机关申请延续。"
    return f"将于 {days} 天后到期{term}：请在到期前向发证机关申请延续。"


def qualification_actions(
    rows: Iterable[QualificationRow], today: dt.date
) -> list[QualificationAction]:
    """The expired and soon-expiring qualifications, the earliest end first."""
    due = [row for row in rows if row.expired or row.expiring]
    due.sort(key=lambda row: row.qualification.valid_until)
    return [
        QualificationAction(
            name=row.qualification.kind.name,
            valid_until=row.qualification.valid_until,
            expired=row.expired,
            advice=_advice(row, today),
        )
        for row in due
    ]


def _enterprise_home(user: User) -> Home:
    today = timezone.localdate()
    enterprise = get_enterprise(user=user, pk=user.enterprise_id)
    rows = qualification_rows(enterprise, today)
    return Home(
        "web/home_enterprise.html",
        {
            "enterprise": enterprise,
            "qualifications_rows": rows,
            "qualification_actions": qualification_actions(rows, today),
            "my_url": safe_url("registry:my_enterprise"),
            **_office_reach(user, today),
        },
    )


def _supervisor_home(user: User) -> Home:
    return Home(
        "web/home_supervisor.html",
        {
            "department_count": active_department_count(zone_id=user.zone_id),
            **_office_reach(user, timezone.localdate()),
        },
    )


HOMES: dict[str, Callable[[User], Home]] = {
    Role.ADMIN: _admin_home,
    Role.OFFICE: _office_home,
    Role.DEPARTMENT: _department_home,
    Role.LEADER: _leader_home,
    Role.ENTERPRISE: _enterprise_home,
    Role.SUPERVISOR: _supervisor_home,
}


def _missing_setup(user: User) -> str:
    """What the account lacks for its role's home, or "" when it is complete."""
    if user.role not in HOMES:
        return "账号角色无效"
    if user.role != Role.ADMIN and user.zone_id is None:
        return "账号尚未指定所属功能区"
    if user.role == Role.DEPARTMENT and user.department_id is None:
        return "部门账号尚未指定所属部门"
    if user.role == Role.ENTERPRISE and user.enterprise_id is None:
        return "企业账号尚未关联企业"
    return ""


def home_for(user: User) -> Home:
    problem = _missing_setup(user)
    if problem:
        admin_url = reverse("admin:index") if user.is_staff else None
        return Home("web/home_incomplete.html", {"problem": problem, "admin_url": admin_url})
    return HOMES[user.role](user)
