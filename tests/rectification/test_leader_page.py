"""The leader page's ranking and its overdue chart: one set of figures, each explained."""

import datetime as dt
import json
import re

from django.urls import reverse

from tests.rectification.helpers import html_of, new_task, submitted
from yingshang.kernel.models import Role
from yingshang.rectification.models import Task
from yingshang.rectification.services import tasks as task_services


def _move_deadline(task, days_ago: int) -> None:
    Task.objects.filter(pk=task.pk).update(deadline=dt.date.today() - dt.timedelta(days=days_ago))


def _step(office, task, action):
    task.refresh_from_db()
    return task_services.transition(
        actor=office, task_id=task.pk, action=action, expected_version=task.version
    )


def _ranking_cells(html: str) -> dict[str, list[str]]:
    """Each ranking row's cells by department name."""
    table = re.search(r'id="ranking-table".*?</table>', html, re.S).group(0)
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    cells = [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in rows
    ]
    return {row[1]: row for row in cells}


def _overdue_chart(html: str) -> dict[str, int]:
    raw = re.search(r'id="overdue-option"[^>]*>(.*?)</script>', html, re.S).group(1)
    option = json.loads(raw)
    return dict(zip(option["yAxis"]["data"], option["series"][0]["data"], strict=True))


def test_ranking_and_overdue_chart_agree(client_for, users, office, zone, departments):
    scjg, xzsp = departments["scjg"], departments["xzsp"]
    # scjg: one task open past its deadline, one done late and closed (still 超期 in the period).
    _move_deadline(new_task(office, zone, scjg, title="未办结", assign=True), 3)
    late = new_task(office, zone, scjg, title="逾期办结", assign=True)
    _move_deadline(late, 2)
    late = submitted(Task.objects.get(pk=late.pk), users[Role.DEPARTMENT])
    _step(office, _step(office, late, "accept"), "close")
    # xzsp: a task open past a deadline long before the period, nothing closed.
    old = new_task(office, zone, xzsp, title="陈年任务", assign=True)
    Task.objects.filter(pk=old.pk).update(deadline=dt.date(2020, 1, 6))

    html = html_of(client_for(Role.LEADER).get(reverse("rectification:leader")))
    table = _ranking_cells(html)
    chart = _overdue_chart(html)
    overdue_in_table = {name: int(row[4]) for name, row in table.items() if int(row[4])}
    assert overdue_in_table == chart == {scjg.name: 2}
    # A department with no closures has no mean: "—", never 0.0.
    assert table[xzsp.name][7] == "—"
    assert table[scjg.name][7] != "—"


def test_figures_are_explained_with_the_zones_weights(client_for, office, zone, departments):
    from yingshang.rectification.models import RectificationSettings

    RectificationSettings.objects.update_or_create(
        zone=zone, defaults={"score_weights": {"on_time": 70}}
    )
    _move_deadline(new_task(office, zone, departments["scjg"], assign=True), 3)
    html = html_of(client_for(Role.LEADER).get(reverse("rectification:leader")))
    terms = re.sub(r"<[^>]+>", "", re.search(r'id="ranking-terms".*?</dl>', html, re.S).group(0))
    assert "超期" in terms and "平均办结" in terms and "得分" in terms
    assert "按期完成率（按期完成 ÷ 交办，权重 70）" in terms
    assert "销号率（销号 ÷ 交办，权重 25）" in terms
    assert 'id="overdue-chart-note"' in html
