"""The registry's audit events: one function per event, verbs named <noun>.<past participle>."""

import re

from tests.conftest import make_uscc
from tests.enterprises.files import row, write_csv
from yingshang.audit.models import AuditEvent
from yingshang.enterprises import events
from yingshang.enterprises.imports.service import import_enterprises
from yingshang.enterprises.services.enterprises import create_enterprise, update_enterprise
from yingshang.kernel.models import Enterprise, Role

VERB = re.compile(r"^[a-z_]+\.[a-z_]+ed$")


def test_verbs_are_noun_dot_past_participle():
    assert all(VERB.match(v) for v in (events.CREATED, events.UPDATED, events.IMPORTED))


def test_page_and_api_writes_record_created_then_updated(users, zone):
    office = users[Role.OFFICE]
    ent = create_enterprise(actor=office, uscc_code=make_uscc(), data={"name": "事件测试有限公司"})
    update_enterprise(actor=office, enterprise_id=ent.pk, expected_version=1, data={"employees": 9})
    verbs = list(
        AuditEvent.objects.filter(object_id=str(ent.pk)).order_by("id").values_list("verb", "zone")
    )
    assert verbs == [(events.CREATED, zone.pk), (events.UPDATED, zone.pk)]


def test_an_import_records_its_updates_and_one_summary(users, zone, enterprise, tmp_path):
    path = write_csv(
        tmp_path / "a.csv",
        [
            row(uscc=enterprise.uscc, name="郑州测试科技股份有限公司"),
            row(uscc=make_uscc(), name="新"),
        ],
    )
    result = import_enterprises(path=path, actor=users[Role.OFFICE], default_zone=zone)
    assert result.committed and (result.created, result.updated) == (1, 1)
    updated = AuditEvent.objects.get(verb=events.UPDATED)
    assert (updated.object_id, updated.zone_id) == (str(enterprise.pk), zone.pk)
    assert updated.object_type == Enterprise._meta.label_lower
    assert updated.before == {"name": "郑州测试科技有限公司"}
    assert updated.after == {"name": "郑州测试科技股份有限公司"}
    assert updated.actor == users[Role.OFFICE] and updated.reason == "批量导入: a.csv"
    summary = AuditEvent.objects.get(verb=events.IMPORTED)
    assert summary.object_id == str(zone.pk) and summary.after["created"] == 1
