"""The upgrade check script, loaded as a module (scripts/ is not a package)."""

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "upgrade_check.py"


@pytest.fixture(scope="session")
def upgrade_check() -> ModuleType:
    spec = importlib.util.spec_from_file_location("upgrade_check", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
