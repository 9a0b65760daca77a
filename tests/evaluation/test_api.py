"""The evaluation API (/api/evaluation/): every endpoint, its denials and its error format."""

import json

import pytest
from django.test import Client

from tests.evaluation.helpers import (
    METHODOLOGY,
    UNITS,
    csv_bytes,
    expected_result,
    indicator_rows,
    survey_rows,
)
from yingshang.audit.models import AuditEvent
from yingshang.core.evaluation.loading import preset_names
from yingshang.evaluation.models import Dataset, EvaluationRun, MethodologyVersion, Observation
from yingshang.kernel.models import Role

BASE = "/api/evaluation"
READERS = [Role.ADMIN, Role.OFFICE, Role.LEADER, Role.DEPARTMENT]
OUTSIDERS = [Role.ENTERPRISE, Role.SUPERVISOR]
NON_WRITERS = [Role.LEADER, Role.DEPARTMENT, Role.ENTERPRISE, Role.SUPERVISOR]


def _run_paths(run_id: int) -> list[str]:
    return [
        f"{BASE}/runs/{run_id}",
        f"{BASE}/runs/{run_id}/scores",
        f"{BASE}/runs/{run_id}/standings",
        f"{BASE}/runs/{run_id}/weaknesses",
        f"{BASE}/runs/{run_id}/best-moves",
        f"{BASE}/runs/{run_id}/weightings",
        f"{BASE}/runs/{run_id}/robustness",
        f"{BASE}/runs/{run_id}/report.docx",
        f"{BASE}/runs/{run_id}/report.xlsx",
    ]


# --- authentication and scope ----------------------------------------------------------------


def test_every_endpoint_needs_authentication(run):
    anonymous = Client()
    for path in [
        f"{BASE}/presets",
        f"{BASE}/methodologies",
        f"{BASE}/datasets",
        f"{BASE}/runs",
        *_run_paths(run.pk),
    ]:
        response = anonymous.get(path)
        assert response.status_code == 401, path
        assert response.json() == {"detail": "未登录或令牌无效"}
    assert anonymous.post(f"{BASE}/runs", {}, content_type="application/json").status_code == 401


@pytest.mark.parametrize("role", OUTSIDERS)
def test_enterprise_and_supervisor_get_403_everywhere(users, api_as, run, role):
    client = api_as(users[role])
    for path in [f"{BASE}/methodologies", f"{BASE}/datasets", f"{BASE}/runs", *_run_paths(run.pk)]:
        response = client.get(path)
        assert response.status_code == 403, path
        assert response.json()["detail"].startswith("无权访问")
    response = client.post(f"{BASE}/runs/{run.pk}/what-if", {"changes": {"days": 1}})
    assert response.status_code == 403


def test_another_zones_run_is_404(users, api_as, foreign_run):
    client = api_as(users[Role.LEADER])
    for path in _run_paths(foreign_run.pk):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"detail": "对象不存在或无权查看"}
    assert client.get(f"{BASE}/datasets/{foreign_run.dataset_id}").status_code == 404
    office = api_as(users[Role.OFFICE])
    assert office.delete(f"{BASE}/runs/{foreign_run.pk}").status_code == 404
    assert EvaluationRun.objects.filter(pk=foreign_run.pk).exists()


# --- methodologies ---------------------------------------------------------------------------


def test_office_saves_a_methodology_once(users, api_as, zone):
    client = api_as(users[Role.OFFICE])
    first = client.post(f"{BASE}/methodologies", {"text": METHODOLOGY})
    assert first.status_code == 201, first.content
    body = first.json()
    assert (body["code"], body["name"], body["zone_id"]) == (
        "test-zones",
        "测试功能区评价",
        zone.pk,
    )
    again = client.post(f"{BASE}/methodologies", {"text": METHODOLOGY})
    assert again.status_code == 200
    assert again.json()["id"] == body["id"]
    assert MethodologyVersion.objects.count() == 1
    listed = client.get(f"{BASE}/methodologies").json()
    assert [m["id"] for m in listed] == [body["id"]]


