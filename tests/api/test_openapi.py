import json

import pytest

ENDPOINTS = {
    "/api/me": {"get"},
    "/api/registry/zones": {"get"},
    "/api/registry/departments": {"get"},
    "/api/registry/enterprises": {"get", "post"},
    "/api/registry/enterprises/{enterprise_id}": {"get", "patch"},
    "/api/registry/enterprises/{enterprise_id}/history": {"get"},
}


@pytest.mark.django_db
def test_openapi_document_lists_every_endpoint(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    for path, methods in ENDPOINTS.items():
        assert path in document["paths"], path
        assert methods <= set(document["paths"][path]), path


@pytest.mark.django_db
def test_openapi_declares_both_authentications_and_chinese_docs(client):
    document = client.get("/api/openapi.json").json()
    schemes = document["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
    create = document["paths"]["/api/registry/enterprises"]["post"]
    assert create["tags"] == ["市场主体库"]
    assert {"201", "401", "403", "422"} <= set(create["responses"])
    body = document["components"]["schemas"]["EnterpriseCreateIn"]["properties"]
    assert "统一社会信用代码" in body["uscc"]["description"]
    assert (
        "409"
        in document["paths"]["/api/registry/enterprises/{enterprise_id}"]["patch"]["responses"]
    )


@pytest.mark.django_db
def test_docs_page_is_served(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert b"swagger" in response.content.lower()
    assert "营商环境工作平台 API" in response.content.decode()


@pytest.mark.django_db
def test_docs_page_needs_no_cdn(client):
    html = client.get("/api/docs").content.decode()
    assert "cdn." not in html
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200
