"""Writing the demo: zones, departments, enterprises in chunks, accounts, the evaluation, the
rectification story and the appeals, one audit event; all in one transaction, so that a failed
build leaves nothing behind.

The story is dated from the day of the build (`today`): the platform went live before the story
starts, the province's evaluation was published before the plan was drafted from it, and every
step of the modules' builders happens at its own moment on the story's clock (`StoryClock`).
"""

import datetime as dt
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from yingshang.appeals.demo import build_demo_appeals
from yingshang.audit.services import record_event
from yingshang.demo import DEFAULT_SEED, DEFAULT_SIZE
from yingshang.demo import reference as ref
from yingshang.demo.clock import StoryClock
from yingshang.enterprises.demo.generate import (
    CHUNK_SIZE,
    ENTERPRISE_FIELDS,
    QUALIFICATION_RULES,
    EnterpriseRow,
    chunked,
    generate_enterprises,
    is_showcase,
)
from yingshang.enterprises.demo.qualifications import account_qualifications
from yingshang.evaluation.demo import build_demo_evaluation
from yingshang.evaluation.demo_data import periods_published_by
from yingshang.kernel.models import (
    Department,
    Enterprise,
    EnterpriseStatus,
    EntityType,
    Qualification,
    QualificationKind,
    Role,
    User,
    Zone,
)
from yingshang.rectification.demo import build_demo_rectification

BATCH_SIZE = 5_000
SQLITE_CACHE_KIB = 128 * 1024
BUILT_VERB = "demo.built"

# The story's days before the build: the platform went live (the accounts were opened), the
# province published its evaluation (the rectification plan is drafted from it on day -35).
WENT_LIVE = -120
EVALUATION_PUBLISHED = -42

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BuildReport:
    zone: Zone
    enterprises: int
    qualifications: int
    seconds: float


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    full_name: str
    unit: str  # department or enterprise
    exists: bool


def find_demo_zone() -> Zone | None:
    return Zone.objects.filter(code=ref.HOSTED_ZONE["code"]).first()


