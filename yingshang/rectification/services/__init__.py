"""Writes to the rectification records: check, then do, then record the audit event, in one
transaction. Views, the API and commands call these functions, never the models directly."""
