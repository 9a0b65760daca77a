"""`yingshang export_openapi_schema [--output FILE]`: django-ninja's command, still available.

ninja is not an installed app (see the settings), so its commands are not found on their own;
this module makes its OpenAPI export one of the shell's commands.
"""

from ninja.management.commands.export_openapi_schema import Command

__all__ = ["Command"]
