"""The enterprise's and the supervisor's homes: what to do next, and how to reach the office."""

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from yingshang.enterprises.selectors.enterprises import qualification_rows
from yingshang.kernel.models import Qualification, QualificationKind, Role
from yingshang.web.homes import qualification_actions, workday_note

HREF = re.compile(r'href="([^"]+)"')


def _qualify(enterprise, code: str, valid_until: dt.date | None) -> Qualification:
    kind = QualificationKind.objects.get(code=code)
    return Qualification.objects.create(enterprise=enterprise, kind=kind, valid_until=valid_until)


def _home(client_for, role) -> str:
    response = client_for(role).get(reverse("web:home"))
    assert response.status_code == 200
    return response.content.decode()


# ------------------------------------------------------------------- qualifications


def test_actions_say_what_to_do_earliest_end_first(enterprise):
    today = dt.date(2026, 12, 4)
    _qualify(enterprise, "high_tech", dt.date(2027, 1, 3))
    _qualify(enterprise, "specialized", dt.date(2026, 11, 7))
    _qualify(enterprise, "sme_tech", today)
    _qualify(enterprise, "above_scale", None)
    _qualify(enterprise, "little_giant", dt.date(2030, 1, 1))
    actions = qualification_actions(qualification_rows(enterprise, today), today)
    assert [(a.name, a.expired) for a in actions] == [
        ("专精特新中小企业", True),
        ("科技型中小企业", False),
        ("高新技术企业", False),
    ]
    assert [a.advice for a in actions] == [
        "已过期（有效期至 2026-11-07）：请尽快办理延续或重新申领。",
        "今天到期（有效期至 2026-12-04）：请尽快向发证机关申请延续。",
        "将于 30 天后到期（有效期至 2027-01-03）：请在到期前向发证机关申请延续。",
    ]


def test_enterprise_home_lists_what_to_do(client_for, enterprise):
    today = timezone.localdate()
    _qualify(enterprise, "high_tech", today + dt.timedelta(days=20))
    _qualify(enterprise, "specialized", today - dt.timedelta(days=1))
    html = _home(client_for, Role.ENTERPRISE)
    assert 'id="qualification-actions"' in html
    assert "将于 20 天后到期" in html and "请在到期前向发证机关申请延续。" in html
    assert "请尽快办理延续或重新申领。" in html
    assert "暂无需要办理的事项" not in html


def test_enterprise_home_with_valid_qualifications_has_nothing_to_do(client_for, enterprise):
    _qualify(enterprise, "high_tech", timezone.localdate() + dt.timedelta(days=400))
    html = _home(client_for, Role.ENTERPRISE)
    assert "暂无需要办理的事项" in html
    assert 'id="qualification-actions"' not in html


# ------------------------------------------------------------------- reaching the office


def test_enterprise_home_gives_the_next_step_and_contacts(client_for, users, departments):
    office = users[Role.OFFICE]
    office.phone = "0371-12345678"
    office.email = ""
    office.save()
    html = _home(client_for, Role.ENTERPRISE)
    assert "有诉求需要反映，请致电下列营商办工作人员" in html
    assert f"前往{departments['xzsp'].name}营商办窗口当面反映" in html
    assert 'href="tel:0371-12345678"' in html
    # No address, no e-mail link: an empty mailto would open a blank message.
    assert "mailto:" not in html
    assert "发电子邮件" not in html


def test_contacts_with_an_address_get_a_mail_link(client_for, users):
    office = users[Role.OFFICE]
    office.email = "yingshang@example.cn"
    office.save()
    for role in (Role.ENTERPRISE, Role.SUPERVISOR):
        html = _home(client_for, role)
        assert 'href="mailto:yingshang@example.cn"' in html
        assert "致电或发电子邮件给" in html


def test_without_contacts_the_enterprise_is_sent_to_the_window(client_for, users, departments):
    users[Role.OFFICE].delete()
    html = _home(client_for, Role.ENTERPRISE)
    assert "营商办尚未登记联系人" in html
    assert f"请前往{departments['xzsp'].name}营商办窗口当面反映。" in html
    assert "请致电下列" not in html


def test_supervisor_home_guides_a_report(client_for, users, departments):
    office = users[Role.OFFICE]
    office.phone = "0371-87654321"
    office.save()
    html = _home(client_for, Role.SUPERVISOR)
    assert "如何反映问题" in html
    for part in ("时间：", "地点：", "涉及部门：", "事实经过：", "证据："):
        assert part in html
    after = html.split('id="after-report"', 1)[1].split("</ol>", 1)[0]
    assert [step in after for step in ("受理", "转办", "回复")] == [True, True, True]
    assert departments["xzsp"].name in html
    assert 'href="tel:0371-87654321"' in html


def _page_links(client) -> set[str]:
    html = client.get(reverse("web:home")).content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return {h for h in HREF.findall(main) if not h.startswith(("tel:", "mailto:", "#"))}


def test_every_link_on_the_guided_homes_opens(client_for, users):
    """The guidance links only to pages that exist and that the role may open."""
    opened = []
    for role in (Role.ENTERPRISE, Role.SUPERVISOR):
        client = client_for(role)
        for link in _page_links(client):
            assert client.get(link).status_code == 200, (role, link)
            opened.append(link)
    assert reverse("registry:my_enterprise") in opened


def test_workday_note_names_the_next_working_day(db):
    # 2025: 国庆 and 中秋 from 1 to 8 October; Saturday 11 October is worked.
    assert workday_note(dt.date(2025, 10, 4)) == "今天是休息日，下一个工作日是 10月9日（星期四）。"
    assert workday_note(dt.date(2025, 10, 9)) == "今天（10月9日，星期四）是工作日。"
