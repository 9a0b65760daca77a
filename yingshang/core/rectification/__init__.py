"""Rectification rules without Django: the task workflow table, grades and time limits, the
escalation clocks, department performance scores and duplicate hints for problems."""
