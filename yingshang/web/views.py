from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy

from yingshang.registry.access import role_required
from yingshang.registry.models import Role


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "web/password_change.html"
    success_url = reverse_lazy("web:home")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {})


@login_required
@role_required(Role.ADMIN, Role.OFFICE)
def audit_log(request: HttpRequest) -> HttpResponse:
    return render(request, "web/audit_log.html", {})
