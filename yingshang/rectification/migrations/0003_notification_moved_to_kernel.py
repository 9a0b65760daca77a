"""Notifications now belong to the kernel (registry 0004 keeps the table and its rows)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("rectification", "0002_task_overdue_index"),
        ("registry", "0004_notification"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Notification")],
        ),
    ]
