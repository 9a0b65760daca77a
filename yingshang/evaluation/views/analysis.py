"""One unit's standings, the what-if and best-moves searches, and the robustness analysis."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from yingshang.core.evaluation import ROOT, DataError
from yingshang.core.evaluation.diagnosis import (
    overview_sentences,
    standings,
    strengths,
    weaknesses,
)
from yingshang.core.evaluation.robustness import Robustness, UncertaintySettings, monte_carlo
from yingshang.core.evaluation.weighting import SCHEME_LABELS, compare_weightings
from yingshang.core.evaluation.whatif import best_moves, what_if
from yingshang.evaluation import charts, selectors
from yingshang.evaluation.forms import BestMovesForm, RobustnessForm, WhatIfForm
from yingshang.evaluation.views.common import (
    default_unit,
    is_htmx,
    readable_run,
    unit_or_404,
    vary_on_htmx,
)
from yingshang.evaluation.views.tables import (
    interval_rows,
    leaf_values,
    phrased,
    raw_text,
    sensitivity_rows,
    standing_rows,
    weighting_rows,
)

WEAKNESS_LIMIT = 5
STRENGTH_LIMIT = 5


def _subject(run, unit: str) -> str:
    """The report speaks of the hosted zone as 我区, of any other unit by its name."""
    return "我区" if unit == run.focus_unit else unit


# ---------------------------------------------------------------------------- one unit


@login_required
def unit_pick(request: HttpRequest, run_id: int) -> HttpResponse:
    """The unit picker's target (a plain GET form): on to the chosen unit's page."""
    run = readable_run(request, run_id)
    result = selectors.run_result(run)
    unit = request.GET.get("unit") or default_unit(run, result)
    unit_or_404(result, unit)
    return redirect("evaluation:unit_detail", run_id=run.pk, unit=unit)


@login_required
def unit_detail(request: HttpRequest, run_id: int, unit: str) -> HttpResponse:
    run = readable_run(request, run_id)
    result = selectors.run_result(run)
    unit_or_404(result, unit)
    previous = selectors.previous_result(run)
    context = {
        "run": run,
        "result": result,
        "unit": unit,
        "units": result.units,
        "is_focus": unit == run.focus_unit,
        "previous": previous,
        "overview": overview_sentences(result, unit, subject=_subject(run, unit)),
        "rows": standing_rows(standings(result, unit, previous=previous)),
        "weak_by_gap": phrased(weaknesses(result, unit, by="weighted_gap", limit=WEAKNESS_LIMIT)),
        "weak_by_rank": phrased(weaknesses(result, unit, by="rank", limit=WEAKNESS_LIMIT)),
        "strong": phrased(strengths(result, unit, limit=STRENGTH_LIMIT)),
    }
    return render(request, "evaluation/unit_detail.html", context)


# ---------------------------------------------------------------------------- what-if


def _unit_from(request: HttpRequest, run, result) -> str:
    unit = request.POST.get("unit") or request.GET.get("unit") or default_unit(run, result)
    return unit_or_404(result, unit)


@login_required
def what_if_page(request: HttpRequest, run_id: int) -> HttpResponse:
    """GET: the unit's leaves with their raw values. POST (htmx): the scores and ranks after."""
    run = readable_run(request, run_id)
    result = selectors.run_result(run)
    unit = _unit_from(request, run, result)
    leaves = leaf_values(result, unit)
    if request.method == "POST":
        form = WhatIfForm(request.POST, leaves=leaves)
        context = {"run": run, "unit": unit, "form": form, **_what_if_outcome(run, unit, form)}
        template = "evaluation/_what_if_result.html" if is_htmx(request) else None
        if template is None:
            context.update(_what_if_page_context(result, unit, leaves))
        return vary_on_htmx(render(request, template or "evaluation/what_if.html", context))
    form = WhatIfForm(initial={"unit": unit}, leaves=leaves)
    context = {"run": run, "unit": unit, "form": form}
    context.update(_what_if_page_context(result, unit, leaves))
    return vary_on_htmx(render(request, "evaluation/what_if.html", context))


def _what_if_page_context(result, unit: str, leaves) -> dict:
    return {
        "result": result,
        "units": result.units,
        "moves_form": BestMovesForm(initial={"unit": unit}, leaves=leaves),
        "page": True,
    }


