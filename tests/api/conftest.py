"""API helpers: a bearer token per user and a client that sends it."""

import json
from typing import Any

import pytest
from django.test import Client

from yingshang.api.services import issue_token


class ApiClient:
    """A test client that authenticates with a bearer token and speaks JSON."""

    def __init__(self, token: str | None = None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, **params: Any):
        return self.client.get(path, params, headers=self.headers)

    def post(self, path: str, body: Any):
        return self.client.post(
            path, json.dumps(body), content_type="application/json", headers=self.headers
        )

    def patch(self, path: str, body: Any):
        return self.client.patch(
            path, json.dumps(body), content_type="application/json", headers=self.headers
        )


@pytest.fixture
def token_for(db):
    def make(user, **kwargs) -> str:
        _token, plaintext = issue_token(user=user, name=kwargs.pop("name", "测试"), **kwargs)
        return plaintext

    return make


@pytest.fixture
def api_as(token_for):
    """api_as(user) -> a client signed in with a fresh token of that user."""

    def make(user) -> ApiClient:
        return ApiClient(token_for(user))

    return make
