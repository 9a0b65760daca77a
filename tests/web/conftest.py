"""Fixtures of the page tests: a logged-in client per role and a clean cache."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clean_cache():
    """Cached aggregates are keyed by row ids, which a rolled-back test may reuse."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client_for(client, users):
    """A test client logged in as the user of a role."""

    def login(role):
        client.force_login(users[role])
        return client

    return login
