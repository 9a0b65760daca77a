"""Pages of the enterprise registry: the list, one enterprise, creating and editing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from yingshang.enterprises.checks import uscc_type_warning
from yingshang.enterprises.fieldgroups import EDITABLE_FIELDS
from yingshang.enterprises.forms import (
    EnterpriseCreateForm,
    EnterpriseEditForm,
    EnterpriseFilterForm,
    add_service_errors,
)
from yingshang.enterprises.selectors import stats
from yingshang.enterprises.selectors.enterprises import (
    EXPIRING_DAYS,
    EnterpriseFilters,
    enterprise_page,
    get_enterprise,
    qualification_rows,
)
from yingshang.enterprises.services.enterprises import create_enterprise, update_enterprise
from yingshang.enterprises.views.display import conflicts, field_groups
from yingshang.kernel.access import (
    REGISTRY_READERS,
    REGISTRY_WRITERS,
    can_edit_enterprise,
    require_enterprise_editor,
    role_required,
)
from yingshang.kernel.models import Enterprise, Role, User
from yingshang.kernel.versioning import StaleVersionError

NOT_FOUND = "未找到该市场主体，或您无权查看"


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true" and not request.headers.get("HX-Boosted")


def _url_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _visible_or_404(user: User, pk: int) -> Enterprise:
    try:
        return get_enterprise(user=user, pk=pk)
    except Enterprise.DoesNotExist:
        raise Http404(NOT_FOUND) from None


# ---------------------------------------------------------------------------- the list


def _list_context(request: HttpRequest) -> dict:
    user = request.user
    is_admin = user.role == Role.ADMIN
    form = EnterpriseFilterForm(request.GET or None, show_zone=is_admin)
    filters = form.filters() if form.is_bound else EnterpriseFilters()
    after = form.cursor() if form.is_bound else None
    before = form.before_cursor() if form.is_bound else None
    page = enterprise_page(user=user, filters=filters, after_id=after, before_id=before)
    total = stats.list_total(user=user, filters=filters, page=page)
    return {
        "form": form if form.is_bound else EnterpriseFilterForm(show_zone=is_admin),
        "page": page,
        "first_page": page.is_first,
        "total": total.exact,
        "total_above": total.above,
        "show_zone": is_admin,
        "can_create": user.role in REGISTRY_WRITERS,
        "import_url": _url_or_none("registry_import:upload"),
        "export_url": _url_or_none("registry_import:export"),
    }


@login_required
def enterprise_list(request: HttpRequest) -> HttpResponse:
    if request.user.role == Role.ENTERPRISE:
        return redirect("registry:my_enterprise")
    return _enterprise_list(request)


@role_required(*REGISTRY_READERS)
def _enterprise_list(request: HttpRequest) -> HttpResponse:
    context = _list_context(request)
    template = "registry/_enterprise_results.html" if _is_htmx(request) else None
    response = render(request, template or "registry/enterprise_list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# ---------------------------------------------------------------------------- one enterprise


@login_required
def enterprise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    if user.role == Role.ENTERPRISE:
        if user.enterprise_id == pk:
            return redirect("registry:my_enterprise")
        raise Http404(NOT_FOUND)
    return _enterprise_detail(request, pk)


@role_required(*REGISTRY_READERS)
def _enterprise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = _visible_or_404(request.user, pk)
    context = {
        "enterprise": enterprise,
        "groups": field_groups(enterprise),
        "qualifications": qualification_rows(enterprise, timezone.localdate()),
        "can_edit": can_edit_enterprise(user=request.user, enterprise=enterprise),
        "expiring_days": EXPIRING_DAYS,
        "uscc_warning": uscc_type_warning(enterprise.uscc, enterprise.entity_type),
    }
    return render(request, "registry/enterprise_detail.html", context)


@login_required
@role_required(Role.ENTERPRISE)
def my_enterprise(request: HttpRequest) -> HttpResponse:
    enterprise = _visible_or_404(request.user, request.user.enterprise_id or 0)
    context = {
        "enterprise": enterprise,
        "groups": field_groups(enterprise)[:3],
        "qualifications": qualification_rows(enterprise, timezone.localdate()),
        "expiring_days": EXPIRING_DAYS,
    }
    return render(request, "registry/my_enterprise.html", context)


# ---------------------------------------------------------------------------- writing


@login_required
@role_required(*REGISTRY_WRITERS)
def enterprise_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    choose_zone = user.role == Role.ADMIN
    form = EnterpriseCreateForm(request.POST or None, choose_zone=choose_zone)
    if request.method == "POST" and form.is_valid():
        try:
            enterprise = create_enterprise(
                actor=user,
                # Office staff register in their own zone: no zone given means the actor's.
                zone=form.cleaned_data["zone"] if choose_zone else None,
                uscc_code=form.cleaned_data["uscc"],
                data=form.service_data(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"已登记市场主体「{enterprise.name}」。")
            return redirect("registry:enterprise_detail", pk=enterprise.pk)
    context = {"form": form, "creating": True, "uscc_warning": form.uscc_warning()}
    return render(request, "registry/enterprise_form.html", context)


def _stale(user: User, form: EnterpriseEditForm, pk: int) -> dict:
    """Keep the user's input; show what changed meanwhile; let a second save overwrite."""
    current = get_enterprise(user=user, pk=pk)
    form.add_error(
        None,
        f"保存失败: 该记录已被他人修改 (当前为第 {current.version} 版，"
        f"您编辑的是第 {form.cleaned_data['version']} 版)。",
    )
    data = form.data.copy()
    data["version"] = str(current.version)
    form.data = data
    return {
        "conflicts": conflicts(form, current, EDITABLE_FIELDS),
        "current_version": current.version,
        "enterprise_name": current.name,
    }


@login_required
@role_required(*REGISTRY_WRITERS)
def enterprise_edit(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = _visible_or_404(request.user, pk)
    require_enterprise_editor(user=request.user, enterprise=enterprise)
    # The saved name heads the page: a bound form writes the submitted values onto `enterprise`.
    saved_name = enterprise.name
    extra: dict = {}
    if request.method == "POST":
        form = EnterpriseEditForm(request.POST, instance=enterprise)
        if form.is_valid():
            try:
                update_enterprise(
                    actor=request.user,
                    enterprise_id=pk,
                    expected_version=form.cleaned_data["version"],
                    data=form.service_data(),
                    reason=form.cleaned_data["reason"],
                )
            except StaleVersionError:
                extra = _stale(request.user, form, pk)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "修改已保存。")
                return redirect("registry:enterprise_detail", pk=pk)
    else:
        form = EnterpriseEditForm(instance=enterprise, initial={"version": enterprise.version})
    context = {
        "form": form,
        "enterprise_id": pk,
        "enterprise_name": saved_name,
        "creating": False,
        "uscc_warning": form.uscc_warning(),
        **extra,
    }
    return render(request, "registry/enterprise_form.html", context)
