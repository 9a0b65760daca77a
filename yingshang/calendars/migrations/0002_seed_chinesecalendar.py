"""Seed the holiday table from the chinesecalendar package (2004 to 2026 in version 1.11.0).

Idempotent: existing rows are kept as they are. Reversing leaves the rows in place.
"""

from django.db import migrations


def seed_holidays(apps, schema_editor):
    from yingshang.calendars.seeding import apply_schedule, chinesecalendar_schedule

    apply_schedule(
        day_model=apps.get_model("calendars", "CalendarDay"),
        year_model=apps.get_model("calendars", "CalendarYear"),
        schedule=chinesecalendar_schedule(first_year=2004, last_year=2026),
    )


class Migration(migrations.Migration):

    dependencies = [
        ("calendars", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed_holidays, migrations.RunPython.noop, elidable=False),
    ]
