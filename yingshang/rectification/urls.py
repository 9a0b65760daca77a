"""Mounted at /rectification/ by yingshang/config/urls.py, namespace rectification."""

from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.urls import path, reverse
from django.views.generic import RedirectView

from yingshang.rectification.views import leader, plans, problems, tasks

app_name = "rectification"


def _notification_read_moved(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """A form of a page opened before the move: 308, the browser posts again to the new place."""
    return HttpResponsePermanentRedirect(reverse("web:notification_read"), preserve_request=True)


urlpatterns = [
    path("tasks/", tasks.task_list, name="task_list"),
    path("tasks/board/", tasks.task_board, name="task_board"),
    path("tasks/new/", tasks.task_create, name="task_create"),
    path("tasks/assign/", tasks.task_bulk_assign, name="task_bulk_assign"),
    path("tasks/<int:task_id>/", tasks.task_detail, name="task_detail"),
    path("tasks/<int:task_id>/act/", tasks.task_transition, name="task_transition"),
    path("tasks/<int:task_id>/extension/", tasks.extension_request, name="extension_request"),
    path(
        "tasks/<int:task_id>/files/<int:attachment_id>/",
        tasks.attachment_download,
        name="attachment",
    ),
    path("extensions/<int:extension_id>/decide/", tasks.extension_decide, name="extension_decide"),
    path("problems/", problems.problem_list, name="problem_list"),
    path("problems/ledger.xlsx", problems.ledger_xlsx, name="ledger_xlsx"),
    path("problems/template.xlsx", problems.import_template, name="import_template"),
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_draft, name="plan_draft"),
    path("plans/campaign/new/", plans.campaign_create, name="campaign_create"),
    path("plans/<int:plan_id>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:plan_id>/items/<int:item_id>/", plans.plan_item_edit, name="plan_item_edit"),
    path("plans/<int:plan_id>/<str:step>/", plans.plan_step, name="plan_step"),
    path("plans/<int:plan_id>/plan.docx", plans.plan_docx, name="plan_docx"),
    path("leader/", leader.leader, name="leader"),
    # The notifications page moved to the shell (/notifications/): every user receives them.
    path(
        "notifications/",
        RedirectView.as_view(pattern_name="web:notifications", query_string=True, permanent=True),
    ),
    path("notifications/read/", _notification_read_moved),
]
