"""Each role's list of appeals: the office's and the leader's 诉求工作台, a department's and an
enterprise's 我的诉求. One page of one state group at a time, keyset paged."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from yingshang.appeals.forms import AppealFilterForm
from yingshang.appeals.selectors.appeals import AppealFilters, require_reader
from yingshang.appeals.selectors.pages import kind_choices, list_page, zone_departments
from yingshang.kernel.access import APPEAL_INTAKE, has_role, zone_for_page
from yingshang.kernel.models import Role

HEADINGS = {
    Role.DEPARTMENT: ("我的诉求", "转办给本部门的诉求，按办理时限提醒"),
    Role.ENTERPRISE: ("我的诉求", "本企业提出的诉求及办理进度"),
}
OFFICE_HEADING = ("诉求工作台", "受理审查、转办、办理、回访与办结，按状态分列")


def _cursor(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def _filters(form: AppealFilterForm) -> tuple[AppealFilters, str]:
    if not form.is_valid():
        return AppealFilters(), ""
    data = form.cleaned_data
    department = data["lead_department"]
    return (
        AppealFilters(
            channel=data["channel"] or None,
            kind=data["kind"] or None,
            lead_department=department.pk if department else None,
            overdue=True if data["overdue"] else None,
        ),
        data["q"],
    )


def _query(request: HttpRequest, **changes: object) -> str:
    """The page's query with `changes` (None drops a key): links keep the filters."""
    params = {k: v for k, v in request.GET.items() if k not in ("after", "before")}
    params.update({k: str(v) for k, v in changes.items() if v is not None})
    return "?" + urlencode(params)


@login_required
def appeal_index(request: HttpRequest) -> HttpResponse:
    user = request.user
    require_reader(user)
    zone = zone_for_page(user, request.GET.get("zone", ""))
    zone = zone or getattr(user.enterprise, "zone", None)
    form = AppealFilterForm(
        request.GET or None,
        kinds=kind_choices(zone) if zone else [],
        departments=zone_departments(zone.pk if zone else 0),
    )
    filters, q = _filters(form)
    page = list_page(
        user=user,
        group=request.GET.get("group", ""),
        filters=filters,
        q=q,
        after=_cursor(request.GET.get("after", "")),
        before=_cursor(request.GET.get("before", "")),
        today=timezone.localdate(),
    )
    heading, subtitle = HEADINGS.get(user.role, OFFICE_HEADING)
    tabs = [
        {"group": g, "count": count, "url": _query(request, group=g.code)}
        for g, count in page.groups
    ]
    context = {
        "heading": heading,
        "subtitle": subtitle,
        "form": form,
        "listing": page,
        "tabs": tabs,
        "next_url": _query(request, group=page.group.code, after=page.page.next_cursor)
        if page.page.next_cursor
        else None,
        "prev_url": _query(request, group=page.group.code, before=page.page.prev_cursor)
        if page.page.prev_cursor
        else None,
        "can_register": has_role(user, *APPEAL_INTAKE),
        "office_view": has_role(user, Role.OFFICE, Role.ADMIN, Role.LEADER),
        "enterprise_view": has_role(user, Role.ENTERPRISE),
    }
    return render(request, "appeals/index.html", context)
