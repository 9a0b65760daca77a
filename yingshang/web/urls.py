from django.conf import settings
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.urls import path

from yingshang.web import notifications, views

app_name = "web"


def _favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico by themselves; the icon lives with the static files.

    The target is the file's plain name, not its hashed one: a permanent redirect is kept by
    browsers, and the plain name stays valid after a new icon is collected.
    """
    return HttpResponsePermanentRedirect(f"{settings.STATIC_URL}img/favicon.ico")


urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", _favicon, name="favicon"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("audit/", views.audit_log, name="audit_log"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.notification_read, name="notification_read"),
]
