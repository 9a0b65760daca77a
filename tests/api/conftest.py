"""API helpers: a bearer token per user. The client (`ApiClient`) and `api_as` serve every test
package: they are in tests/conftest.py."""

import pytest

from tests.conftest import ApiClient
from yingshang.api.services import issue_token

__all__ = ["ApiClient"]


@pytest.fixture
def token_for(db):
    def make(user, **kwargs) -> str:
        _token, plaintext = issue_token(user=user, name=kwargs.pop("name", "测试"), **kwargs)
        return plaintext

    return make
