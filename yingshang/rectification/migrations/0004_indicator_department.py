"""The zone's division of work per evaluation indicator (指标责任部门)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('rectification', '0003_notification_moved_to_kernel'),
        ('registry', '0004_notification'),
    ]

    operations = [
        migrations.CreateModel(
            name='IndicatorDepartment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('indicator', models.CharField(help_text='评价方法中的指标编码，如 starting_business', max_length=100, verbose_name='指标编码')),
                ('indicator_name', models.CharField(blank=True, max_length=200, verbose_name='指标名称')),
                ('lead_department', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registry.department', verbose_name='牵头部门')),
                ('supporting_departments', models.ManyToManyField(blank=True, related_name='+', to='registry.department', verbose_name='配合部门')),
                ('zone', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='registry.zone', verbose_name='功能区')),
            ],
            options={
                'verbose_name': '指标责任部门',
                'verbose_name_plural': '指标责任部门',
                'ordering': ['zone', 'indicator'],
                'constraints': [models.UniqueConstraint(fields=('zone', 'indicator'), name='rectification_indicator_department')],
            },
        ),
    ]
