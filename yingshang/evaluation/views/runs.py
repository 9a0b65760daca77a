"""The runs list, uploading a dataset, starting a run, and one run's ranking page."""

from collections.abc import Mapping

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from yingshang.core.evaluation import ROOT, MethodologyError
from yingshang.core.evaluation.diagnosis import trend
from yingshang.core.evaluation.loading import methodology_from_text, preset_names, preset_text
from yingshang.evaluation import charts, selectors, services
from yingshang.evaluation.forms import DatasetUploadForm, RunCreateForm
from yingshang.evaluation.models import DatasetKind
from yingshang.evaluation.views.common import (
    can_write,
    default_unit,
    readable_run,
    require_reader,
    require_writer,
)
from yingshang.evaluation.views.tables import focus_summary, goalpost_rows, ranking_table
from yingshang.kernel.models import Role

LISTED_RUNS = 100
LISTED_DATASETS = 20
# Service errors name the service's arguments; the form calls two of them differently.
SERVICE_FIELDS = {"text": "methodology_file", "preset": "methodology"}


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form fields it names, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        field = SERVICE_FIELDS.get(name, name)
        form.add_error(field if field in form.fields else None, errors)


def row_problems(error: ValidationError) -> list:
    """The bad rows of a rejected file (each with its spreadsheet row number), if any."""
    return list(getattr(error, "problems", []) or [])


# ---------------------------------------------------------------------------- the list


@login_required
def run_list(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    runs = list(selectors.runs_visible_to(request.user)[:LISTED_RUNS])
    focus_scores = _focus_scores(runs)
    rows = [(run, focus_scores.get(run.pk)) for run in runs]
    writer = can_write(request)
    datasets = selectors.datasets_visible_to(request.user)[:LISTED_DATASETS] if writer else []
    context = {
        "rows": rows,
        "can_write": writer,
        "datasets": datasets,
        "show_zone": request.user.role == Role.ADMIN,
    }
    return render(request, "evaluation/run_list.html", context)


def _focus_scores(runs) -> Mapping[int, tuple[float | None, int | None]]:
    """Each run's published overall score and rank of its focus unit."""
    found = {}
    for run in runs:
        if not run.focus_unit:
            continue
        row = selectors.run_scores(run, unit=run.focus_unit, node=ROOT).first()
        if row is not None:
            found[run.pk] = (row.score, row.rank)
    return found


# ---------------------------------------------------------------------------- uploading


@login_required
def dataset_upload(request: HttpRequest) -> HttpResponse:
    require_writer(request)
    form = DatasetUploadForm(request.POST or None, request.FILES or None, user=request.user)
    problems: list = []
    if request.method == "POST" and form.is_valid():
        try:
            dataset = services.upload_dataset(
                actor=request.user,
                zone=form.chosen_zone(),
                name=form.cleaned_data["name"],
                uploaded_file=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
            )
        except ValidationError as exc:
            problems = row_problems(exc)
            if problems:
                form.add_error(None, f"文件中有 {len(problems)} 处错误，未保存任何数据。")
            else:
                add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"已上传数据「{dataset.name}」：{dataset.unit_count} 个单位，"
                f"{dataset.row_count} 条数据。",
            )
            target = reverse("evaluation:run_create")
            if dataset.kind == DatasetKind.INDICATORS:
                target += f"?dataset={dataset.pk}"
            return redirect(target)
    return render(request, "evaluation/dataset_upload.html", {"form": form, "problems": problems})


# ---------------------------------------------------------------------------- a new run


def preset_choices() -> list[tuple[str, str]]:
    """The presets shipped with the platform, each labelled with its methodology's name."""
    choices = []
    for name in preset_names():
        try:
            methodology = methodology_from_text(preset_text(name), source=name)
        except MethodologyError:
            continue
        version = f" {methodology.version}" if methodology.version else ""
        choices.append((name, f"{methodology.name}{version}（{name}）"))
    return choices


def _run_form(request: HttpRequest) -> RunCreateForm:
    datasets = selectors.datasets_visible_to(request.user)
    initial = {}
    if request.method == "GET" and request.GET.get("dataset", "").isdigit():
        initial["dataset"] = int(request.GET["dataset"])
    return RunCreateForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        presets=preset_choices(),
        methodologies=selectors.methodologies_visible_to(request.user).filter(is_preset=False),
        datasets=datasets.filter(kind=DatasetKind.INDICATORS),
        surveys=datasets.filter(kind=DatasetKind.SURVEY),
    )


def _methodology_version(request: HttpRequest, form: RunCreateForm, zone):
    kind, value = form.methodology_source()
    if kind == "saved":
        return selectors.get_methodology(user=request.user, methodology_id=int(value))
    if kind == "preset":
        return services.save_methodology(actor=request.user, zone=zone, preset=str(value))
    return services.save_methodology(actor=request.user, zone=zone, text=str(value))


@login_required
def run_create(request: HttpRequest) -> HttpResponse:
    require_writer(request)
    form = _run_form(request)
    problems: list = []
    if request.method == "POST" and form.is_valid():
        dataset = form.cleaned_data["dataset"]
        # An administrator evaluates in the zone the data belong to.
        zone = dataset.zone if request.user.role == Role.ADMIN else request.user.zone
        try:
            run = services.run_evaluation(
                actor=request.user,
                zone=zone,
                methodology=_methodology_version(request, form, zone),
                dataset=dataset,
                survey=form.cleaned_data["survey"],
                period=form.cleaned_data["period"].strip() or None,
                focus_unit=form.cleaned_data["focus_unit"].strip() or None,
                title=form.cleaned_data["title"].strip(),
            )
        except ValidationError as exc:
            problems = row_problems(exc)
            if problems:
                source = getattr(exc, "source", "")
                form.add_error(
                    None, f"数据「{source}」与评价方法不符，共 {len(problems)} 处问题，未生成评价。"
                )
            else:
                add_service_errors(form, exc)
        else:
            messages.success(request, f"已完成评价「{run.title}」。")
            return redirect("evaluation:run_detail", run_id=run.pk)
    return render(request, "evaluation/run_form.html", {"form": form, "problems": problems})


# ---------------------------------------------------------------------------- one run


def _trend_chart(points, unit: str, result) -> dict | None:
    """Only with two periods or more: one point is no trend."""
    if len(points) < 2:
        return None
    return charts.trend_chart(
        points,
        unit,
        ranked_count=result.ranked_count,
        decimals=result.methodology.ranking.decimals,
    )


@login_required
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    run = readable_run(request, run_id)
    result = selectors.run_result(run)
    unit = default_unit(run, result)
    points = trend(selectors.trend_results(run), unit)
    context = {
        "run": run,
        "result": result,
        "unit": unit,
        "focus": focus_summary(result, unit),
        "table": ranking_table(result, unit),
        "goalposts": goalpost_rows(result),
        "trend_points": points,
        "comparison_chart": charts.comparison_chart(result, unit),
        "rank_chart": charts.rank_chart(result, unit),
        "trend_chart": _trend_chart(points, unit, result),
        "can_write": can_write(request),
    }
    return render(request, "evaluation/run_detail.html", context)
