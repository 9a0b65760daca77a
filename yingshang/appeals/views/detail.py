"""One appeal: its facts (numbers masked unless the viewer handles the case), its clocks, the
history, the audit timeline, and the forms of the actions its viewer may take.

A refused action re-renders the page with the user's form still filled in: a conflict (someone
saved in between) answers 409 with the Chinese message and the form now carrying the current
version, so that the user reads what changed and sends the same input again deliberately.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from yingshang.appeals.selectors.pages import DetailPage, detail_page, zone_departments
from yingshang.appeals.views.actions import SPECS, make_form
from yingshang.appeals.views.common import SERVICE_ERRORS, STALE_MESSAGE, add_service_errors
from yingshang.core.appeals.workflow import Action
from yingshang.kernel.versioning import StaleVersionError

CONFLICT = 409
QUIET = frozenset({Action.REOPEN, Action.MERGE})
"""Forms the page never opens by itself: a closed case shows 重办 closed, not as the next step."""


def _codes(page: DetailPage) -> list[str]:
    """The forms the page shows, in the order the work goes."""
    codes = [str(action) for action in page.actions]
    if page.may_request_extension:
        codes.append("request_extension")
    if page.may_decide_extension:
        codes.append("decide_extension")
    if any(r.may_dispute for r in page.ratings):
        codes.append("dispute")
    if any(r.may_review for r in page.ratings):
        codes.append("review_dispute")
    return codes


def _initial(page: DetailPage, code: str) -> dict[str, Any]:
    initial: dict[str, Any] = {"version": page.appeal.version}
    if code == "decide_extension":
        pending = next(e for e in page.extensions if e.status == "pending")
        initial["extension"] = pending.pk
    elif code == "dispute":
        initial["rating"] = next(r.rating.pk for r in page.ratings if r.may_dispute)
    elif code == "review_dispute":
        initial["rating"] = next(r.rating.pk for r in page.ratings if r.may_review)
    elif code == Action.DISPATCH and page.appeal.lead_department_id:
        initial["department"] = page.appeal.lead_department_id
        initial["category"] = page.appeal.category
    return initial


def _render(
    request: HttpRequest, appeal_id: int, *, bound: tuple[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    page = detail_page(user=request.user, appeal_id=appeal_id, today=timezone.localdate())
    departments = zone_departments(page.appeal.zone_id)
    codes = _codes(page)
    if bound is not None and bound[0] not in codes:
        codes.insert(0, bound[0])  # the user's input stays on the page even when the state moved
    forms = []
    for code in codes:
        if bound is not None and bound[0] == code:
            form = bound[1]
        else:
            form = make_form(code, initial=_initial(page, code), departments=departments)
        forms.append({"code": code, "label": SPECS[code].label, "form": form})
    context = {
        "page": page,
        "appeal": page.appeal,
        "row": page.row,
        "forms": forms,
        "open_form": bound[0] if bound else next((c for c in codes if c not in QUIET), ""),
    }
    return render(request, "appeals/appeal_detail.html", context, status=status)


@login_required
def appeal_detail(request: HttpRequest, appeal_id: int) -> HttpResponse:
    return _render(request, appeal_id)


def _fresh_version(form: Any, version: int) -> None:
    data = form.data.copy()
    data[form.add_prefix("version")] = str(version)
    form.data = data


@login_required
@require_POST
def appeal_act(request: HttpRequest, appeal_id: int) -> HttpResponse:
    # The appeal is read first: outside the user's scope it is not found whatever was posted.
    page = detail_page(user=request.user, appeal_id=appeal_id, today=timezone.localdate())
    code = request.POST.get("action", "")
    if code not in SPECS:
        messages.error(request, "未知的操作")
        return redirect("appeals:appeal_detail", appeal_id)
    form = make_form(
        code, data=request.POST, initial={}, departments=zone_departments(page.appeal.zone_id)
    )
    if not form.is_valid():
        return _render(request, appeal_id, bound=(code, form))
    try:
        SPECS[code].call(request.user, appeal_id, form.cleaned_data)
    except StaleVersionError:
        form.add_error(None, STALE_MESSAGE)
        _fresh_version(form, page.appeal.version)
        return _render(request, appeal_id, bound=(code, form), status=CONFLICT)
    except SERVICE_ERRORS as exc:
        add_service_errors(form, exc)
        return _render(request, appeal_id, bound=(code, form))
    messages.success(request, SPECS[code].done)
    return redirect("appeals:appeal_detail", appeal_id)
