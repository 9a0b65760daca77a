from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy

from yingshang.audit.selectors import audit_log_page
from yingshang.kernel.access import role_required
from yingshang.kernel.models import Role
from yingshang.kernel.services.users import change_password
from yingshang.web.forms import AuditFilterForm
from yingshang.web.homes import home_for


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only (Django 5): the top bar submits a form with the CSRF token."""


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "web/password_change.html"
    success_url = reverse_lazy("web:home")

    def form_valid(self, form):
        user = change_password(
            actor=self.request.user,
            user=form.user,
            raw_password=form.cleaned_data["new_password1"],
        )
        update_session_auth_hash(self.request, user)
        messages.success(self.request, "密码已修改。")
        return redirect(self.get_success_url())


@login_required
def home(request: HttpRequest) -> HttpResponse:
    page = home_for(request.user)
    return render(request, page.template, page.context)


@login_required
@role_required(Role.ADMIN, Role.OFFICE)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    verb, after, before = "", None, None
    if form.is_valid():
        data = form.cleaned_data
        verb, after, before = data["verb"], data["after"], data["before"]
        if after is not None and before is not None:
            before = None
    page = audit_log_page(user=request.user, verb=verb, after_id=after, before_id=before)
    context = {
        "form": form if form.is_bound else AuditFilterForm(),
        "entries": page.entries,
        "events": [entry.event for entry in page.entries],
        "verb": verb,
        "next_cursor": page.next_cursor,
        "prev_cursor": page.prev_cursor,
        "first_page": page.is_first,
        "all_zones": request.user.role == Role.ADMIN,
    }
    return render(request, "web/audit_log.html", context)
