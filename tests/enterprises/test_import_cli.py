"""`yingshang import-enterprises FILE [--zone CODE] [--dry-run]`: output and exit status."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command

from tests.conftest import make_uscc
from tests.enterprises.files import row, write_csv, write_xlsx
from yingshang.audit.models import AuditEvent
from yingshang.kernel.models import Enterprise


class Output:
    out = ""
    err = ""


OUTPUT = Output()


def cli(*args: str) -> int:
    """Run the command in this process (the test database); keep what it printed."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_enterprises", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    OUTPUT.out, OUTPUT.err = out.getvalue(), err.getvalue()
    return code


def good_rows(count: int = 3) -> list[list[object]]:
    return [row(uscc=make_uscc(300 + n), name=f"郑州命令{n}有限公司") for n in range(count)]


def test_success_prints_the_counts(zone, tmp_path):
    path = write_csv(tmp_path / "a.csv", good_rows())
    assert cli(str(path)) == 0
    assert OUTPUT.out.strip() == "导入完成: created=3 updated=0 unchanged=0"
    updated = good_rows()
    updated[0][1] = "改名有限公司"
    assert cli(str(write_xlsx(tmp_path / "b.xlsx", updated)), "--zone", "zzgx") == 0
    assert "导入完成: created=0 updated=1 unchanged=2" in OUTPUT.out


def test_bad_rows_exit_1_with_one_exact_line_each(zone, tmp_path):
    rows = [
        *good_rows(2),
        row(uscc="91410100MA00003000", name="甲"),
        row(uscc=make_uscc(300), name="乙", founded_on="2020/02/30"),
    ]
    before = (Enterprise.objects.count(), AuditEvent.objects.count())
    assert cli(str(write_csv(tmp_path / "a.csv", rows))) == 1
    assert OUTPUT.err.splitlines() == [
        "row 4: 统一社会信用代码: 校验码错误: 第18位应为“U”，实际为“0”",
        "row 5: 成立日期: 日期“2020/02/30”不存在",
        "row 5: 统一社会信用代码: 与第2行重复",
    ]
    assert OUTPUT.out.strip() == "导入失败: 共3处错误，未写入任何数据"
    assert (Enterprise.objects.count(), AuditEvent.objects.count()) == before


def test_dry_run_writes_nothing(zone, tmp_path):
    assert cli(str(write_csv(tmp_path / "a.csv", good_rows())), "--dry-run") == 0
    out = OUTPUT.out
    assert "created=3" in out and "updated=0" in out
    assert Enterprise.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "message"),
    [("none.csv", "文件不存在"), ("a.txt", "不支持的文件类型“.txt”")],
)
def test_unreadable_file_exits_1_in_chinese(zone, tmp_path, name, message):
    if name.endswith(".txt"):
        (tmp_path / name).write_text("x")
    assert cli(str(tmp_path / name)) == 1
    assert message in OUTPUT.err


def test_zone_must_be_known(zone, other_zone, tmp_path):
    path = write_csv(tmp_path / "a.csv", good_rows())
    other_zone.hosted = True
    other_zone.save()
    assert cli(str(path)) == 1
    assert "请用 --zone 指定功能区编码" in OUTPUT.err
    assert cli(str(path), "--zone", "nowhere") == 1
    assert "功能区编码“nowhere”不存在" in OUTPUT.err
    assert cli(str(path), "--zone", "lyjk") == 0
    assert set(Enterprise.objects.values_list("zone__code", flat=True)) == {"lyjk"}


def test_the_console_script_exits_0_and_1(tmp_path):
    """The real `yingshang import-enterprises` on a database of its own."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["YINGSHANG_DATA_DIR"] = str(tmp_path / "data")

    def yingshang(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "yingshang", *args]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)

    assert yingshang("migrate", "-v", "0").returncode == 0
    create = (
        "from yingshang.kernel.models import Zone; "
        "Zone.objects.create(code='zzgx', name='高新区', city='郑州市', province='河南省')"
    )
    assert yingshang("shell", "-c", create).returncode == 0
    good = yingshang("import-enterprises", str(write_csv(tmp_path / "a.csv", good_rows())))
    assert (good.returncode, good.stdout.strip()) == (
        0,
        "导入完成: created=3 updated=0 unchanged=0",
    )
    bad_rows = [row(uscc=make_uscc(301), name="")]
    bad = yingshang("import-enterprises", str(write_csv(tmp_path / "b.csv", bad_rows)))
    assert bad.returncode == 1
    assert bad.stderr.splitlines()[0] == "row 2: 名称: 不能为空"


def test_more_than_1000_errors(zone, tmp_path):
    rows = [row(uscc=f"X{n}", name="甲") for n in range(1002)]
    assert cli(str(write_csv(tmp_path / "a.csv", rows))) == 1
    lines = OUTPUT.err.splitlines()
    assert len(lines) == 1000 and all(line.startswith("row ") for line in lines)
    assert OUTPUT.out.strip() == "导入失败: 共1002处错误 (还有2处错误未显示)，未写入任何数据"
