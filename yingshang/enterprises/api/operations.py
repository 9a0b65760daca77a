"""Operation ids of the registry API, fixed so that they survive moving a view between modules
(clients generated from the OpenAPI document name their methods after them)."""

PREFIX = "yingshang_enterprises_api_"


def operation_id(view_name: str) -> str:
    return PREFIX + view_name
