"""The demo: a fictional but realistic 郑州高新区 with its departments, peer zones, accounts for
every role and a synthetic enterprise registry.

`reference` and `generate` are plain Python (no Django) and produce plain rows from a seed;
`build` writes them with the ORM in one transaction; `reset` throws a demo database away.
"""

DEFAULT_SEED = 2026
DEFAULT_SIZE = 5_000
