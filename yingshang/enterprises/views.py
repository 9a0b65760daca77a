"""Pages of the enterprise registry: the list, one enterprise, creating and editing."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from yingshang.core.industry import section_name
from yingshang.enterprises.fieldgroups import EDITABLE_FIELDS, ENTERPRISE_FIELD_GROUPS
from yingshang.enterprises.forms import (
    EnterpriseCreateForm,
    EnterpriseEditForm,
    EnterpriseFilterForm,
    add_service_errors,
)
from yingshang.enterprises.selectors import stats
from yingshang.enterprises.selectors.enterprises import (
    EnterpriseFilters,
    EnterprisePage,
    enterprise_page,
    get_enterprise,
)
from yingshang.enterprises.services.enterprises import (
    create_enterprise,
    update_enterprise,
)
from yingshang.kernel.access import (
    REGISTRY_READERS,
    REGISTRY_WRITERS,
    can_edit_enterprise,
    require_enterprise_editor,
    role_required,
)
from yingshang.kernel.models import Enterprise, Qualification, Role, User
from yingshang.kernel.versioning import StaleVersionError

EXPIRING_DAYS = 90


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true" and not request.headers.get("HX-Boosted")


def _url_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


# ---------------------------------------------------------------------------- the list


def _only(filters: EnterpriseFilters, *names: str) -> bool:
    """True when no filter other than `names` is set."""
    checked = ("q", "status", "entity_type", "industry_section", "size_class")
    checked += ("credit_risk_class", "qualification")
    return all(not getattr(filters, name) for name in checked if name not in names)


def _cheap_total(user: User, filters: EnterpriseFilters, page: EnterprisePage, first: bool):
    """The number of matches when it costs no table scan, else None."""
    if first and page.next_cursor is None:
        return len(page.items)
    zone_id = user.zone_id if user.role != Role.ADMIN else filters.zone_id
    if zone_id is None or filters.zone_id not in (None, zone_id):
        return None
    if _only(filters, "status", "size_class") and not (filters.status and filters.size_class):
        summary = stats.registry_summary(zone_id)
        if filters.status:
            return summary.status_counts.get(filters.status, 0)
        if filters.size_class:
            return summary.size_counts.get(filters.size_class, 0)
        return summary.total
    if _only(filters, "industry_section"):
        counts = {b.code: b.count for b in stats.industry_sections(zone_id)}
        return counts.get(filters.industry_section, 0)
    return None


def _list_context(request: HttpRequest) -> dict:
    user = request.user
    is_admin = user.role == Role.ADMIN
    form = EnterpriseFilterForm(request.GET or None, show_zone=is_admin)
    filters = form.filters() if form.is_bound else EnterpriseFilters()
    after = form.cursor() if form.is_bound else None
    page = enterprise_page(user=user, filters=filters, after_id=after)
    return {
        "form": form if form.is_bound else EnterpriseFilterForm(show_zone=is_admin),
        "page": page,
        "first_page": after is None,
        "total": _cheap_total(user, filters, page, after is None),
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


@dataclass(frozen=True)
class FieldRow:
    label: str
    value: object
    name: str


def _display(enterprise: Enterprise, name: str) -> object:
    if name == "zone":
        return enterprise.zone.name
    if name == "industry_section" and enterprise.industry_section:
        return f"{enterprise.industry_section} {section_name(enterprise.industry_section)}"
    field = Enterprise._meta.get_field(name)
    if field.choices:
        return getattr(enterprise, f"get_{name}_display")()
    return getattr(enterprise, name)


def field_groups(enterprise: Enterprise) -> list[tuple[str, list[FieldRow]]]:
    groups = []
    for title, names in ENTERPRISE_FIELD_GROUPS:
        rows = [
            FieldRow(str(Enterprise._meta.get_field(n).verbose_name), _display(enterprise, n), n)
            for n in names
        ]
        groups.append((title, rows))
    return groups


@dataclass(frozen=True)
class QualificationRow:
    qualification: Qualification
    expired: bool
    expiring: bool


def qualification_rows(enterprise: Enterprise, today: date) -> list[QualificationRow]:
    soon = today + timedelta(days=EXPIRING_DAYS)
    rows = []
    for q in enterprise.qualifications.select_related("kind"):
        until = q.valid_until
        expired = until is not None and until < today
        expiring = not expired and until is not None and until <= soon
        rows.append(QualificationRow(q, expired, expiring))
    return rows


def _visible_or_404(user: User, pk: int) -> Enterprise:
    try:
        return get_enterprise(user=user, pk=pk)
    except Enterprise.DoesNotExist:
        raise Http404("未找到该市场主体, 或您无权查看") from None


@login_required
def enterprise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    if user.role == Role.ENTERPRISE:
        if user.enterprise_id == pk:
            return redirect("registry:my_enterprise")
        raise Http404("未找到该市场主体, 或您无权查看")
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
        zone = form.cleaned_data["zone"] if choose_zone else user.zone
        try:
            enterprise = create_enterprise(
                actor=user,
                zone=zone,
                uscc_code=form.cleaned_data["uscc"],
                data=form.service_data(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"已登记市场主体「{enterprise.name}」。")
            return redirect("registry:enterprise_detail", pk=enterprise.pk)
    return render(request, "registry/enterprise_form.html", {"form": form, "creating": True})


def _conflicts(form: EnterpriseEditForm, current: Enterprise) -> list[FieldRow]:
    """Fields whose saved value now differs from what the user submitted."""
    rows = []
    for name in EDITABLE_FIELDS:
        mine = form.cleaned_data.get(name)
        theirs = getattr(current, name)
        if (mine or None) != (theirs or None):
            rows.append(FieldRow(str(form.fields[name].label), _display(current, name), name))
    return rows


def _stale(form: EnterpriseEditForm, pk: int) -> dict:
    """Keep the user's input; show what changed meanwhile; let a second save overwrite."""
    current = Enterprise.objects.select_related("zone").get(pk=pk)
    form.add_error(
        None,
        f"保存失败: 该记录已被他人修改 (当前为第 {current.version} 版, "
        f"您编辑的是第 {form.cleaned_data['version']} 版)。",
    )
    data = form.data.copy()
    data["version"] = str(current.version)
    form.data = data
    return {"conflicts": _conflicts(form, current), "current_version": current.version}


@login_required
@role_required(*REGISTRY_WRITERS)
def enterprise_edit(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = _visible_or_404(request.user, pk)
    require_enterprise_editor(user=request.user, enterprise=enterprise)
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
                extra = _stale(form, pk)
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
        "enterprise_name": Enterprise.objects.values_list("name", flat=True).get(pk=pk),
        "creating": False,
        **extra,
    }
    return render(request, "registry/enterprise_form.html", context)
