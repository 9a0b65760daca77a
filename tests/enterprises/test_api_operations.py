"""The registry API keeps its operation ids (generated clients name their methods after them)
and its one tag, whichever module of the api package a view lives in."""

import pytest

OPERATIONS = {
    ("/api/registry/zones", "get"): "list_zones",
    ("/api/registry/departments", "get"): "list_departments",
    ("/api/registry/enterprises", "get"): "list_enterprises",
    ("/api/registry/enterprises", "post"): "add_enterprise",
    ("/api/registry/enterprises/{enterprise_id}", "get"): "enterprise_detail",
    ("/api/registry/enterprises/{enterprise_id}", "patch"): "change_enterprise",
    ("/api/registry/enterprises/{enterprise_id}/history", "get"): "enterprise_history",
}


@pytest.mark.django_db
def test_operation_ids_and_tags_are_stable(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    found = {
        (path, method): operation
        for path, methods in paths.items()
        if path.startswith("/api/registry/")
        for method, operation in methods.items()
    }
    assert set(found) == set(OPERATIONS)
    for key, name in OPERATIONS.items():
        assert found[key]["operationId"] == f"yingshang_enterprises_api_{name}", key
        assert found[key]["tags"] == ["市场主体库"], key
