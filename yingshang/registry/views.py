from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from yingshang.registry.access import REGISTRY_READERS, role_required
from yingshang.registry.models import Role


@login_required
@role_required(*REGISTRY_READERS)
def enterprise_list(request: HttpRequest) -> HttpResponse:
    return render(request, "registry/enterprise_list.html", {})


@login_required
@role_required(Role.ENTERPRISE)
def my_enterprise(request: HttpRequest) -> HttpResponse:
    return render(request, "registry/my_enterprise.html", {})