def _what_if_outcome(run, unit: str, form: WhatIfForm) -> dict:
    """The outcome's tables, or the reason there is none."""
    if not form.is_valid():
        names = "、".join(str(form.fields[name].label) for name in form.errors)
        return {"error": f"请检查输入：{names} 的数值必须是数字。"}
    changes = form.changes()
    if not changes:
        return {"error": "没有修改任何数值：请改动至少一个指标的数值后再计算。"}
    try:
        outcome = what_if(
            selectors.run_methodology(run),
            selectors.run_observations(run),
            unit=unit,
            changes=changes,
            period=run.period,
            freeze_goalposts=form.cleaned_data["freeze_goalposts"],
            base=selectors.run_result(run),
        )
    except (DataError, ValueError, KeyError) as exc:
        return {"error": f"无法计算：{exc}"}
    methodology = outcome.base.methodology
    return {
        "changes": [
            (methodology.name_of(leaf), raw_text(before) or "无数据", raw_text(after))
            for leaf, after, before in _changed_values(outcome, changes)
        ],
        "unit_shifts": outcome.shifts(unit=unit, only_moved=False),
        "moved_units": [s for s in outcome.shifts(only_moved=True) if s.node == ROOT],
    }


def _changed_values(outcome, changes) -> list[tuple[str, float, float]]:
    """(leaf, value after, value before) per changed leaf; before is NaN where none was given."""
    base = outcome.base
    i = base.unit_index(outcome.unit)
    return [
        (leaf, value, float(base.raw[i, base.leaf_index(leaf)])) for leaf, value in changes.items()
    ]


@login_required
@require_POST
def best_moves_page(request: HttpRequest, run_id: int) -> HttpResponse:
    """The improvements that lift the unit's rank most, for the given effort per indicator."""
    run = readable_run(request, run_id)
    result = selectors.run_result(run)
    unit = _unit_from(request, run, result)
    form = BestMovesForm(request.POST, leaves=leaf_values(result, unit))
    context: dict = {"run": run, "unit": unit}
    if not form.is_valid():
        context["error"] = "请检查输入：工作量必须是不小于 0 的数字。"
    else:
        try:
            context["moves"] = best_moves(
                selectors.run_methodology(run),
                selectors.run_observations(run),
                unit=unit,
                period=run.period,
                efforts=form.efforts(),
            )
        except (ValueError, KeyError) as exc:
            context["error"] = f"无法计算：{exc}"
    template = "evaluation/_best_moves.html" if is_htmx(request) else "evaluation/best_moves.html"
    return vary_on_htmx(render(request, template, context))


# ---------------------------------------------------------------------------- robustness


@login_required
def robustness_page(request: HttpRequest, run_id: int) -> HttpResponse:
    """The alternative weightings always; the Monte Carlo analysis once the form is sent."""
    run = readable_run(request, run_id)
    result = selectors.run_result(run)
    unit = default_unit(run, result)
    form = RobustnessForm(request.GET or None)
    context: dict = {"run": run, "unit": unit, "form": form}
    if form.is_bound and form.is_valid():
        robustness = monte_carlo(result, _settings(form))
        context.update(_uncertainty_context(robustness, result, unit))
    if is_htmx(request) and form.is_bound:
        return vary_on_htmx(render(request, "evaluation/_robustness_result.html", context))
    comparison = compare_weightings(result)
    context.update(
        {
            "schemes": [SCHEME_LABELS.get(s, s) for s in comparison.schemes],
            "weightings": weighting_rows(comparison, result, unit),
        }
    )
    return vary_on_htmx(render(request, "evaluation/robustness.html", context))


def _settings(form: RobustnessForm) -> UncertaintySettings:
    return UncertaintySettings(
        runs=form.cleaned_data["runs"],
        seed=form.cleaned_data.get("seed") or 0,
        weight_noise=form.cleaned_data["weight_noise"],
    )


def _uncertainty_context(robustness: Robustness, result, unit: str) -> dict:
    rows = interval_rows(robustness, unit)
    return {
        "robustness": robustness,
        "intervals": rows,
        "sensitivity": sensitivity_rows(robustness.sensitivity, Robustness.SENSITIVITY_LABELS),
        "interval_chart": charts.interval_chart(rows, result.ranked_count),
    }
