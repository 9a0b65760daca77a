"""`yingshang evaluate --methodology FILE_OR_PRESET --data FILE [--period P] --out FILE`.

The command works on files only: these tests use no database (no `db` fixture), so any query
would fail them. Expected scores are worked out by hand from the distance-to-frontier formula.
"""

import csv
import os
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[2]
PRESET = ROOT / "yingshang" / "core" / "evaluation" / "presets" / "db2020.yaml"
CONSOLE_SCRIPT = ROOT / ".venv" / "bin" / "yingshang"
HEADER = ["unit", "node", "score", "rank", "frontier", "average"]

METHODOLOGY = """\
format: yingshang-methodology/1
id: cmd
name: 命令测试
indicators:
  - id: sb
    name: 开办企业
    children:
      - {id: days, name: 开办时间, unit: 天, goalposts: {best: 1, worst: 21}}
      - {id: steps, name: 环节, goalposts: {best: 1, worst: 11}}
  - id: svc
    name: 政务服务
    weight: 3
    children:
      - {id: online, name: 网办率, goalposts: {best: 100, worst: 0}}
"""
NODES = ("overall", "sb", "days", "steps", "svc", "online")

DATA = """\
unit,indicator,value,period
甲区,days,1,2020
甲区,steps,6,2020
甲区,online,90,2020
乙区,days,11,2020
乙区,steps,1,2020
乙区,online,80,2020
丙区,days,21,2020
丙区,steps,11,2020
丙区,online,100,2020
甲区,days,21,2019
甲区,steps,11,2019
甲区,online,0,2019
乙区,days,1,2019
乙区,steps,1,2019
乙区,online,100,2019
"""

# 2020 by hand: days 100 x (21 - d) / 20, steps 100 x (11 - s) / 10, online as given;
# sb = mean(days, steps); overall = (sb + 3 x svc) / 4.
#   甲区: days 100, steps 50 -> sb 75; svc 90  -> overall (75 + 270) / 4 = 86.25
#   乙区: days 50, steps 100 -> sb 75; svc 80  -> overall (75 + 240) / 4 = 78.75
#   丙区: days 0, steps 0    -> sb 0;  svc 100 -> overall 300 / 4        = 75.00
EXPECTED_2020 = {
    ("甲区", "overall"): (86.25, 1),
    ("乙区", "overall"): (78.75, 2),
    ("丙区", "overall"): (75.0, 3),
    ("甲区", "sb"): (75.0, 1),
    ("乙区", "sb"): (75.0, 1),
    ("丙区", "sb"): (0.0, 3),
    ("甲区", "days"): (100.0, 1),
    ("乙区", "steps"): (100.0, 1),
    ("丙区", "online"): (100.0, 1),
    ("乙区", "svc"): (80.0, 3),
}


@pytest.fixture
def files(tmp_path):
    methodology = tmp_path / "method.yaml"
    methodology.write_text(METHODOLOGY, encoding="utf-8")
    data = tmp_path / "data.csv"
    data.write_text(DATA, encoding="utf-8")
    return methodology, data


def run(*args: object) -> str:
    out = StringIO()
    call_command("evaluate", *(str(a) for a in args), stdout=out, stderr=StringIO())
    return out.getvalue()


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def by_key(rows: list[list[str]]) -> dict[tuple[str, str], list[str]]:
    return {(row[0], row[1]): row[2:] for row in rows[1:]}


def failure(*args: object) -> str:
    with pytest.raises(CommandError) as caught:
        run(*args)
    return str(caught.value)


def test_writes_the_long_table_for_the_latest_period(files, tmp_path):
    methodology, data = files
    out = tmp_path / "result.csv"
    printed = run("--methodology", methodology, "--data", data, "--out", out)
    rows = read_rows(out)
    assert rows[0] == HEADER
    table = by_key(rows)
    assert len(rows) - 1 == len(table) == 3 * len(NODES)
    assert {node for _, node in table} == set(NODES)
    for key, (score, rank) in EXPECTED_2020.items():
        assert float(table[key][0]) == pytest.approx(score), key
        assert int(table[key][1]) == rank, key
    frontier, average = table[("丙区", "overall")][2:]
    assert float(frontier) == pytest.approx(86.25)
    assert float(average) == pytest.approx((86.25 + 78.75 + 75.0) / 3)
    assert "3 个单位" in printed and "2020" in printed and str(out) in printed
    assert len(printed.strip().splitlines()) == 1


