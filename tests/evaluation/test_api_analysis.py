"""The evaluation API's analysis endpoints: standings, weaknesses, what-if, best moves,
robustness, weightings and the report downloads."""

import io
import zipfile

import pytest

from tests.evaluation.helpers import (
    UNITS,
    expected_result,
)
from yingshang.audit.models import AuditEvent
from yingshang.kernel.models import Role

BASE = "/api/evaluation"


def test_standings_of_the_focus_unit_with_the_previous_period(users, api_as, run, zone):
    response = api_as(users[Role.DEPARTMENT]).get(f"{BASE}/runs/{run.pk}/standings")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["unit"], body["period"], body["previous_period"]) == (zone.name, "2024", "2023")
    items = {s["node"]: s for s in body["items"]}
    now, before = expected_result("2024"), expected_result("2023")
    assert items["overall"]["rank"] == now.rank(zone.name)
    assert items["overall"]["previous_rank"] == before.rank(zone.name)
    assert items["days"]["raw"] == 3.5 and items["days"]["unit_label"] == "天"


def test_standings_of_an_unknown_unit_is_422(users, api_as, run):
    response = api_as(users[Role.OFFICE]).get(f"{BASE}/runs/{run.pk}/standings", unit="无此单位")
    assert response.status_code == 422
    assert "unit" in response.json()["errors"]


def test_weaknesses_leave_out_the_frontier(users, api_as, run):
    client = api_as(users[Role.OFFICE])
    unit = UNITS[3]
    response = client.get(f"{BASE}/runs/{run.pk}/weaknesses", unit=unit, leaves_only="true")
    assert response.status_code == 200
    items = response.json()["items"]
    assert items and all(s["is_leaf"] and (s["gap_to_frontier"] or 0) > 0 for s in items)
    expected = expected_result("2024")
    assert {s["node"] for s in items} <= {
        leaf for leaf in expected.leaves if expected.score(unit, leaf) < expected.frontier_of(leaf)
    }


def test_what_if_moves_the_unit_and_changes_nothing(users, api_as, run):
    client = api_as(users[Role.LEADER])
    unit = UNITS[3]  # the slowest: 9.5 days in 2024
    before = AuditEvent.objects.count()
    response = client.post(
        f"{BASE}/runs/{run.pk}/what-if", {"unit": unit, "changes": {"days": 1.0}}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    expected = expected_result("2024")
    assert body["overall_before"] == pytest.approx(expected.score(unit))
    assert body["overall_after"] > body["overall_before"]
    assert {s["node"] for s in body["shifts"]} >= {"days", "speed", "overall"}
    assert all(s["unit"] == unit for s in body["shifts"])
    assert AuditEvent.objects.count() == before
    response = client.post(f"{BASE}/runs/{run.pk}/what-if", {"changes": {"nope": 1.0}})
    assert response.status_code == 422
    response = client.post(f"{BASE}/runs/{run.pk}/what-if", {"changes": {}})
    assert response.status_code == 422


def test_best_moves_lift_the_unit(users, api_as, run):
    unit = UNITS[3]
    response = api_as(users[Role.OFFICE]).get(
        f"{BASE}/runs/{run.pk}/best-moves", unit=unit, max_indicators=2, limit=5
    )
    assert response.status_code == 200, response.content
    moves = response.json()
    assert 0 < len(moves) <= 5
    for move in moves:
        assert 1 <= len(move["changes"]) <= 2
        assert move["rank_gain"] == move["rank_before"] - move["rank_after"]
        assert move["description"]
    assert moves[0]["rank_before"] == expected_result("2024").rank(unit)


def test_robustness_is_bounded_and_per_unit(users, api_as, run):
    client = api_as(users[Role.OFFICE])
    path = f"{BASE}/runs/{run.pk}/robustness"
    assert client.get(path, runs=2001).status_code == 422
    response = client.get(path, runs=50, seed=3)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["runs"] == 50
    expected = expected_result("2024")
    assert {u["unit"]: u["nominal_rank"] for u in body["units"]} == {
        u: expected.rank(u) for u in expected.units
    }
    assert all(s["label"] for s in body["sensitivity"])
    assert client.get(path, runs=50, seed=3).json() == body


def test_weightings_include_the_stated_weights(users, api_as, run):
    response = api_as(users[Role.LEADER]).get(f"{BASE}/runs/{run.pk}/weightings")
    assert response.status_code == 200, response.content
    body = response.json()
    assert "stated" in [s["scheme"] for s in body["schemes"]]
    expected = expected_result("2024")
    for row in body["units"]:
        assert row["scores"]["stated"] == pytest.approx(expected.score(row["unit"]))


@pytest.mark.parametrize(
    ("suffix", "part"), [("docx", "word/document.xml"), ("xlsx", "xl/workbook.xml")]
)
def test_reports_download(users, api_as, run, suffix, part):
    response = api_as(users[Role.LEADER]).get(f"{BASE}/runs/{run.pk}/report.{suffix}")
    assert response.status_code == 200, response.content[:500]
    assert "attachment" in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith(f".{suffix}")
    with zipfile.ZipFile(io.BytesIO(response.content)) as document:
        assert part in document.namelist()


# --- the OpenAPI document --------------------------------------------------------------------
