"""The working-day calendar page: one year as month grids, and a deadline calculator."""

from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from yingshang.calendars import selectors
from yingshang.core.workdays import DeadlineUnit, WorkdayError, WorkdayResult

FIRST_YEAR, LAST_YEAR = 1950, 2200


class DeadlineForm(forms.Form):
    start = forms.DateField(label="起算日 (受理日)", widget=forms.DateInput(attrs={"type": "date"}))
    n = forms.IntegerField(label="期限", min_value=0, max_value=3660, initial=5)
    unit = forms.ChoiceField(
        label="单位",
        choices=[(u.value, u.label) for u in DeadlineUnit],
        initial=DeadlineUnit.WORKDAYS.value,
    )


@dataclass(frozen=True)
class DeadlineAnswer:
    start: object
    n: int
    unit_label: str
    result: WorkdayResult


def _requested_year(raw: str | None) -> tuple[int, str]:
    """The year asked for, or this year with a message when the parameter is unusable."""
    this_year = timezone.localdate().year
    if not raw:
        return this_year, ""
    if raw.strip().isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR:
        return int(raw), ""
    return this_year, f"年份“{raw}”无效，请输入 {FIRST_YEAR}–{LAST_YEAR} 之间的年份"


def _answer(form: DeadlineForm) -> DeadlineAnswer | None:
    if not form.is_bound or not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        result = selectors.deadline(data["start"], data["n"], data["unit"])
    except WorkdayError as exc:
        form.add_error(None, str(exc))
        return None
    unit_label = DeadlineUnit(data["unit"]).label
    return DeadlineAnswer(start=data["start"], n=data["n"], unit_label=unit_label, result=result)


@login_required
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    year, year_error = _requested_year(request.GET.get("year"))
    form = DeadlineForm(request.GET if "start" in request.GET else None)
    context = {"form": form, "answer": _answer(form), "year": year}
    if request.headers.get("HX-Request") == "true" and form.is_bound:
        return render(request, "calendars/_deadline_result.html", context)
    context.update(overview=selectors.year_overview(year=year), year_error=year_error)
    return render(request, "calendars/calendar.html", context)
