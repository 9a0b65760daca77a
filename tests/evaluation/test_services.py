"""Evaluation services: uploads are all-or-nothing, runs publish what `run_result` re-derives,
every write leaves its audit event."""

import numpy as np
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests.evaluation.helpers import (
    METHODOLOGY,
    PERIODS,
    UNITS,
    expected_result,
    indicator_rows,
    publish,
    survey_rows,
    upload,
)
from yingshang.audit.models import AuditEvent
from yingshang.core.evaluation import methodology_from_text
from yingshang.core.evaluation.loading import preset_names
from yingshang.evaluation import selectors
from yingshang.evaluation.models import (
    Dataset,
    EvaluationRun,
    MethodologyVersion,
    Observation,
    UnitScore,
)
from yingshang.evaluation.services import (
    DataRejected,
    delete_run,
    rename_run,
    run_evaluation,
    save_methodology,
    upload_dataset,
)
from yingshang.kernel.models import Role
from yingshang.kernel.versioning import StaleVersionError


@pytest.fixture
def office(users):
    return users[Role.OFFICE]


@pytest.fixture
def run(zone, office) -> EvaluationRun:
    return publish(zone, office)


def _counts() -> tuple[int, int, int, int]:
    return (
        Dataset.objects.count(),
        Observation.objects.count(),
        EvaluationRun.objects.count(),
        AuditEvent.objects.count(),
    )


# --- uploads ---------------------------------------------------------------------------------


def test_upload_stores_every_row_with_its_row_number_and_an_audit_event(zone, office):
    rows = indicator_rows()
    dataset = upload_dataset(
        actor=office, zone=zone, name="指标", uploaded_file=upload(rows, "指标.csv")
    )
    assert dataset.kind == "indicators"
    assert dataset.get_kind_display() == "指标数据"
    assert dataset.filename == "指标.csv"
    assert dataset.periods == sorted(set(PERIODS))
    assert (dataset.unit_count, dataset.row_count) == (len(UNITS), len(rows))
    stored = list(
        Observation.objects.filter(dataset=dataset)
        .order_by("row")
        .values_list("unit", "indicator", "value", "period", "row")
    )
    assert stored == [(*row, n) for n, row in enumerate(rows, start=2)]
    event = AuditEvent.objects.get(verb="dataset.uploaded")
    assert (event.actor, event.zone, event.object_id) == (office, zone, str(dataset.pk))
    assert event.after["row_count"] == len(rows)


def test_upload_with_bad_rows_stores_nothing_and_lists_every_bad_row(zone, office):
    rows = indicator_rows()
    rows[1] = (rows[1][0], rows[1][1], "abc", rows[1][3])  # file row 3
    rows[3] = ("", rows[3][1], rows[3][2], rows[3][3])  # file row 5
    before = _counts()
    with pytest.raises(DataRejected) as caught:
        upload_dataset(actor=office, zone=zone, name="坏数据", uploaded_file=upload(rows))
    assert {p.row for p in caught.value.problems} == {3, 5}
    messages = caught.value.message_dict["file"]
    assert any("第 3 行" in m for m in messages)
    assert any("第 5 行" in m for m in messages)
    assert _counts() == before


def test_an_empty_file_is_refused(zone, office):
    with pytest.raises(ValidationError) as caught:
        upload_dataset(actor=office, zone=zone, name="空", uploaded_file=upload([]))
    assert "file" in caught.value.message_dict
    assert Dataset.objects.count() == 0


@pytest.mark.parametrize("role", [Role.LEADER, Role.DEPARTMENT, Role.ENTERPRISE, Role.SUPERVISOR])
def test_only_office_and_admin_upload(zone, users, role):
    with pytest.raises(PermissionDenied):
        upload_dataset(actor=users[role], zone=zone, name="x", uploaded_file=upload([]))
    assert Dataset.objects.count() == 0


def test_office_may_not_upload_for_another_zone(other_zone, office):
    # Another zone does not exist for office staff: "not found", as for its records.
    with pytest.raises(Http404):
        upload_dataset(
            actor=office, zone=other_zone, name="x", uploaded_file=upload(indicator_rows())
        )
    assert Dataset.objects.count() == 0


