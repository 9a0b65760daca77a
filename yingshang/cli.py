"""The `yingshang` command: Django's management commands plus the platform's own.

`yingshang demo`, `yingshang import-enterprises FILE`, `yingshang workdays add START N` and the
rest are management commands in the apps; this entry point only sets the settings module and
creates the data directory.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingshang.config.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        # The platform's commands are spelled with hyphens (import-enterprises); Django's
        # modules cannot be, so the first word is mapped to its module name.
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["yingshang", *args])


if __name__ == "__main__":
    main()