def test_methodology_detail_has_the_text_and_the_tree(users, api_as, run):
    response = api_as(users[Role.DEPARTMENT]).get(f"{BASE}/methodologies/{run.methodology_id}")
    assert response.status_code == 200
    body = response.json()
    assert body["source_text"] == METHODOLOGY
    nodes = {n["id"]: n for n in body["nodes"]}
    assert body["nodes"][0]["id"] == "overall"
    assert nodes["firms"]["parent"] == "scale" and nodes["firms"]["is_leaf"]
    # 市场活力 weighs 2 against 办事效率's 1 inside the objective half (0.7).
    assert nodes["scale"]["path_weight"] == pytest.approx(0.7 * 2 / 3)


def test_a_bad_methodology_is_422_with_its_problems(users, api_as):
    client = api_as(users[Role.OFFICE])
    response = client.post(f"{BASE}/methodologies", {"text": "format: wrong\n"})
    assert response.status_code == 422
    assert response.json()["errors"]["text"]
    response = client.post(f"{BASE}/methodologies", {})
    assert response.status_code == 422
    assert MethodologyVersion.objects.count() == 0


@pytest.mark.parametrize("role", NON_WRITERS)
def test_only_office_and_admin_save_methodologies(users, api_as, role):
    response = api_as(users[role]).post(f"{BASE}/methodologies", {"text": METHODOLOGY})
    assert response.status_code == 403
    assert MethodologyVersion.objects.count() == 0


@pytest.mark.skipif("henan-zone" not in preset_names(), reason="预置方法 henan-zone 尚未提供")
def test_presets_are_listed_and_saved_by_name(users, api_as):
    client = api_as(users[Role.OFFICE])
    presets = {p["name"]: p for p in client.get(f"{BASE}/presets").json()}
    assert presets.keys() == set(preset_names())
    response = client.post(f"{BASE}/methodologies", {"preset": "henan-zone"})
    assert response.status_code == 201
    assert response.json()["zone_id"] is None
    assert response.json()["name"] == presets["henan-zone"]["title"]


# --- datasets --------------------------------------------------------------------------------


def test_office_uploads_a_csv_file(users, api_as, zone):
    client = api_as(users[Role.OFFICE])
    response = client.upload(csv_bytes(indicator_rows()), "指标.csv", name="2024 指标")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "indicators" and body["kind_label"] == "指标数据"
    assert (body["name"], body["filename"], body["zone_id"]) == ("2024 指标", "指标.csv", zone.pk)
    assert body["row_count"] == len(indicator_rows())
    assert Observation.objects.filter(dataset_id=body["id"]).count() == body["row_count"]
    assert client.get(f"{BASE}/datasets/{body['id']}").json() == body
    assert [d["id"] for d in client.get(f"{BASE}/datasets").json()] == [body["id"]]


def test_a_survey_upload(users, api_as):
    response = api_as(users[Role.OFFICE]).upload(csv_bytes(survey_rows()), kind="survey")
    assert response.status_code == 201
    assert response.json()["kind_label"] == "满意度调查"


def test_a_bad_upload_is_422_with_every_row_and_nothing_stored(users, api_as):
    rows = indicator_rows()
    rows[0] = (rows[0][0], rows[0][1], "十", rows[0][3])  # row 2
    rows[6] = (rows[6][0], "", rows[6][2], rows[6][3])  # row 8
    client = api_as(users[Role.OFFICE])
    before = (Dataset.objects.count(), Observation.objects.count(), AuditEvent.objects.count())
    response = client.upload(csv_bytes(rows), name="坏数据")
    assert response.status_code == 422
    problems = response.json()["errors"]["file"]
    assert [p.split("：")[0] for p in problems] == ["第 2 行", "第 8 行"]
    assert response.json()["detail"] == "提交的数据有误 (共 2 处)"
    after = (Dataset.objects.count(), Observation.objects.count(), AuditEvent.objects.count())
    assert after == before