def test_admin_uploads_for_any_zone(other_zone, users):
    dataset = upload_dataset(
        actor=users[Role.ADMIN], zone=other_zone, name="x", uploaded_file=upload(indicator_rows())
    )
    assert dataset.zone == other_zone


# --- methodologies ---------------------------------------------------------------------------


def test_the_same_text_saved_twice_is_one_row_and_one_event(zone, office):
    first = save_methodology(actor=office, zone=zone, text=METHODOLOGY)
    second = save_methodology(actor=office, zone=zone, text=METHODOLOGY)
    assert first.pk == second.pk
    assert MethodologyVersion.objects.count() == 1
    assert first.source_text == METHODOLOGY
    assert (first.code, first.name, first.version) == ("test-zones", "测试功能区评价", "1")
    assert first.digest == methodology_from_text(METHODOLOGY).digest
    assert AuditEvent.objects.filter(verb="methodology.stored").count() == 1


def test_a_changed_text_is_a_new_version(zone, office):
    first = save_methodology(actor=office, zone=zone, text=METHODOLOGY)
    changed = save_methodology(actor=office, zone=zone, text=METHODOLOGY.replace("2\n", "3\n"))
    assert changed.pk != first.pk
    assert changed.digest != first.digest
    assert AuditEvent.objects.filter(verb="methodology.stored").count() == 2


def test_a_bad_methodology_lists_its_problems_and_stores_nothing(zone, office):
    with pytest.raises(ValidationError) as caught:
        save_methodology(actor=office, zone=zone, text=METHODOLOGY.replace("name: 办理天数", ""))
    assert caught.value.message_dict["text"]
    assert MethodologyVersion.objects.count() == 0


def test_text_or_preset_but_not_both_nor_neither(zone, office):
    for kwargs in ({}, {"text": METHODOLOGY, "preset": "henan-zone"}, {"text": "  "}):
        with pytest.raises(ValidationError):
            save_methodology(actor=office, zone=zone, **kwargs)


def test_an_unknown_preset_is_refused(zone, office):
    with pytest.raises(ValidationError) as caught:
        save_methodology(actor=office, zone=zone, preset="no-such-preset")
    assert "preset" in caught.value.message_dict


@pytest.mark.skipif("henan-zone" not in preset_names(), reason="预置方法 henan-zone 尚未提供")
def test_a_preset_is_stored_once_for_every_zone(zone, other_zone, office, make_user):
    other_office = make_user(Role.OFFICE, zone=other_zone)
    mine = save_methodology(actor=office, zone=zone, preset="henan-zone")
    theirs = save_methodology(actor=other_office, zone=other_zone, preset="henan-zone")
    assert mine.pk == theirs.pk
    assert (mine.zone, mine.is_preset, mine.preset) == (None, True, "henan-zone")
    assert mine.code == "henan-zone"


# --- runs ------------------------------------------------------------------------------------


def test_a_run_stores_every_score_and_rank_that_run_result_re_derives(run):
    result = selectors.run_result(run)
    stored = {(s.unit, s.node): (s.score, s.rank) for s in UnitScore.objects.filter(run=run)}
    assert len(stored) == len(result.units) * len(result.nodes)
    for i, unit in enumerate(result.units):
        for j, node in enumerate(result.nodes):
            score, rank = stored[(unit, node)]
            assert score == pytest.approx(float(result.scores[i, j]), abs=1e-12)
            assert (rank or 0) == int(result.ranks[i, j])


def test_published_scores_equal_an_evaluation_of_the_rows_themselves(run):
    expected = expected_result("2024")
    stored = {(s.unit, s.node): (s.score, s.rank) for s in UnitScore.objects.filter(run=run)}
    for unit in expected.units:
        assert stored[(unit, "overall")][0] == pytest.approx(expected.score(unit), abs=1e-9)
        assert stored[(unit, "overall")][1] == expected.rank(unit)
        assert stored[(unit, "sat")][0] == pytest.approx(expected.score(unit, "sat"), abs=1e-9)
    assert run.frontier["overall"] == pytest.approx(expected.frontier_of("overall"))
    assert run.average["overall"] == pytest.approx(expected.average_of("overall"))
    assert (run.unit_count, run.ranked_count) == (len(UNITS), len(UNITS))


