"""What the rectification endpoints share."""

LIST_LIMIT = 500
"""The most rows a list endpoint answers."""

MODULE_PREFIX = "yingshang_rectification_api_"


def operation_id(name: str) -> str:
    """The operation's id in the OpenAPI document, as it was before the endpoints were split by
    resource (clients generated from the document keep their method names)."""
    return MODULE_PREFIX + name