def test_an_upload_without_a_file_or_with_a_bad_kind_is_422(users, api_as):
    client = api_as(users[Role.OFFICE])
    response = client.client.post(f"{BASE}/datasets", {"name": "x"}, headers=client.headers)
    assert response.status_code == 422
    response = client.upload(csv_bytes(indicator_rows()), kind="other")
    assert response.status_code == 422
    assert Dataset.objects.count() == 0


@pytest.mark.parametrize("role", NON_WRITERS)
def test_only_office_and_admin_upload(users, api_as, role):
    response = api_as(users[role]).upload(csv_bytes(indicator_rows()))
    assert response.status_code == 403
    assert Dataset.objects.count() == 0


def test_admin_names_the_zone_of_an_upload(users, api_as, other_zone):
    client = api_as(users[Role.ADMIN])
    response = client.upload(csv_bytes(indicator_rows()))
    assert response.status_code == 422
    assert "zone_id" in response.json()["errors"]
    response = client.upload(csv_bytes(indicator_rows()), zone_id=str(other_zone.pk))
    assert response.status_code == 201
    assert response.json()["zone_id"] == other_zone.pk


# --- runs ------------------------------------------------------------------------------------


def test_office_runs_an_evaluation(users, api_as, zone):
    client = api_as(users[Role.OFFICE])
    methodology = client.post(f"{BASE}/methodologies", {"text": METHODOLOGY}).json()
    dataset = client.upload(csv_bytes(indicator_rows())).json()
    survey = client.upload(csv_bytes(survey_rows()), kind="survey").json()
    body = {
        "methodology_id": methodology["id"],
        "dataset_id": dataset["id"],
        "survey_id": survey["id"],
        "title": "2024 年度评价",
    }
    response = client.post(f"{BASE}/runs", body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["period"], created["focus_unit"], created["title"]) == (
        "2024",
        zone.name,
        "2024 年度评价",
    )
    assert created["methodology_name"] == "测试功能区评价"
    assert [r["id"] for r in client.get(f"{BASE}/runs").json()] == [created["id"]]
    assert AuditEvent.objects.filter(verb="run.published").count() == 1


def test_a_run_over_data_that_do_not_fit_is_422_with_rows(users, api_as):
    client = api_as(users[Role.OFFICE])
    methodology = client.post(f"{BASE}/methodologies", {"text": METHODOLOGY}).json()
    rows = [*indicator_rows(), (UNITS[0], "objective", 1.0, "2024")]  # not a leaf
    dataset = client.upload(csv_bytes(rows)).json()
    response = client.post(
        f"{BASE}/runs", {"methodology_id": methodology["id"], "dataset_id": dataset["id"]}
    )
    assert response.status_code == 422
    problems = response.json()["errors"]["dataset"]
    assert len(problems) == 1 and f"第 {len(rows) + 1} 行" in problems[0]
    assert EvaluationRun.objects.count() == 0


def test_a_run_naming_another_zones_data_is_404(users, api_as, run, foreign_run):
    client = api_as(users[Role.OFFICE])
    body = {"methodology_id": run.methodology_id, "dataset_id": foreign_run.dataset_id}
    assert client.post(f"{BASE}/runs", body).status_code == 404


@pytest.mark.parametrize("role", NON_WRITERS)
def test_only_office_and_admin_run(users, api_as, run, role):
    body = {"methodology_id": run.methodology_id, "dataset_id": run.dataset_id}
    assert api_as(users[role]).post(f"{BASE}/runs", body).status_code == 403
    assert EvaluationRun.objects.count() == 1


