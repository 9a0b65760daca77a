from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy

from yingshang.audit.models import AuditEvent
from yingshang.registry.access import role_required
from yingshang.registry.models import Role
from yingshang.web.forms import AuditFilterForm
from yingshang.web.homes import home_for

AUDIT_PAGE_SIZE = 50


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only (Django 5): the top bar submits a form with the CSRF token."""


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "web/password_change.html"
    success_url = reverse_lazy("web:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "密码已修改。")
        return response


@login_required
def home(request: HttpRequest) -> HttpResponse:
    page = home_for(request.user)
    return render(request, page.template, page.context)


def _audit_events(request: HttpRequest, verb: str, after: int | None) -> tuple[list, int | None]:
    events = AuditEvent.objects.select_related("zone")
    if request.user.role != Role.ADMIN:
        events = events.filter(zone_id=request.user.zone_id)
    if verb:
        events = events.filter(verb=verb)
    if after:
        events = events.filter(pk__lt=after)
    rows = list(events.order_by("-id")[: AUDIT_PAGE_SIZE + 1])
    next_cursor = rows[AUDIT_PAGE_SIZE - 1].pk if len(rows) > AUDIT_PAGE_SIZE else None
    return rows[:AUDIT_PAGE_SIZE], next_cursor


@login_required
@role_required(Role.ADMIN, Role.OFFICE)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    verb, after = "", None
    if form.is_valid():
        verb, after = form.cleaned_data["verb"], form.cleaned_data["after"]
    events, next_cursor = _audit_events(request, verb, after)
    context = {
        "form": form if form.is_bound else AuditFilterForm(),
        "events": events,
        "verb": verb,
        "next_cursor": next_cursor,
        "first_page": after is None,
        "all_zones": request.user.role == Role.ADMIN,
    }
    return render(request, "web/audit_log.html", context)