def test_period_option_evaluates_that_period(files, tmp_path):
    methodology, data = files
    out = tmp_path / "r.csv"
    printed = run("--methodology", methodology, "--data", data, "--period", "2019", "--out", out)
    table = by_key(read_rows(out))
    assert len(table) == 2 * len(NODES)
    assert table[("乙区", "overall")][:2] == ["100.0", "1"]
    assert table[("甲区", "overall")][:2] == ["0.0", "2"]
    assert "2019" in printed


def test_xlsx_output_has_the_table_on_its_first_sheet(files, tmp_path):
    methodology, data = files
    run("--methodology", methodology, "--data", data, "--out", tmp_path / "r.csv")
    run("--methodology", methodology, "--data", data, "--out", tmp_path / "r.xlsx")
    expected = read_rows(tmp_path / "r.csv")
    workbook = load_workbook(tmp_path / "r.xlsx", read_only=True)
    sheet_rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    assert sheet_rows[0] == HEADER
    assert len(sheet_rows) == len(expected)
    for got, want in zip(sheet_rows[1:], expected[1:], strict=True):
        assert got[:2] == want[:2]
        assert got[2] == pytest.approx(float(want[2]))
        assert got[3] == int(want[3])


def test_tables_option_writes_every_intermediate_table(files, tmp_path):
    methodology, data = files
    tables = tmp_path / "tables"
    run(
        "--methodology",
        methodology,
        "--data",
        data,
        "--out",
        tmp_path / "r.csv",
        "--tables",
        tables,
    )
    names = {p.name for p in tables.iterdir()}
    assert {"raw.csv", "imputed.csv", "treated.csv", "scores.csv", "goalposts.csv"} <= names
    assert read_rows(tables / "goalposts.csv")[1][:3] == ["days", "fixed", "lower"]


def test_survey_file_is_merged_into_the_evaluated_period(tmp_path):
    methodology = tmp_path / "m.yaml"
    methodology.write_text(
        "format: yingshang-methodology/1\nid: c\nname: 合成\n"
        "combination: {objective: 0.7, satisfaction: 0.3}\n"
        "indicators:\n  - {id: o, name: 客观, transform: identity}\n"
        "satisfaction:\n  - {id: s, name: 满意度, transform: identity}\n",
        encoding="utf-8",
    )
    data = tmp_path / "d.csv"
    data.write_text("unit,indicator,value,period\n甲,o,82.45,2020\n乙,o,90,2020\n", "utf-8")
    survey = tmp_path / "s.csv"
    survey.write_text("单位,指标,数值\n甲,s,77.53\n乙,s,60\n", "utf-8")
    out = tmp_path / "r.csv"
    run("--methodology", methodology, "--data", data, "--survey", survey, "--out", out)
    table = by_key(read_rows(out))
    assert float(table[("甲", "overall")][0]) == pytest.approx(0.7 * 82.45 + 0.3 * 77.53)
    assert float(table[("乙", "satisfaction")][0]) == pytest.approx(60.0)


# --- refusals --------------------------------------------------------------------------------


def test_invalid_methodology_lists_every_problem(files, tmp_path):
    _, data = files
    broken = tmp_path / "cycle.yaml"
    broken.write_text(
        "format: yingshang-methodology/1\nid: bad\nname: 成环\nindicators:\n"
        "  - {id: a, name: 甲, parent: b}\n"
        "  - {id: b, name: 乙, parent: a}\n"
        "  - {id: c, name: 丙, weight: -1, goalposts: {best: 1, worst: 0}}\n",
        encoding="utf-8",
    )
    message = failure("--methodology", broken, "--data", data, "--out", tmp_path / "r.csv")
    assert "评价方法无效" in message
    assert "成环" in message
    assert "权重" in message
    assert not (tmp_path / "r.csv").exists()


def test_unknown_preset_is_refused(files, tmp_path):
    _, data = files
    message = failure(
        "--methodology", "no_such_preset", "--data", data, "--out", tmp_path / "r.csv"
    )
    assert "没有预置评价方法 no_such_preset" in message


def test_bad_number_names_its_row(files, tmp_path):
    methodology, _ = files
    data = tmp_path / "bad.csv"
    data.write_text("unit,indicator,value\n甲区,days,3\n乙区,days,三天\n丙区,days,x\n", "utf-8")
    message = failure("--methodology", methodology, "--data", data, "--out", tmp_path / "r.csv")
    assert "第 3 行" in message and "三天" in message
    assert "第 4 行" in message
    assert not (tmp_path / "r.csv").exists()


