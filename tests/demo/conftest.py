"""The demo built once per test module, inside an atomic block rolled back at the end."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.utils import timezone

from yingshang.demo.build import build_demo, find_demo_zone
from yingshang.kernel.models import Zone

SIZE = 30
SEED = 5


@dataclass(frozen=True)
class BuiltDemo:
    zone: Zone
    today: dt.date  # the last day of the story
    built_at: dt.datetime  # when the build finished


def build(today: dt.date | None = None) -> BuiltDemo:
    today = today or timezone.localdate()
    build_demo(size=SIZE, seed=SEED, today=today)
    return BuiltDemo(find_demo_zone(), today, timezone.now())


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo ending on the day of the build."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)
