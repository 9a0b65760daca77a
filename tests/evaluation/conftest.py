import pytest

from yingshang.evaluation import selectors


@pytest.fixture(autouse=True)
def _fresh_result_cache():
    """Run ids are reused after a rolled-back test; the cache must not carry results over."""
    selectors.clear_caches()
    yield
    selectors.clear_caches()
