"""Reads of the rectification records, scoped through `kernel.access.scoped`: what a user may
see of tasks (`tasks`), the problem ledger (`problems`), plans (`plans`), extension requests
(`extensions`), department performance (`performance`) and the zone's departments and people
(`reference`). A record outside the user's scope is not found (404); a role that may not use
rectification at all is refused (403) by the reads the pages and the API call."""
