"""The problem ledger (问题台账): the table with filters, registering a problem, importing a
spreadsheet (all rows or none) and downloading the ledger or the import template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from yingshang.lib.files import XLSX, attachment
from yingshang.rectification import access, selectors
from yingshang.rectification.documents import (
    ImportRejected,
    build_ledger_xlsx,
    import_problems,
    problem_template_xlsx,
)
from yingshang.rectification.forms import ProblemFilterForm, ProblemForm, ProblemImportForm
from yingshang.rectification.services.problems import create_problem, duplicate_hints
from yingshang.rectification.views.common import (
    SERVICE_ERRORS,
    is_writer,
    require_reader,
    user_zone,
    zone_departments,
)

LISTED_PROBLEMS = 300


def _filtered(request: HttpRequest):
    problems = selectors.problems_visible_to(request.user).select_related("department")
    form = ProblemFilterForm(request.GET or None)
    return form, form.apply(problems)


@login_required
def problem_list(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    writer = is_writer(request.user)
    filter_form, problems = _filtered(request)
    create_form = import_form = None
    import_problems_list: list[str] = []
    if writer:
        zone = user_zone(request)
        departments = zone_departments(request, zone)
        create_form = ProblemForm(
            request.POST if request.POST.get("form") == "create" else None,
            departments=departments,
        )
        import_form = ProblemImportForm(
            request.POST if request.POST.get("form") == "import" else None,
            request.FILES if request.POST.get("form") == "import" else None,
        )
        if request.method == "POST":
            access.require_writer(request.user, zone)
            if request.POST.get("form") == "create" and create_form.is_valid():
                if _create(request, zone, create_form):
                    return redirect("rectification:problem_list")
            elif request.POST.get("form") == "import" and import_form.is_valid():
                try:
                    outcome = import_problems(
                        actor=request.user,
                        zone=zone,
                        uploaded_file=import_form.cleaned_data["file"],
                    )
                except ImportRejected as exc:
                    import_problems_list = exc.problems
                    import_form.add_error(None, "文件中有错误，未导入任何问题。")
                except SERVICE_ERRORS as exc:
                    import_form.add_error(None, "；".join(exc.messages))
                else:
                    messages.success(request, f"已导入 {outcome.created} 个问题")
                    return redirect("rectification:problem_list")
    elif request.method == "POST":
        access.require_writer(request.user, request.user.zone_id or 0)
    context = {
        "filter_form": filter_form,
        "problems": list(problems[:LISTED_PROBLEMS]),
        "limit": LISTED_PROBLEMS,
        "can_write": writer,
        "create_form": create_form,
        "import_form": import_form,
        "import_problems": import_problems_list,
        "query": request.GET.urlencode(),
    }
    return render(request, "rectification/problem_list.html", context)


def _create(request: HttpRequest, zone, form: ProblemForm) -> bool:
    data = form.cleaned_data
    try:
        problem = create_problem(
            actor=request.user,
            zone=zone,
            title=data["title"],
            source=data["source"],
            grade=data["grade"],
            reported_on=data["reported_on"],
            description=data["description"],
            evidence=data["evidence"],
            source_ref=data["source_ref"],
            department=data["department"],
        )
    except SERVICE_ERRORS as exc:
        form.add_error(None, "；".join(getattr(exc, "messages", [str(exc)])))
        return False
    due = f"，整改时限 {problem.due_on:%Y-%m-%d}" if problem.due_on else ""
    messages.success(request, f"已登记问题 {problem.code}{due}")
    hints = duplicate_hints(
        zone=zone, title=problem.title, description=problem.description, exclude_id=problem.pk
    )
    if hints:
        listed = "、".join(
            f"{hint.problem.code}「{hint.problem.title}」（相似度 {hint.similarity:.0%}）"
            for hint in hints
        )
        messages.warning(request, f"{problem.code} 可能与已登记的问题重复：{listed}，请核对")
    return True


@login_required
def ledger_xlsx(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    _, problems = _filtered(request)
    return attachment(build_ledger_xlsx(problems), "问题台账.xlsx", XLSX)


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    zone = None if request.user.role == "admin" else request.user.zone
    return attachment(problem_template_xlsx(zone=zone), "问题台账导入模板.xlsx", XLSX)