def test_run_result_uses_the_stored_goalposts_not_a_fresh_sample(run):
    """The stored goalposts decide the scores: change them and the re-derived result moves."""
    published = selectors.run_result(run).scores.copy()
    days = run.goalposts["days"]
    assert (days["best"], days["worst"]) == (3.5, 9.5)  # lower is better: best = min of 2024
    run.goalposts = {**run.goalposts, "days": {**days, "worst": 20.0}}
    run.save(update_fields=["goalposts"])
    selectors.clear_caches()
    moved = selectors.run_result(EvaluationRun.objects.get(pk=run.pk))
    assert not np.allclose(moved.scores, published, equal_nan=True)


def test_a_run_defaults_to_the_latest_period_and_the_hosted_zone(run, zone):
    assert run.period == "2024"
    assert run.focus_unit == zone.name
    assert run.title == "测试功能区评价（2024）"
    event = AuditEvent.objects.get(verb="run.published")
    assert (event.object_id, event.zone, event.after["period"]) == (str(run.pk), zone, "2024")


def test_a_run_of_an_earlier_period(zone, office):
    run = publish(zone, office, period="2023", title="上年度")
    assert (run.period, run.title) == ("2023", "上年度")
    overall = UnitScore.objects.get(run=run, unit=UNITS[0], node="overall")
    assert overall.score == pytest.approx(expected_result("2023").score(UNITS[0]), abs=1e-9)


def test_an_unknown_period_or_focus_unit_is_refused(zone, office):
    with pytest.raises(ValidationError) as caught:
        publish(zone, office, period="2019")
    assert "period" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        publish(zone, office, focus_unit="不存在的功能区")
    assert "focus_unit" in caught.value.message_dict
    assert EvaluationRun.objects.count() == 0
    assert not AuditEvent.objects.filter(verb="run.published").exists()


def test_data_that_do_not_fit_the_methodology_are_refused_with_their_rows(zone, office):
    methodology = save_methodology(actor=office, zone=zone, text=METHODOLOGY)
    rows = [*indicator_rows(), (UNITS[0], "no_such_indicator", 1.0, "2024")]
    dataset = upload_dataset(actor=office, zone=zone, name="多一列", uploaded_file=upload(rows))
    with pytest.raises(DataRejected) as caught:
        run_evaluation(actor=office, zone=zone, methodology=methodology, dataset=dataset)
    assert [p.row for p in caught.value.problems] == [len(rows) + 1]
    assert "dataset" in caught.value.message_dict
    assert EvaluationRun.objects.count() == 0


def test_datasets_must_be_of_the_right_kind_and_zone(zone, other_zone, office, users):
    methodology = save_methodology(actor=office, zone=zone, text=METHODOLOGY)
    survey = upload_dataset(
        actor=office, zone=zone, name="调查", uploaded_file=upload(survey_rows()), kind="survey"
    )
    foreign = upload_dataset(
        actor=users[Role.ADMIN],
        zone=other_zone,
        name="外区",
        uploaded_file=upload(indicator_rows()),
    )
    with pytest.raises(ValidationError) as caught:
        run_evaluation(actor=office, zone=zone, methodology=methodology, dataset=survey)
    assert "dataset" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        run_evaluation(actor=office, zone=zone, methodology=methodology, dataset=foreign)
    assert "dataset" in caught.value.message_dict
    assert EvaluationRun.objects.count() == 0


def test_a_survey_without_periods_counts_for_every_period(zone, office):
    methodology = save_methodology(actor=office, zone=zone, text=METHODOLOGY)
    dataset = upload_dataset(
        actor=office, zone=zone, name="指标", uploaded_file=upload(indicator_rows())
    )
    answers = [(u, i, v) for u, i, v, p in survey_rows() if p == "2024"]
    survey = upload_dataset(
        actor=office,
        zone=zone,
        name="调查",
        uploaded_file=upload(answers, header=("unit", "indicator", "value")),
        kind="survey",
    )
    run = run_evaluation(
        actor=office, zone=zone, methodology=methodology, dataset=dataset, survey=survey
    )
    answer = {unit: value for unit, _indicator, value in answers}
    results = selectors.trend_results(run)
    assert [r.period for r in results] == list(PERIODS)
    for result in results:
        assert result.score(UNITS[1], "sat") == answer[UNITS[1]]


