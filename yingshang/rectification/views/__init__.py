"""The rectification pages: tasks (list, board, detail, actions), the problem ledger, plans and
the leader's overview. A page parses its request and calls the selectors (reads scoped to the
user: enterprise users and supervisors get 403, another zone's records 404) or one service
(which checks the permissions of the write)."""
