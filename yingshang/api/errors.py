"""One error format for the whole API: {"detail": "<中文说明>", "errors": {"字段": ["原因"]}}."""

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from yingshang.api.pydantic_messages import field_of, message_of
from yingshang.kernel.versioning import ConflictError

NOT_AUTHENTICATED = "未登录或令牌无效"
FORBIDDEN = "无权访问"
NOT_FOUND = "对象不存在或无权查看"
INVALID = "提交的数据有误"
STALE = "版本冲突"
SERVER_ERROR = "服务器内部错误，请稍后重试或联系管理员"
BAD_REQUEST = {400: "请求格式有误 (请求体应为 JSON)"}


logger = logging.getLogger("django.request")


def error_body(detail: str, errors: Mapping[str, list[str]] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"detail": detail}
    if errors:
        body["errors"] = {key: list(messages) for key, messages in errors.items()}
    return body


def _summary(errors: Mapping[str, Iterable[str]]) -> str:
    """The one message if there is one, else a count, so `detail` alone is still useful."""
    messages = [m for ms in errors.values() for m in ms]
    if len(messages) == 1:
        return messages[0]
    return f"{INVALID} (共 {len(messages)} 处)"


def install_error_handlers(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(AuthenticationError)
    def not_authenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = respond(request, 401, error_body(NOT_AUTHENTICATED))
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        detail = BAD_REQUEST.get(exc.status_code, str(exc))
        return respond(request, exc.status_code, error_body(detail))

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, error_body(str(exc) or FORBIDDEN))

    @api.exception_handler(Http404)
    def http_404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, error_body(NOT_FOUND))

    @api.exception_handler(ObjectDoesNotExist)
    def does_not_exist(request: HttpRequest, exc: ObjectDoesNotExist) -> HttpResponse:
        return respond(request, 404, error_body(NOT_FOUND))

    @api.exception_handler(ConflictError)
    def conflict(request: HttpRequest, exc: ConflictError) -> HttpResponse:
        return respond(request, 409, error_body("; ".join(exc.messages) or STALE))

    @api.exception_handler(DjangoValidationError)
    def invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        if hasattr(exc, "error_dict"):
            errors = {
                ("__all__" if key == NON_FIELD_ERRORS else key): messages
                for key, messages in exc.message_dict.items()
            }
            return respond(request, 422, error_body(_summary(errors), errors))
        return respond(request, 422, error_body("; ".join(exc.messages) or INVALID))

    @api.exception_handler(NinjaValidationError)
    def schema_invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            errors.setdefault(field_of(error), []).append(message_of(error))
        return respond(request, 422, error_body(_summary(errors), errors))

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        if settings.DEBUG:
            raise exc
        logger.error("Internal Server Error: %s", request.path, exc_info=exc)
        return respond(request, 500, error_body(SERVER_ERROR))
