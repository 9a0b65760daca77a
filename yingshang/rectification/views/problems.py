"""The problem ledger (问题台账): the table with filters, registering a problem, importing a
spreadsheet (all rows or none) and downloading the ledger or the import template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from yingshang.kernel.access import (
    RECTIFICATION_READERS,
    RECTIFICATION_WRITERS,
    has_role,
    require_role,
    role_required,
    zone_for_page,
)
from yingshang.kernel.models import Role
from yingshang.lib.files import XLSX, attachment
from yingshang.rectification.documents import (
    ImportRejected,
    build_ledger_xlsx,
    import_problems,
    problem_template_xlsx,
)
from yingshang.rectification.forms import ProblemFilterForm, ProblemForm, ProblemImportForm
from yingshang.rectification.selectors import problems as selectors
from yingshang.rectification.selectors.reference import zone_departments
from yingshang.rectification.services.problems import create_problem
from yingshang.rectification.views.common import SERVICE_ERRORS, form_error, is_writer

LISTED_PROBLEMS = 300


def _filtered(request: HttpRequest):
    form = ProblemFilterForm(request.GET or None)
    return form, selectors.problem_list(user=request.user, filters=form.filters())


@login_required
def problem_list(request: HttpRequest) -> HttpResponse:
    filter_form, problems = _filtered(request)
    writer = is_writer(request.user)
    posted = request.POST.get("form", "") if request.method == "POST" else ""
    if request.method == "POST":
        # The ledger's forms are the office's; the services check each write again.
        require_role(request.user, *RECTIFICATION_WRITERS)
    create_form = import_form = None
    import_problems_list: list[str] = []
    if writer:
        zone = zone_for_page(request.user, request.GET.get("zone", ""))
        create_form = ProblemForm(
            request.POST if posted == "create" else None,
            departments=zone_departments(request.user, zone),
        )
        import_form = ProblemImportForm(
            request.POST if posted == "import" else None,
            request.FILES if posted == "import" else None,
        )
        if posted == "create" and create_form.is_valid() and _create(request, zone, create_form):
            return redirect("rectification:problem_list")
        if posted == "import" and import_form.is_valid():
            done, import_problems_list = _import(request, zone, import_form)
            if done:
                return redirect("rectification:problem_list")
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


def _import(request: HttpRequest, zone, form: ProblemImportForm) -> tuple[bool, list[str]]:
    """(imported, the reasons a rejected file was not imported)."""
    try:
        outcome = import_problems(
            actor=request.user, zone=zone, uploaded_file=form.cleaned_data["file"]
        )
    except ImportRejected as exc:
        form.add_error(None, "文件中有错误，未导入任何问题。")
        return False, exc.problems
    except SERVICE_ERRORS as exc:
        form.add_error(None, "；".join(exc.messages))
        return False, []
    messages.success(request, outcome.summary)
    return True, []


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
        form.add_error(None, form_error(exc))
        return False
    due = f"，整改时限 {problem.due_on:%Y-%m-%d}" if problem.due_on else ""
    messages.success(request, f"已登记问题 {problem.code}{due}")
    hints = selectors.duplicate_hints(
        zone=zone,
        title=problem.title,
        description=problem.description,
        exclude_id=problem.pk,
        user=request.user,
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
    _, problems = _filtered(request)
    return attachment(build_ledger_xlsx(problems), "问题台账.xlsx", XLSX)


@login_required
@role_required(*RECTIFICATION_READERS)
def import_template(request: HttpRequest) -> HttpResponse:
    zone = None if has_role(request.user, Role.ADMIN) else request.user.zone
    return attachment(problem_template_xlsx(zone=zone), "问题台账导入模板.xlsx", XLSX)
