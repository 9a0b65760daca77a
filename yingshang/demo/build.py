"""Writing the demo: zones, departments, enterprises in chunks, accounts, one audit event; all in
one transaction, so that a failed build leaves nothing behind."""

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction

from yingshang.audit.services import record_event
from yingshang.demo import DEFAULT_SEED, DEFAULT_SIZE
from yingshang.demo import reference as ref
from yingshang.enterprises.demo.generate import (
    CHUNK_SIZE,
    ENTERPRISE_FIELDS,
    QUALIFICATION_RULES,
    EnterpriseRow,
    chunked,
    generate_enterprises,
    is_showcase,
)
from yingshang.evaluation.demo import build_demo_evaluation
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
    *, size: int = DEFAULT_SIZE, seed: int = DEFAULT_SEED, progress: Progress | None = None
) -> BuildReport:
    """Create the demo from nothing; raises if the hosted demo zone already exists."""
    if size < 1:
        raise ValueError("size must be positive")
    started = time.perf_counter()
    with _large_page_cache(), transaction.atomic():
        if find_demo_zone() is not None:
            raise ValueError(f"功能区 {ref.HOSTED_ZONE['name']} 已存在")
        zone = _create_zones()
        departments = _create_departments(zone)
        written = _create_enterprises(zone, size=size, seed=seed, progress=progress)
        _create_users(zone, departments, _showcase_enterprise(zone, written.showcase_uscc))
        _create_evaluation(zone)
        build_demo_rectification(zone=zone, actor_office=User.objects.get(username="office"))
        record_event(
            actor=None,
            verb=BUILT_VERB,
            obj=zone,
            zone=zone,
            after={"seed": seed, "size": size, "qualifications": written.qualifications},
            reason="生成演示数据",
        )
    _refresh_statistics()
    return BuildReport(zone, size, written.qualifications, time.perf_counter() - started)


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


def _create_users(zone: Zone, departments: dict[str, Department], enterprise: Enterprise) -> None:
    for row in ref.ACCOUNTS:
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
        )
        user.set_password(ref.demo_password(row["username"]))
        user.full_clean()
        user.save()


def _create_evaluation(zone: Zone) -> None:
    """The provincial evaluation of the hosted zone among its peers, published by the office."""
    peers = [Zone.objects.get(code=row["code"]) for row in ref.PEER_ZONES]
    office = User.objects.filter(zone=zone, role=Role.OFFICE).order_by("id").first()
    build_demo_evaluation(zone=zone, peers=peers, actor=office)


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
