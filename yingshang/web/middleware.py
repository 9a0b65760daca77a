"""Guards at the door: request bodies over the limit, and the Content-Security-Policy header."""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

API_PREFIX = "/api/"
METHODS_WITH_BODY = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def too_large_message() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
    return f"请求内容过大 (上限 {size})"


class RequestSizeLimitMiddleware:
    """Answer 413 when the body is over DATA_UPLOAD_MAX_MEMORY_SIZE.

    Django raises RequestDataTooBig wherever the body is first read: in the CSRF check (a 400
    page), in a view's form, or inside the API's view, whose catch-all handler made it a 500.
    Reading it here, before any view or process_view runs, gives one answer for all of them.
    File parts of a multipart body do not count toward the limit (Django's rule), so uploads
    keep the limits their modules set.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in METHODS_WITH_BODY:
            try:
                if request.content_type == "multipart/form-data":
                    request.POST  # noqa: B018 (parsing it is the check)
                else:
                    request.body  # noqa: B018 (reading it is the check)
            except RequestDataTooBig:
                # The body cannot be read again; later readers would raise the same error.
                request._mark_post_parse_error()
                return self.too_large(request)
        return self.get_response(request)

    @staticmethod
    def too_large(request: HttpRequest) -> HttpResponse:
        message = too_large_message()
        if request.path.startswith(API_PREFIX):
            return JsonResponse({"detail": message}, status=413)
        html = render_to_string("413.html", {"message": message}, request=request)
        return HttpResponse(html, status=413)


class ContentSecurityPolicyMiddleware:
    """Add settings.YINGSHANG_CSP to every response that has no policy of its own.

    It sits outermost so that static files served by WhiteNoise carry the header too. An empty
    setting sends no header.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = getattr(settings, "YINGSHANG_CSP", "")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response
