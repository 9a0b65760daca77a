"""Notifications move from the rectification app to the kernel, keeping their rows: the model is
created in the kernel's state over the existing table, then the table and its index are renamed."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0003_enterprise_search_indexes"),
        ("rectification", "0002_task_overdue_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Notification",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("verb", models.CharField(max_length=60, verbose_name="类型")),
                        ("text", models.CharField(max_length=500, verbose_name="内容")),
                        ("link", models.CharField(blank=True, max_length=300, verbose_name="链接")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="时间")),
                        ("read_at", models.DateTimeField(blank=True, null=True, verbose_name="已读时间")),
                        ("emailed", models.BooleanField(default=False, verbose_name="已发邮件")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="notifications", to=settings.AUTH_USER_MODEL, verbose_name="接收人")),
                    ],
                    options={
                        "verbose_name": "通知",
                        "verbose_name_plural": "通知",
                        "ordering": ["-id"],
                        "db_table": "rectification_notification",
                        "indexes": [models.Index(fields=["user", "read_at"], name="rectificati_user_id_d4ad37_idx")],
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name="notification", table=None),
        migrations.RenameIndex(
            model_name="notification",
            new_name="notification_user_read",
            old_name="rectificati_user_id_d4ad37_idx",
        ),
    ]
