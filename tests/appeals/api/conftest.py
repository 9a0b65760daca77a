"""Fixtures of the appeal API tests: a bearer-token client per person of a case, a client that
knows the appeal endpoints, and a second enterprise of the same zone with its own account."""

import pytest

from tests.conftest import ApiClient, make_uscc
from yingshang.kernel.models import Enterprise, Role

BASE = "/api/appeals"


class AppealClient(ApiClient):
    def detail(self, appeal_id: int):
        return self.get(f"{BASE}/{appeal_id}")

    def act(self, appeal_id: int, action: str, version: int, **body):
        return self.post(f"{BASE}/{appeal_id}/{action}", {"version": version, **body})


@pytest.fixture
def api_client_class():
    return AppealClient


@pytest.fixture
def as_role(api_as, users):
    """as_role(Role.OFFICE) -> a client signed in as the zone's user of that role."""
    return lambda role: api_as(users[role])


@pytest.fixture
def neighbour(zone, make_user):
    """An account of another enterprise of the same zone."""
    other = Enterprise.objects.create(uscc=make_uscc(), name="郑州邻家商贸有限公司", zone=zone)
    return make_user(Role.ENTERPRISE, zone=zone, enterprise=other)


def new_appeal(client: ApiClient, **fields) -> dict:
    """An appeal registered through the API; the answer's body."""
    body = {
        "kind": "complaint",
        "title": "办理施工许可被多次要求补充材料",
        "content": "同一材料被要求重复提交三次。",
        "channel": "phone",
        "applicant_name": "张三",
        "applicant_phone": "13812345678",
        "applicant_id_number": "410105199001011234",
    } | fields
    response = client.post(f"{BASE}/", body)
    assert response.status_code == 201, response.json()
    return response.json()
