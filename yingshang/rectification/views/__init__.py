"""The rectification pages: tasks (list, board, detail, actions), the problem ledger, plans and
the leader's overview. Every page checks the role (enterprise and supervisor get 403) and reads
through `yingshang.rectification.selectors`, so another zone's records are not found (404)."""
