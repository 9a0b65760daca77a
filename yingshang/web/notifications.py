"""The user's own notifications (交办、催办、督办、通报、退回、延期审批 and the like), from
whichever module sent them: every user receives notifications, so every user has the page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from yingshang.kernel.notifications import mark_read, notifications_for

PAGE_SIZE = 100


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    notifications = notifications_for(request.user, unread=unread_only)[:PAGE_SIZE]
    context = {
        "notifications": notifications,
        "unread_only": unread_only,
        "unread_count": notifications_for(request.user, unread=True).count(),
    }
    return render(request, "web/notifications.html", context)


@login_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    """Mark one notification (`id`) or all of the user's unread ones read, then follow `link`
    (a local path only)."""
    raw_id = request.POST.get("id", "")
    ids = [int(raw_id)] if raw_id.isdigit() else None
    mark_read(user=request.user, notification_ids=ids)
    link = request.POST.get("link", "")
    if ids and link.startswith("/") and not link.startswith("//"):
        return redirect(link)
    return redirect("web:notifications")
