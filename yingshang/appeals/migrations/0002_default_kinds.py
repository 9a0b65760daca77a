"""The platform's default appeal kinds and their time limits (the table in docs/appeals.md).
Frozen here: a later change of the defaults is a migration of its own."""

from django.db import migrations

KINDS = (
    ("emergency", "应急类", 0, "same_day", 0),
    ("enquiry", "咨询", 3, "workdays", 3),
    ("help", "求助", 3, "workdays", 3),
    ("suggestion", "建议批评", 3, "workdays", 13),
    ("complaint", "投诉举报", 3, "workdays", 13),
    ("grade_c", "C类（简单）", 3, "workdays", 5),
    ("grade_b", "B类（跨部门）", 3, "workdays", 15),
    ("grade_a", "A类（复杂、历史遗留）", 3, "months", 1),
)


def seed(apps, schema_editor) -> None:
    kind = apps.get_model("appeals", "AppealKind")
    for order, (code, name, acceptance, unit, amount) in enumerate(KINDS, start=1):
        kind.objects.update_or_create(
            zone=None,
            code=code,
            defaults={
                "name": name,
                "acceptance_workdays": acceptance,
                "limit_unit": unit,
                "limit_amount": amount,
                "order": order,
            },
        )


def unseed(apps, schema_editor) -> None:
    apps.get_model("appeals", "AppealKind").objects.filter(
        zone=None, code__in=[k[0] for k in KINDS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("appeals", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