def test_rename_checks_the_version(run, office):
    renamed = rename_run(actor=office, run_id=run.pk, expected_version=1, title="新标题")
    assert (renamed.title, renamed.version) == ("新标题", 2)
    with pytest.raises(StaleVersionError):
        rename_run(actor=office, run_id=run.pk, expected_version=1, title="又一个标题")
    assert EvaluationRun.objects.get(pk=run.pk).title == "新标题"
    event = AuditEvent.objects.get(verb="run.renamed")
    assert (event.before, event.after) == ({"title": run.title}, {"title": "新标题"})


def test_delete_withdraws_the_run_with_its_scores_and_is_audited(run, office, users):
    with pytest.raises(PermissionDenied):
        delete_run(actor=users[Role.LEADER], run_id=run.pk)
    delete_run(actor=office, run_id=run.pk, reason="数据有误")
    assert not EvaluationRun.objects.filter(pk=run.pk).exists()
    assert not UnitScore.objects.filter(run_id=run.pk).exists()
    event = AuditEvent.objects.get(verb="run.withdrawn")
    assert (event.object_id, event.reason, event.before["title"]) == (
        str(run.pk),
        "数据有误",
        run.title,
    )


def test_every_write_is_audited_with_actor_and_zone(run, office, zone):
    verbs = list(AuditEvent.objects.order_by("id").values_list("verb", "actor", "zone"))
    assert verbs == [
        ("methodology.stored", office.pk, zone.pk),
        ("dataset.uploaded", office.pk, zone.pk),
        ("dataset.uploaded", office.pk, zone.pk),
        ("run.published", office.pk, zone.pk),
    ]


# --- the demo --------------------------------------------------------------------------------


@pytest.mark.skipif("henan-zone" not in preset_names(), reason="预置方法 henan-zone 尚未提供")
def test_the_demo_publishes_every_period_for_the_hosted_zone_among_its_peers(zone, office):
    from yingshang.demo import reference as ref
    from yingshang.evaluation.demo import build_demo_evaluation
    from yingshang.evaluation.demo_data import DEFAULT_PERIODS, province_observations
    from yingshang.kernel.models import Zone

    peers = [Zone.objects.create(**row) for row in ref.PEER_ZONES]
    demo = build_demo_evaluation(zone=zone, peers=peers, actor=office)
    units = [zone.name, *(p.name for p in peers)]
    assert [run.period for run in demo.runs] == sorted(DEFAULT_PERIODS)
    latest = demo.runs[-1]
    assert (latest.focus_unit, latest.ranked_count) == (zone.name, len(units))
    assert demo.methodology.preset == "henan-zone"
    generated = province_observations(units, periods=DEFAULT_PERIODS, focus=zone.name)
    stored = Observation.objects.filter(dataset=demo.dataset).order_by("row")
    assert [(o.unit, o.indicator, o.value, o.period) for o in stored] == [
        (u, i, float(v), p) for u, i, v, p in generated
    ]
    previous = selectors.previous_result(latest)
    assert previous is not None and previous.period == sorted(DEFAULT_PERIODS)[-2]
    assert len(selectors.trend_results(latest)) == len(DEFAULT_PERIODS)
    assert UnitScore.objects.filter(run=latest, node="overall", rank__isnull=False).count() == 18


# --- the admin site --------------------------------------------------------------------------


def test_the_admin_lists_runs_and_withdraws_one_through_the_service(run, users, client):
    client.force_login(users[Role.ADMIN])
    for page in ("methodologyversion", "dataset", "evaluationrun"):
        assert client.get(f"/admin/evaluation/{page}/").status_code == 200, page
    assert client.get(f"/admin/evaluation/evaluationrun/{run.pk}/change/").status_code == 200
    assert client.get("/admin/evaluation/dataset/add/").status_code == 403
    response = client.post(f"/admin/evaluation/evaluationrun/{run.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not EvaluationRun.objects.filter(pk=run.pk).exists()
    event = AuditEvent.objects.get(verb="run.withdrawn")
    assert (event.actor, event.reason) == (users[Role.ADMIN], "管理后台")