@pytest.mark.parametrize("role", READERS)
def test_readers_see_the_summary(users, api_as, run, role):
    response = api_as(users[role]).get(f"{BASE}/runs/{run.pk}")
    assert response.status_code == 200
    body = response.json()
    expected = expected_result("2024")
    assert [row["unit"] for row in body["ranking"]] == sorted(
        expected.units, key=lambda u: expected.rank(u)
    )
    top = body["ranking"][0]
    assert top["score"] == pytest.approx(expected.frontier_of("overall"))
    assert top["displayed_score"] == round(top["score"], 2)
    assert body["goalposts"]["days"]["better"] == "lower"
    overall = next(n for n in body["nodes"] if n["node"] == "overall")
    assert overall["average"] == pytest.approx(expected.average_of("overall"))


def test_scores_are_the_published_long_table(users, api_as, run):
    client = api_as(users[Role.LEADER])
    rows = client.get(f"{BASE}/runs/{run.pk}/scores").json()
    expected = expected_result("2024")
    assert len(rows) == len(expected.units) * len(expected.nodes)
    one = client.get(f"{BASE}/runs/{run.pk}/scores", unit=UNITS[2], node="speed").json()
    assert len(one) == 1
    assert one[0]["name"] == "办事效率"
    assert one[0]["score"] == pytest.approx(expected.score(UNITS[2], "speed"))
    assert one[0]["rank"] == expected.rank(UNITS[2], "speed")
    assert one[0]["frontier"] == pytest.approx(expected.frontier_of("speed"))


def test_rename_and_delete(users, api_as, run):
    client = api_as(users[Role.OFFICE])
    path = f"{BASE}/runs/{run.pk}"
    renamed = client.patch(path, {"title": "改名", "version": 1})
    assert renamed.status_code == 200
    assert (renamed.json()["title"], renamed.json()["version"]) == ("改名", 2)
    stale = client.patch(path, {"title": "再改", "version": 1})
    assert stale.status_code == 409
    assert api_as(users[Role.LEADER]).delete(path).status_code == 403
    assert client.delete(path).status_code == 204
    assert client.get(path).status_code == 404
    assert AuditEvent.objects.filter(verb="run.withdrawn").count() == 1


# --- analyses --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_openapi_lists_the_evaluation_endpoints(client):
    document = json.loads(client.get("/api/openapi.json").content)
    paths = document["paths"]
    expected = {
        f"{BASE}/presets": {"get"},
        f"{BASE}/methodologies": {"get", "post"},
        f"{BASE}/methodologies/{{methodology_id}}": {"get"},
        f"{BASE}/datasets": {"get", "post"},
        f"{BASE}/datasets/{{dataset_id}}": {"get"},
        f"{BASE}/runs": {"get", "post"},
        f"{BASE}/runs/{{run_id}}": {"get", "patch", "delete"},
        f"{BASE}/runs/{{run_id}}/scores": {"get"},
        f"{BASE}/runs/{{run_id}}/standings": {"get"},
        f"{BASE}/runs/{{run_id}}/weaknesses": {"get"},
        f"{BASE}/runs/{{run_id}}/what-if": {"post"},
        f"{BASE}/runs/{{run_id}}/best-moves": {"get"},
        f"{BASE}/runs/{{run_id}}/robustness": {"get"},
        f"{BASE}/runs/{{run_id}}/weightings": {"get"},
        f"{BASE}/runs/{{run_id}}/report.docx": {"get"},
        f"{BASE}/runs/{{run_id}}/report.xlsx": {"get"},
    }
    for path, methods in expected.items():
        assert path in paths, path
        assert methods <= set(paths[path]), path
    upload = paths[f"{BASE}/datasets"]["post"]
    assert upload["tags"] == ["营商环境评价"]
    assert "multipart/form-data" in upload["requestBody"]["content"]
    assert {"201", "401", "403", "422"} <= set(upload["responses"])
    robustness = paths[f"{BASE}/runs/{{run_id}}/robustness"]["get"]
    runs = next(p for p in robustness["parameters"] if p["name"] == "runs")
    assert runs["schema"]["maximum"] == 2000
