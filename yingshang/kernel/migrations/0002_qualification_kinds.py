from django.db import migrations

KINDS = [
    ("high_tech", "高新技术企业", 10),
    ("specialized", "专精特新中小企业", 20),
    ("little_giant", "专精特新“小巨人”企业", 30),
    ("sme_tech", "科技型中小企业", 40),
    ("above_scale", "规上企业", 50),
    ("gazelle", "瞪羚企业", 60),
    ("innovative_sme", "创新型中小企业", 70),
]


def seed(apps, schema_editor):
    kind_model = apps.get_model("registry", "QualificationKind")
    for code, name, order in KINDS:
        kind_model.objects.update_or_create(code=code, defaults={"name": name, "sort_order": order})


def unseed(apps, schema_editor):
    apps.get_model("registry", "QualificationKind").objects.filter(
        code__in=[c for c, _n, _o in KINDS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
