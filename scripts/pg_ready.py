"""Exit 0 if the PostgreSQL server of the URL answers, 1 otherwise."""

import sys

import dj_database_url
import psycopg

params = dj_database_url.parse(sys.argv[1])
try:
    psycopg.connect(
        host=params["HOST"] or "127.0.0.1",
        port=params["PORT"] or 5432,
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        dbname=params["NAME"],
        connect_timeout=5,
    ).close()
except psycopg.OperationalError as exc:
    print(exc, file=sys.stderr)
    sys.exit(1)
