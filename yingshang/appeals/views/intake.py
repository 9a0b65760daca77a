"""Taking an appeal in: 诉求登记 by the office (any channel, any enterprise of the zone or none)
and 提出诉求 by an enterprise user (online, its own enterprise)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from yingshang.appeals.forms import EnterpriseIntakeForm, OfficeIntakeForm
from yingshang.appeals.selectors.pages import enterprise_by_uscc, kind_choices
from yingshang.appeals.services.intake import receive_appeal
from yingshang.appeals.views.common import SERVICE_ERRORS, add_service_errors
from yingshang.kernel.access import APPEAL_INTAKE, role_required, zone_for_page
from yingshang.kernel.models import Role


def _office_fields(form: OfficeIntakeForm, zone) -> dict | None:
    """The office form's extra arguments; None (with the error on the form) for a credit code
    naming no enterprise of the zone."""
    data = form.cleaned_data
    enterprise = None
    if data["enterprise_uscc"].strip():
        enterprise = enterprise_by_uscc(zone, data["enterprise_uscc"])
        if enterprise is None:
            form.add_error("enterprise_uscc", "本功能区没有该统一社会信用代码的市场主体")
            return None
    return {
        "channel": data["channel"],
        "enterprise": enterprise,
        "applicant_id_number": data["applicant_id_number"],
        "anonymous": data["anonymous"],
        "received_on": data["received_on"],
    }


@login_required
@role_required(*APPEAL_INTAKE)
def appeal_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    as_enterprise = user.role == Role.ENTERPRISE
    zone = user.enterprise.zone if as_enterprise and user.enterprise else None
    zone = zone or zone_for_page(user, request.GET.get("zone", ""))
    form_class = EnterpriseIntakeForm if as_enterprise else OfficeIntakeForm
    initial = {"applicant_name": user.full_name} if as_enterprise else {}
    form = form_class(request.POST or None, initial=initial, kinds=kind_choices(zone))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        extra = {} if as_enterprise else _office_fields(form, zone)
        if extra is not None:
            try:
                appeal = receive_appeal(
                    actor=user,
                    zone=zone,
                    kind=data["kind"],
                    title=data["title"],
                    content=data["content"],
                    applicant_name=data["applicant_name"],
                    applicant_phone=data["applicant_phone"],
                    **extra,
                )
            except SERVICE_ERRORS as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    f"已登记诉求 {appeal.number}，受理审查时限 "
                    f"{appeal.acceptance_deadline.isoformat()}",
                )
                return redirect("appeals:appeal_detail", appeal.pk)
    context = {
        "form": form,
        "heading": "提出诉求" if as_enterprise else "诉求登记",
        "as_enterprise": as_enterprise,
    }
    return render(request, "appeals/appeal_form.html", context)
