"""`yingshang version`: the platform's version and the database it uses, in two lines.

    营商 yingshang 0.1.0 (Django 5.2.19, Python 3.11.7)
    数据库: SQLite 3.40.1, /srv/yingshang/var/yingshang.sqlite3

Nothing is connected to: the answer comes from the installed package and the settings, so it
is quick and works when the database server is down. Passwords in DATABASE_URL are never shown.
"""

import platform
import sqlite3
from importlib import metadata
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.core.management.base import BaseCommand

ENGINES = {
    "django.db.backends.sqlite3": "SQLite",
    "django.db.backends.postgresql": "PostgreSQL",
    "django.db.backends.mysql": "MySQL",
    "django.db.backends.oracle": "Oracle",
}


def package_version() -> str:
    try:
        return metadata.version("yingshang")
    except metadata.PackageNotFoundError:
        return "未安装"


def database_line(database: dict[str, Any]) -> str:
    engine = database["ENGINE"]
    name = str(database.get("NAME") or "")
    if engine == "django.db.backends.sqlite3":
        missing = "" if name == ":memory:" or Path(name).exists() else " (尚未创建)"
        return f"数据库: SQLite {sqlite3.sqlite_version}, {name}{missing}"
    label = ENGINES.get(engine, engine)
    host = database.get("HOST") or "本机套接字"
    port = f":{database['PORT']}" if database.get("PORT") else ""
    user = f", 用户 {database['USER']}" if database.get("USER") else ""
    return f"数据库: {label}, {name} @ {host}{port}{user}"


class Command(BaseCommand):
    help = "显示营商平台的版本和所用的数据库"
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(
            f"营商 yingshang {package_version()}"
            f" (Django {django.get_version()}, Python {platform.python_version()})"
        )
        self.stdout.write(database_line(settings.DATABASES["default"]))
