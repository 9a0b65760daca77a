"""The holiday schedule from the chinesecalendar package, and writing it into the holiday table.

Plain Python without Django imports: the data migration passes the historical models from
`apps.get_model`, the seeding service passes the real ones, so the rows are the same either way.
Audit events are the service's business.

chinesecalendar (import `chinese_calendar`) knows the years 2004 to 2026 in version 1.11.0 and
raises NotImplementedError for any other year; such years are skipped, so asking for more years
than it knows is safe. Only exceptions to the Monday-to-Friday rule become rows: a holiday on a
weekday (kind "holiday") and a weekend day that is worked (kind "workday", 调休上班), named in
Chinese (国庆节，春节, ...).

Writing is idempotent. By default the table wins: missing years and days are added, rows that
already exist are left as they are, even when they differ from the seed (an administrator may
have corrected them). With `overwrite=True` every seeded year is made to match the seed exactly.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from yingshang.core.workdays import HOLIDAY, WORKDAY, WorkCalendar

FIRST_KNOWN_YEAR = 2004
LAST_KNOWN_YEAR = 2026
PACKAGE_NAME = "chinesecalendar"


@dataclass(frozen=True)
class SeedDay:
    date: dt.date
    kind: str
    name: str


@dataclass(frozen=True)
class SeedYear:
    year: int
    source: str
    days: tuple[SeedDay, ...]


def chinesecalendar_source() -> str:
    """The label stored with seeded years, such as "chinesecalendar 1.11.0"."""
    try:
        version = metadata.version("chinesecalendar")
    except metadata.PackageNotFoundError:
        import chinese_calendar

        version = getattr(chinese_calendar, "__version__", "?")
    return f"{PACKAGE_NAME} {version}"


def is_package_source(source: str) -> bool:
    """Whether a year's source is the label seeding stored, not text an administrator wrote."""
    return source == PACKAGE_NAME or source.startswith(f"{PACKAGE_NAME} ")


def _chinese_names() -> dict[str, str]:
    from chinese_calendar.constants import Holiday

    return {member.value: member.chinese for member in Holiday}


def _days_of(year: int) -> Iterator[dt.date]:
    day = dt.date(year, 1, 1)
    while day.year == year:
        yield day
        day += dt.timedelta(days=1)


def _year_rows(year: int, names: dict[str, str]) -> tuple[SeedDay, ...]:
    """The year's exceptions; NotImplementedError when the package does not know the year."""
    from chinese_calendar import get_holiday_detail

    rows = []
    for day in _days_of(year):
        is_holiday, english = get_holiday_detail(day)
        weekend = day.weekday() >= 5
        name = names.get(english or "", english or "")[:50]
        if is_holiday and not weekend:
            rows.append(SeedDay(day, HOLIDAY, name))
        elif weekend and not is_holiday:
            rows.append(SeedDay(day, WORKDAY, name))
    return tuple(rows)


def chinesecalendar_schedule(
    *, first_year: int = FIRST_KNOWN_YEAR, last_year: int = LAST_KNOWN_YEAR
) -> list[SeedYear]:
    """One SeedYear per year from first_year to last_year that the installed package knows."""
    names = _chinese_names()
    source = chinesecalendar_source()
    years = []
    for year in range(first_year, last_year + 1):
        try:
            rows = _year_rows(year, names)
        except NotImplementedError:
            continue
        years.append(SeedYear(year=year, source=source, days=rows))
    return years


def calendar_from_schedule(schedule: list[SeedYear]) -> WorkCalendar:
    """A WorkCalendar with every year of the schedule published."""
    days = [day for year in schedule for day in year.days]
    return WorkCalendar.build(
        off_days=(d.date for d in days if d.kind == HOLIDAY),
        extra_workdays=(d.date for d in days if d.kind == WORKDAY),
        published_years=(year.year for year in schedule),
    )


# Writing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearSeedResult:
    year: int
    year_created: bool
    days_created: int
    days_updated: int
    days_deleted: int
    days_kept: int
    """Rows that differ from the seed and were left as the administrator set them."""

    @property
    def changed(self) -> bool:
        return bool(
            self.year_created or self.days_created or self.days_updated or self.days_deleted
        )


def _seed_year_row(year_model: Any, seed: SeedYear, *, overwrite: bool) -> tuple[Any, bool]:
    row, created = year_model.objects.get_or_create(
        year=seed.year, defaults={"published": True, "source": seed.source}
    )
    if not created and overwrite and (not row.published or row.source != seed.source):
        row.published = True
        row.source = seed.source
        row.save(update_fields=["published", "source"])
    return row, created


def _seed_year_days(day_model: Any, seed: SeedYear, *, overwrite: bool) -> tuple[int, ...]:
    first, last = dt.date(seed.year, 1, 1), dt.date(seed.year, 12, 31)
    existing = {row.date: row for row in day_model.objects.filter(date__range=(first, last))}
    wanted = {day.date: day for day in seed.days}
    missing = [
        day_model(date=d.date, kind=d.kind, name=d.name)
        for d in seed.days
        if d.date not in existing
    ]
    different = [
        row
        for date, row in existing.items()
        if date in wanted and (row.kind, row.name) != (wanted[date].kind, wanted[date].name)
    ]
    extra = [row.pk for date, row in existing.items() if date not in wanted]
    day_model.objects.bulk_create(missing)
    if not overwrite:
        return len(missing), 0, 0, len(different) + len(extra)
    for row in different:
        row.kind, row.name = wanted[row.date].kind, wanted[row.date].name
    day_model.objects.bulk_update(different, ["kind", "name"])
    day_model.objects.filter(pk__in=extra).delete()
    return len(missing), len(different), len(extra), 0


def apply_schedule(
    *, day_model: Any, year_model: Any, schedule: list[SeedYear], overwrite: bool = False
) -> list[YearSeedResult]:
    """Write the schedule; one result per seeded year. Call inside a transaction."""
    results = []
    for seed in schedule:
        _, year_created = _seed_year_row(year_model, seed, overwrite=overwrite)
        created, updated, deleted, kept = _seed_year_days(day_model, seed, overwrite=overwrite)
        results.append(
            YearSeedResult(
                year=seed.year,
                year_created=year_created,
                days_created=created,
                days_updated=updated,
                days_deleted=deleted,
                days_kept=kept,
            )
        )
    return results
