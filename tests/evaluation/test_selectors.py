"""Evaluation reads: scoped by role and zone, and results re-derived from what is stored."""

import numpy as np
import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tests.evaluation.helpers import (
    METHODOLOGY,
    PERIODS,
    UNITS,
    expected_result,
    indicator_rows,
    publish,
    upload,
)
from yingshang.core.evaluation import Observations
from yingshang.core.evaluation.loading import preset_names
from yingshang.evaluation import selectors
from yingshang.evaluation.services import run_evaluation, save_methodology, upload_dataset
from yingshang.kernel.models import Role


@pytest.fixture
def run(zone, users):
    return publish(zone, users[Role.OFFICE])


@pytest.fixture
def foreign_run(other_zone, users):
    return publish(other_zone, users[Role.ADMIN])


# --- scope -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.OFFICE, Role.LEADER, Role.DEPARTMENT])
def test_zone_readers_see_their_zones_runs_only(users, run, foreign_run, role):
    user = users[role]
    assert list(selectors.runs_visible_to(user)) == [run]
    assert selectors.get_run(user=user, run_id=run.pk) == run
    with pytest.raises(Http404):
        selectors.get_run(user=user, run_id=foreign_run.pk)
    assert set(selectors.datasets_visible_to(user)) == {run.dataset, run.survey}


def test_a_run_that_does_not_exist_is_404(users, run):
    with pytest.raises(Http404):
        selectors.get_run(user=users[Role.OFFICE], run_id=run.pk + 1000)


@pytest.mark.parametrize("role", [Role.ENTERPRISE, Role.SUPERVISOR])
def test_enterprise_and_supervisor_are_denied(users, run, role):
    user = users[role]
    with pytest.raises(PermissionDenied):
        selectors.runs_visible_to(user)
    with pytest.raises(PermissionDenied):
        selectors.get_run(user=user, run_id=run.pk)
    with pytest.raises(PermissionDenied):
        selectors.datasets_visible_to(user)
    with pytest.raises(PermissionDenied):
        selectors.methodologies_visible_to(user)


def test_admin_sees_every_zone(users, run, foreign_run):
    assert set(selectors.runs_visible_to(users[Role.ADMIN])) == {run, foreign_run}


def test_anonymous_is_denied(run):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        selectors.runs_visible_to(AnonymousUser())


def test_methodologies_are_the_zones_own_and_the_shared_presets(zone, other_zone, users):
    office = users[Role.OFFICE]
    own = save_methodology(actor=office, zone=zone, text=METHODOLOGY)
    foreign = save_methodology(
        actor=users[Role.ADMIN], zone=other_zone, text=METHODOLOGY.replace("测试", "外区")
    )
    expected = {own}
    if "henan-zone" in preset_names():
        expected.add(
            save_methodology(actor=users[Role.ADMIN], zone=other_zone, preset="henan-zone")
        )
    visible = set(selectors.methodologies_visible_to(users[Role.LEADER]))
    assert visible == expected
    assert foreign not in visible
    with pytest.raises(Http404):
        selectors.get_methodology(user=users[Role.LEADER], methodology_id=foreign.pk)


# --- results ---------------------------------------------------------------------------------


def test_run_observations_are_the_uploaded_rows_with_the_survey(run):
    observations = selectors.run_observations(run)
    assert isinstance(observations, Observations)
    assert len(observations) == run.dataset.row_count + run.survey.row_count
    assert set(observations.indicator.tolist()) == {"days", "steps", "firms", "sat"}
    assert selectors.run_methodology(run).id == "test-zones"


def test_run_result_is_cached_per_run(run):
    assert selectors.run_result(run) is selectors.run_result(run)
    selectors.clear_caches()
    again = selectors.run_result(run)
    assert np.array_equal(again.scores, selectors.run_result(run).scores, equal_nan=True)


def test_previous_result_is_the_earlier_period_with_its_own_goalposts(run):
    previous = selectors.previous_result(run)
    expected = expected_result("2023")
    assert previous.period == "2023"
    assert np.allclose(previous.scores, expected.scores, equal_nan=True)
    assert np.array_equal(previous.ranks, expected.ranks)


def test_the_first_period_has_no_previous_result(zone, users):
    first = publish(zone, users[Role.OFFICE], period="2023")
    assert selectors.previous_result(first) is None


def test_previous_result_prefers_the_published_run_of_that_period(zone, users, run):
    office = users[Role.OFFICE]
    earlier = run_evaluation(
        actor=office,
        zone=zone,
        methodology=run.methodology,
        dataset=run.dataset,
        survey=run.survey,
        period="2023",
    )
    # Edit the earlier run's stored goalposts: the previous result must follow them.
    earlier.goalposts = {**earlier.goalposts, "firms": {**earlier.goalposts["firms"], "best": 1e4}}
    earlier.save(update_fields=["goalposts"])
    selectors.clear_caches()
    previous = selectors.previous_result(run)
    assert previous.goalposts[previous.leaf_index("firms"), 0] == 1e4


def test_trend_results_are_every_period_oldest_first_ending_with_the_run(run):
    results = selectors.trend_results(run)
    assert [r.period for r in results] == list(PERIODS)
    assert results[-1] is selectors.run_result(run)
    assert np.allclose(results[0].scores, expected_result("2023").scores, equal_nan=True)


def test_a_run_without_periods_has_one_trend_point_and_no_previous(zone, users):
    office = users[Role.OFFICE]
    methodology = save_methodology(actor=office, zone=zone, text=METHODOLOGY)
    rows = [(u, i, v) for u, i, v, p in indicator_rows() if p == "2024"]
    dataset = upload_dataset(
        actor=office,
        zone=zone,
        name="单期",
        uploaded_file=upload(rows, header=("unit", "indicator", "value")),
    )
    run = run_evaluation(actor=office, zone=zone, methodology=methodology, dataset=dataset)
    assert run.period == ""
    assert selectors.previous_result(run) is None
    assert [r.period for r in selectors.trend_results(run)] == [""]
    assert set(selectors.run_result(run).units) == set(UNITS)


def test_run_scores_filter_by_unit_and_node(run):
    assert selectors.run_scores(run, unit=UNITS[0]).count() == len(selectors.run_result(run).nodes)
    overall = list(selectors.run_scores(run, node="overall"))
    assert sorted(s.rank for s in overall) == [1, 2, 3, 4]
