"""`yingshang appeals deadline --kind KIND --received D`: one line from `deadlines_for`."""

import pytest
from django.core.management import CommandError, call_command


def test_prints_the_acceptance_and_handling_deadlines(db, capsys):
    call_command("appeals", "deadline", "--kind", "complaint", "--received", "2025-09-29")
    assert capsys.readouterr().out.strip() == "accept 2025-10-10 handle 2025-10-28"


def test_same_day_kind_in_the_holiday(db, capsys):
    call_command("appeals", "deadline", "--kind", "emergency", "--received", "2025-10-01")
    assert capsys.readouterr().out.strip() == "accept 2025-10-01 handle 2025-10-01"


def test_unknown_kind_names_the_known_ones(db):
    with pytest.raises(CommandError, match=r"未知的诉求类型.*complaint"):
        call_command("appeals", "deadline", "--kind", "rumour", "--received", "2025-09-29")
