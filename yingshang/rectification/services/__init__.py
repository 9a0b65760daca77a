"""Writes to the rectification records: check the permissions once (`permissions`), check the
rules, do, then record the audit event (`rectification.events`), in one transaction. Views, the
API and commands call these functions, never the models directly."""
