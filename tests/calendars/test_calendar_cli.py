"""`yingshang workdays ...` through call_command."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue().strip()


def test_add_counts_from_the_next_day() -> None:
    assert run("add", "2025-09-30", "1") == "2025-10-09"
    assert run("add", "2025-09-26", "1") == "2025-09-28"
    assert run("add", "2025-12-31", "1") == "2026-01-04"
    assert run("add", "2025-09-30", "0") == "2025-09-30"


def test_unpublished_years_are_flagged_provisional() -> None:
    assert run("add", "2026-12-31", "1") == "2027-01-01 provisional"
    assert run("add", "2027-01-01", "2") == "2027-01-05 provisional"
    assert run("between", "2026-12-25", "2027-01-08") == "10 provisional"


def test_between_and_is_workday() -> None:
    assert run("between", "2025-09-30", "2025-10-12") == "3"
    assert run("between", "2025-10-12", "2025-09-30") == "-3"
    assert run("is-workday", "2025-09-28") == "yes"
    assert run("is-workday", "2025-10-08") == "no"
    assert run("is-workday", "2027-01-01") == "yes provisional"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "2025-13-01", "1"), "日期格式不正确"),
        (("add", "昨天", "1"), "日期格式不正确"),
        (("add", "2025-09-30", "-1"), "不能为负数"),
        (("add", "2025-09-30", "三"), "必须是整数"),
        (("between", "2025-09-30", "x"), "日期格式不正确"),
        (("is-workday", "2025/10/01"), "日期格式不正确"),
        (("add", "9999-12-30", "5"), "超出"),
    ],
)
def test_bad_input_fails_with_a_chinese_message(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_seed_reports_what_it_did() -> None:
    output = run("seed", "--first-year", "2025", "--last-year", "2027")
    assert "2025–2026" in output and "新增 0 天" in output