def build_demo(
    *,
    size: int = DEFAULT_SIZE,
    seed: int = DEFAULT_SEED,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> BuildReport:
    """Create the demo from nothing; raises if the hosted demo zone already exists. The story
    ends on `today` (the day of the build unless given, never later)."""
    if size < 1:
        raise ValueError("size must be positive")
    started = time.perf_counter()
    clock = StoryClock(today=today or timezone.localdate())
    with _large_page_cache(), transaction.atomic():
        if find_demo_zone() is not None:
            raise ValueError(f"功能区 {ref.HOSTED_ZONE['name']} 已存在")
        zone = _create_zones()
        departments = _create_departments(zone)
        written = _create_enterprises(zone, size=size, seed=seed, progress=progress)
        showcase = _showcase_enterprise(zone, written.showcase_uscc)
        qualifications = written.qualifications + _expiring_qualifications(showcase, clock.today)
        _create_users(zone, departments, showcase, joined=clock.moment(_day(clock, WENT_LIVE)))
        _create_evaluation(zone, clock)
        build_demo_rectification(
            zone=zone,
            actor_office=User.objects.get(username="office"),
            today=clock.today,
            division=ref.INDICATOR_DEPARTMENTS,
            stamp=clock.on,
        )
        build_demo_appeals(zone=zone, today=clock.today, stamp=clock.on)
        record_event(
            actor=None,
            verb=BUILT_VERB,
            obj=zone,
            zone=zone,
            after={"seed": seed, "size": size, "qualifications": qualifications},
            reason="生成演示数据",
        )
    _refresh_statistics()
    return BuildReport(zone, size, qualifications, time.perf_counter() - started)


def _day(clock: StoryClock, offset: int) -> dt.date:
    return clock.today + dt.timedelta(days=offset)


@contextmanager
def _large_page_cache() -> Iterator[None]:
    """On SQLite, a bigger page cache for the build: a million rows with eight indexes
    otherwise spill the same index pages to the write-ahead log again and again."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def _refresh_statistics() -> None:
    """Planner statistics for the freshly loaded tables. PostgreSQL gathers them only when
    autovacuum gets round to it (never, where autovacuum is off); until then a million rows
    look like an empty table and searches get slow plans."""
    if connection.vendor != "postgresql":
        return
    models = (Zone, Department, Enterprise, Qualification, User)
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


def _create_zones() -> Zone:
    for row in ref.PEER_ZONES:
        Zone.objects.get_or_create(code=row["code"], defaults=dict(row))
    return Zone.objects.create(**ref.HOSTED_ZONE)


def _create_departments(zone: Zone) -> dict[str, Department]:
    departments = [Department(zone=zone, **row) for row in ref.DEPARTMENTS]
    Department.objects.bulk_create(departments)
    return {d.code: d for d in Department.objects.filter(zone=zone)}


def _qualification_kinds() -> dict[str, int]:
    kinds = dict(QualificationKind.objects.values_list("code", "pk"))
    missing = {rule.kind for rule in QUALIFICATION_RULES} - set(kinds)
    if missing:
        raise ValueError(f"缺少资质类型 (应由数据库迁移写入): {', '.join(sorted(missing))}")
    return kinds


@dataclass(frozen=True)
class _Written:
    qualifications: int
    showcase_uscc: str


def _create_enterprises(zone: Zone, *, size: int, seed: int, progress: Progress | None) -> _Written:
    kinds = _qualification_kinds()
    done = qualifications = 0
    showcase = ""
    for chunk in chunked(generate_enterprises(seed, size), CHUNK_SIZE):
        ids = _insert_enterprises(zone, chunk)
        qualifications += _insert_qualifications(chunk, ids, kinds)
        showcase = showcase or next((row["uscc"] for row in chunk if is_showcase(row)), "")
        done += len(chunk)
        if progress is not None:
            progress(done, size)
    return _Written(qualifications, showcase)


def _insert_enterprises(zone: Zone, rows: Sequence[EnterpriseRow]) -> list[int]:
    objects = [
        Enterprise(zone_id=zone.pk, **{name: row[name] for name in ENTERPRISE_FIELDS})
        for row in rows
    ]
    Enterprise.objects.bulk_create(objects, batch_size=BATCH_SIZE)
    if all(obj.pk is not None for obj in objects):
        return [obj.pk for obj in objects]
    # Backends that cannot return ids from a bulk insert: look them up by code.
    by_code = dict(
        Enterprise.objects.filter(uscc__in=[row["uscc"] for row in rows]).values_list("uscc", "pk")
    )
    return [by_code[row["uscc"]] for row in rows]


def _insert_qualifications(
    rows: Sequence[EnterpriseRow], ids: Sequence[int], kinds: dict[str, int]
) -> int:
    objects = [
        Qualification(
            enterprise_id=pk,
            kind_id=kinds[q["kind"]],
            certificate_no=q["certificate_no"],
            valid_from=q["valid_from"],
            valid_until=q["valid_until"],
        )
        for row, pk in zip(rows, ids, strict=True)
        for q in row["qualifications"]
    ]
    Qualification.objects.bulk_create(objects, batch_size=BATCH_SIZE)
    return len(objects)


def _showcase_enterprise(zone: Zone, uscc: str) -> Enterprise:
    """The enterprise that the enterprise account belongs to."""
    if uscc:
        return Enterprise.objects.get(uscc=uscc)
    active = Enterprise.objects.filter(
        zone=zone, status=EnterpriseStatus.ACTIVE, entity_type=EntityType.COMPANY
    )
    return active.order_by("id").first() or Enterprise.objects.filter(zone=zone).earliest("id")


def _expiring_qualifications(enterprise: Enterprise, today: dt.date) -> int:
    """Give the enterprise account's enterprise a qualification that ends within the month and
    one that has ended (in place of any it was generated with of those kinds); returns how many
    qualifications that adds."""
    rows = account_qualifications(today)
    kinds = dict(
        QualificationKind.objects.filter(code__in=[r["kind"] for r in rows]).values_list(
            "code", "pk"
        )
    )
    replaced, _ = Qualification.objects.filter(
        enterprise=enterprise, kind_id__in=kinds.values()
    ).delete()
    Qualification.objects.bulk_create(
        Qualification(
            enterprise=enterprise,
            kind_id=kinds[row["kind"]],
            certificate_no=row["certificate_no"],
            valid_from=row["valid_from"],
            valid_until=row["valid_until"],
        )
        for row in rows
    )
    return len(rows) - replaced


def _create_users(
    zone: Zone, departments: dict[str, Department], enterprise: Enterprise, *, joined: dt.datetime
) -> None:
    """The demo accounts, then a liaison for each department without one."""
    for row in (*ref.ACCOUNTS, *ref.LIAISONS):
        is_admin = row["role"] == Role.ADMIN
        is_enterprise = row["role"] == Role.ENTERPRISE
        user = User(
            username=row["username"],
            role=row["role"],
            full_name=enterprise.contact_name if is_enterprise else row["full_name"],
            phone=enterprise.contact_phone if is_enterprise else row["phone"],
            zone=zone,
            department=departments[row["department"]] if row["department"] else None,
            enterprise=enterprise if is_enterprise else None,
            is_staff=is_admin,
            is_superuser=is_admin,
            date_joined=joined,
        )
        if row in ref.LIAISONS:
            user.set_unusable_password()
        else:
            user.set_password(ref.demo_password(row["username"]))
        user.full_clean()
        user.save()


def _create_evaluation(zone: Zone, clock: StoryClock) -> None:
    """The provincial evaluation of the hosted zone among its peers, published by the office:
    the years up to the one before it was published."""
    peers = [Zone.objects.get(code=row["code"]) for row in ref.PEER_ZONES]
    office = User.objects.filter(zone=zone, role=Role.OFFICE).order_by("id").first()
    published = _day(clock, EVALUATION_PUBLISHED)
    build_demo_evaluation(
        zone=zone,
        peers=peers,
        actor=office,
        periods=periods_published_by(published.year),
        stamp=lambda step: clock.on(published, step),
    )


def demo_accounts() -> list[DemoAccount]:
    """The demo accounts with their initial passwords, in the order of the table printed."""
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=[row["username"] for row in ref.ACCOUNTS]
        ).select_related("department", "enterprise")
    }
    accounts = []
    for row in ref.ACCOUNTS:
        user = users.get(row["username"])
        unit = ""
        if user is not None:
            unit = str(user.enterprise or user.department or "")
        accounts.append(
            DemoAccount(
                username=row["username"],
                password=ref.demo_password(row["username"]),
                role=Role(row["role"]).label,
                full_name=(user.full_name if user else row["full_name"]) or "",
                unit=unit,
                exists=user is not None,
            )
        )
    return accounts
