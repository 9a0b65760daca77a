"""The empty choice of a select says "请选择" in entry forms and "全部" in filter forms, never
Django's "---------"; a field that names its empty choice itself keeps its words."""

import pytest
from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH

from yingshang.enterprises.forms import EnterpriseCreateForm, EnterpriseEditForm
from yingshang.enterprises.imports.forms import ImportUploadForm
from yingshang.evaluation.forms import DatasetUploadForm
from yingshang.kernel.models import Department, Enterprise, Zone
from yingshang.lib.forms import ALL, CHOOSE, EntryForm, EntryModelForm, FilterForm
from yingshang.rectification.forms import (
    PlanItemForm,
    ProblemForm,
    TaskCreateForm,
    TaskFilterForm,
)
from yingshang.rectification.models import Plan
from yingshang.web.forms import AuditFilterForm

DASHES = "---------"


class _Entry(EntryForm):
    zone = forms.ModelChoiceField(queryset=Zone.objects.all())
    kind = forms.ChoiceField(choices=[*BLANK_CHOICE_DASH, ("a", "甲")])
    own = forms.ModelChoiceField(queryset=Zone.objects.all(), empty_label="不限功能区")


class _Filter(FilterForm):
    zone = forms.ModelChoiceField(queryset=Zone.objects.all(), required=False)


class _Model(EntryModelForm):
    class Meta:
        model = Enterprise
        fields = ["size_class", "credit_risk_class", "entity_type"]


def _options(form: forms.Form, name: str) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in form.fields[name].choices]


@pytest.mark.django_db
def test_an_entry_form_says_choose():
    form = _Entry()
    assert _options(form, "zone")[0] == ("", CHOOSE)
    assert _options(form, "kind")[0] == ("", CHOOSE)
    assert DASHES not in str(form)


@pytest.mark.django_db
def test_a_label_of_the_field_itself_is_kept():
    assert _options(_Entry(), "own")[0] == ("", "不限功能区")


@pytest.mark.django_db
def test_a_filter_form_says_all():
    form = _Filter()
    assert _options(form, "zone")[0] == ("", ALL)
    assert DASHES not in str(form)


@pytest.mark.django_db
def test_a_model_form_names_the_blank_of_choice_fields():
    form = _Model()
    assert _options(form, "size_class")[0] == ("", CHOOSE)
    assert _options(form, "credit_risk_class")[0] == ("", CHOOSE)
    # A field with a default has no empty choice at all.
    assert all(value for value, _label in _options(form, "entity_type"))
    assert DASHES not in str(form)


def _module_forms(users, zone, departments, enterprise) -> dict[str, forms.Form]:
    """One form of each kind from each module, with the querysets their pages give them."""
    teams = Department.objects.filter(zone=zone)
    return {
        "enterprise create": EnterpriseCreateForm(choose_zone=True),
        "enterprise edit": EnterpriseEditForm(instance=enterprise),
        "enterprise import": ImportUploadForm(user=users["admin"]),
        "dataset upload": DatasetUploadForm(user=users["admin"]),
        "task create": TaskCreateForm(departments=teams, plans=Plan.objects.none()),
        "task filters": TaskFilterForm(departments=teams),
        "problem": ProblemForm(departments=teams),
        "plan item": PlanItemForm(departments=teams),
        "audit filters": AuditFilterForm(),
    }


def test_no_form_of_the_modules_renders_dashes(users, zone, departments, enterprise):
    rendered = {
        name: str(form)
        for name, form in _module_forms(users, zone, departments, enterprise).items()
    }
    assert all("<select" in html for html in rendered.values())
    assert [name for name, html in rendered.items() if DASHES in html] == []


def test_optional_departments_say_not_yet_assigned(zone, departments):
    teams = Department.objects.filter(zone=zone)
    assert _options(ProblemForm(departments=teams), "department")[0] == ("", "暂不指定")
    assert _options(PlanItemForm(departments=teams), "lead_department")[0] == ("", "暂不指定")
    required = TaskCreateForm(departments=teams, plans=Plan.objects.none())
    assert _options(required, "lead_department")[0] == ("", CHOOSE)
