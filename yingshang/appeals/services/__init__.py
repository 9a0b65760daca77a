"""Appeal writes: each checks once, changes, records the audit event and notifies, in one
transaction."""
