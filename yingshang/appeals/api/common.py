"""What the appeal endpoints share."""

from yingshang.lib.schemas import error_responses

MODULE_PREFIX = "yingshang_appeals_api_"

ACTION_ERRORS = error_responses(401, 403, 404, 409, 422)
"""An action may be refused: not signed in, a role that may not take it (403), a case the caller
may not see (404), a case changed since it was read (409), the workflow or the data (422)."""


def operation_id(name: str) -> str:
    """The operation's id in the OpenAPI document, fixed so that moving an endpoint between
    files never renames a generated client's method."""
    return MODULE_PREFIX + name
