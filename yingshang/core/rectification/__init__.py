"""Rectification rules without Django: the task and plan workflow tables, grades and time limits,
the escalation clocks, department performance (counting and scores), the problem ledger's
statuses, duplicate hints for problems, and the code lists with their Chinese labels that the
models' choices are made from (see `codes`)."""