def test_data_is_checked_against_the_methodology(files, tmp_path):
    methodology, _ = files
    data = tmp_path / "d.csv"
    data.write_text("unit,indicator,value\n甲区,days,3\n甲区,sb,80\n甲区,speed,1\n", "utf-8")
    message = failure("--methodology", methodology, "--data", data, "--out", tmp_path / "r.csv")
    assert "第 3 行" in message and "有下级指标" in message
    assert "第 4 行" in message and "没有末级指标 speed" in message


def test_unknown_period_lists_the_available_ones(files, tmp_path):
    methodology, data = files
    message = failure(
        "--methodology",
        methodology,
        "--data",
        data,
        "--period",
        "2018",
        "--out",
        tmp_path / "r.csv",
    )
    assert "2018" in message and "2019" in message and "2020" in message


@pytest.mark.parametrize("name", ["r.txt", "r.xls", "r"])
def test_output_must_be_csv_or_xlsx(files, tmp_path, name):
    methodology, data = files
    message = failure("--methodology", methodology, "--data", data, "--out", tmp_path / name)
    assert ".csv 或 .xlsx" in message


def test_a_file_without_data_rows_is_refused(files, tmp_path):
    methodology, _ = files
    data = tmp_path / "empty.csv"
    data.write_text("unit,indicator,value\n", "utf-8")
    message = failure("--methodology", methodology, "--data", data, "--out", tmp_path / "r.csv")
    assert "没有任何数据行" in message


def test_missing_data_file(files, tmp_path):
    methodology, _ = files
    message = failure(
        "--methodology", methodology, "--data", tmp_path / "none.csv", "--out", tmp_path / "r.csv"
    )
    assert "找不到数据文件" in message


# --- the preset and the real console script --------------------------------------------------


def preset_data(path: Path) -> int:
    """Plausible raw values for every leaf of the preset for three units; returns the count
    of units."""
    from yingshang.core.evaluation import load_methodology

    methodology = load_methodology("db2020")
    lines = ["unit,indicator,value"]
    for k, unit in enumerate(("甲", "乙", "丙")):
        for leaf in methodology.leaves:
            node = methodology.nodes[leaf]
            posts = node.goalposts
            if posts is None:
                value = 40.0 + 10 * k
            elif posts.mode == "fixed":
                value = posts.worst + (posts.best - posts.worst) * (k + 1) / 4
            else:
                value = 1.0 + k if posts.better == "higher" else 3.0 - k
            lines.append(f"{unit},{leaf},{value}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 3


@pytest.mark.skipif(not PRESET.is_file(), reason="预置评价方法 db2020 尚未提供")
def test_preset_db2020(tmp_path):
    from yingshang.core.evaluation import load_methodology

    units = preset_data(tmp_path / "db.csv")
    out = tmp_path / "db.csv.out.csv"
    run("--methodology", "db2020", "--data", tmp_path / "db.csv", "--out", out)
    rows = read_rows(out)
    assert rows[0] == HEADER
    nodes = load_methodology("db2020").node_ids
    assert len(rows) - 1 == units * len(nodes)
    overall = {row[0]: row for row in rows[1:] if row[1] == "overall"}
    assert set(overall) == {"甲", "乙", "丙"}
    # On every indicator each unit is further from the worst value than the one before.
    assert [int(overall[u][3]) for u in ("甲", "乙", "丙")] == [3, 2, 1]


@pytest.mark.skipif(
    not CONSOLE_SCRIPT.is_file(), reason="没有安装 yingshang 命令（.venv/bin/yingshang）"
)
def test_console_script_before_migrate(files, tmp_path):
    """The real command, with a database it cannot reach: it must not need one."""
    methodology, data = files
    env = {**os.environ, "YINGSHANG_DATA_DIR": str(tmp_path / "var")}
    env["DATABASE_URL"] = "postgres://nobody@127.0.0.1:9/unreachable"
    env.pop("DJANGO_SETTINGS_MODULE", None)

    def yingshang(*args: object) -> subprocess.CompletedProcess:
        command = [str(CONSOLE_SCRIPT), "evaluate", *(str(a) for a in args)]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)

    out = tmp_path / "r.csv"
    good = yingshang("--methodology", methodology, "--data", data, "--out", out)
    assert good.returncode == 0, good.stderr
    assert "评价完成" in good.stdout
    table = by_key(read_rows(out))
    assert int(table[("甲区", "overall")][1]) == 1

    bad = tmp_path / "bad.csv"
    bad.write_text("unit,indicator,value\n甲区,days,3\n乙区,days,abc\n", "utf-8")
    refused = yingshang("--methodology", methodology, "--data", bad, "--out", tmp_path / "x.csv")
    assert refused.returncode != 0
    assert "第 3 行" in refused.stderr
