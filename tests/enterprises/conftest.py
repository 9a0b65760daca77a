"""Fixtures of the enterprise registry's tests (the shared ones, zones, users and enterprises,
are in tests/conftest.py)."""

import pytest


@pytest.fixture
def media(settings, tmp_path):
    """A private MEDIA_ROOT: the import keeps uploads there between preview and commit."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
