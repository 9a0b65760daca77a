import io

import pytest

from tests.api.conftest import ApiClient
from tests.evaluation.helpers import publish
from yingshang.evaluation import selectors
from yingshang.evaluation.models import EvaluationRun
from yingshang.kernel.models import Role

BASE = "/api/evaluation"


@pytest.fixture(autouse=True)
def _fresh_result_cache():
    """Run ids are reused after a rolled-back test; the cache must not carry results over."""
    selectors.clear_caches()
    yield
    selectors.clear_caches()


class EvaluationClient(ApiClient):
    def upload(self, content: bytes, filename: str = "data.csv", **fields):
        data = {"file": io.BytesIO(content), **fields}
        data["file"].name = filename
        return self.client.post(f"{BASE}/datasets", data, headers=self.headers)


@pytest.fixture
def api_client_class():
    """`api_as` (tests/conftest.py) makes evaluation clients here."""
    return EvaluationClient


@pytest.fixture
def run(zone, users) -> EvaluationRun:
    return publish(zone, users[Role.OFFICE])


@pytest.fixture
def foreign_run(other_zone, users) -> EvaluationRun:
    return publish(other_zone, users[Role.ADMIN])
