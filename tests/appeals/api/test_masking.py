"""Phone and ID numbers are whole for those who handle the case and for the applicant's own
enterprise, masked for everyone else, in the list and in the detail."""

from tests.appeals.api.conftest import BASE, new_appeal
from yingshang.kernel.models import Role

PHONE, ID_NUMBER = "13812345678", "410105199001011234"
MASKED_PHONE, MASKED_ID = "138****5678", "410105********1234"


def _applicants(client, appeal_id: int) -> tuple[dict, dict]:
    listed = next(a for a in client.get(f"{BASE}/").json()["items"] if a["id"] == appeal_id)
    return listed["applicant"], client.detail(appeal_id).json()["applicant"]


def test_a_leader_reads_masked_numbers(as_role, enterprise):
    appeal = new_appeal(as_role(Role.OFFICE), enterprise_id=enterprise.pk)
    for applicant in _applicants(as_role(Role.LEADER), appeal["id"]):
        assert (applicant["phone"], applicant["id_number"]) == (MASKED_PHONE, MASKED_ID)
        assert applicant["masked"] is True
    raw = as_role(Role.LEADER).detail(appeal["id"]).content.decode()
    assert PHONE not in raw.replace(MASKED_PHONE, "") and ID_NUMBER not in raw


def test_handlers_and_the_applicant_read_them_whole(as_role, enterprise):
    appeal = new_appeal(as_role(Role.OFFICE), enterprise_id=enterprise.pk)
    for role in (Role.OFFICE, Role.ADMIN, Role.ENTERPRISE):
        for applicant in _applicants(as_role(role), appeal["id"]):
            assert (applicant["phone"], applicant["id_number"]) == (PHONE, ID_NUMBER), role
            assert applicant["masked"] is False


def test_an_anonymous_applicant_is_anonymous_to_a_leader(as_role):
    appeal = new_appeal(as_role(Role.OFFICE), anonymous=True, applicant_name="王五")
    listed, detail = _applicants(as_role(Role.LEADER), appeal["id"])
    assert listed["name"] == detail["name"] == "匿名"
    assert as_role(Role.OFFICE).detail(appeal["id"]).json()["applicant"]["name"] == "王五"
