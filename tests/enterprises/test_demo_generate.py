"""The demo's generator and reference data, without the database."""

import re
from collections import Counter
from datetime import date
from statistics import median

import pytest

from yingshang.core import uscc
from yingshang.core.industry import section_of
from yingshang.demo import reference as ref
from yingshang.enterprises.demo import vocabulary
from yingshang.enterprises.demo.generate import (
    ENTERPRISE_FIELDS,
    OLD_SPACE,
    CodePermutation,
    Weighted,
    chunked,
    generate_enterprises,
    is_showcase,
    size_class_of,
)
from yingshang.kernel.models import (
    CreditRiskClass,
    Enterprise,
    EnterpriseStatus,
    EntityType,
    QualificationKind,
    Role,
    SizeClass,
)

SAMPLE = 20_000


@pytest.fixture(scope="module")
def rows():
    return list(generate_enterprises(seed=11, size=SAMPLE))


def share(rows, predicate) -> float:
    return sum(1 for r in rows if predicate(r)) / len(rows)


def test_same_seed_same_rows_and_longer_runs_extend_shorter_ones():
    first = list(generate_enterprises(seed=5, size=400))
    assert first == list(generate_enterprises(seed=5, size=400))
    assert first[:150] == list(generate_enterprises(seed=5, size=150))
    assert first != list(generate_enterprises(seed=6, size=400))


def test_rows_have_exactly_the_enterprise_fields(rows):
    model_fields = {f.name for f in Enterprise._meta.concrete_fields}
    assert set(ENTERPRISE_FIELDS) <= model_fields
    assert set(rows[0]) == {*ENTERPRISE_FIELDS, "qualifications"}


def test_codes_are_valid_unique_and_typed(rows):
    codes = [r["uscc"] for r in rows]
    assert all(uscc.is_valid(code) for code in codes)
    assert len(set(codes)) == len(codes)
    type_digit = {
        "company": "1",
        "branch": "1",
        "other": "1",
        "individual": "2",
        "cooperative": "3",
    }
    for r in rows:
        assert r["uscc"][:2] == "9" + type_digit[r["entity_type"]]
        assert r["uscc"][2:6] == "4101"
        if r["entity_type"] == "individual" or r["founded_on"] >= date(2015, 10, 1):
            assert r["uscc"][8:10] == "MA"


def test_old_style_codes_embed_a_valid_organisation_code():
    perm = CodePermutation(1, 0, 7, 0)
    org = perm.old_style(1_234_567)
    digits, check = org[:8], org[8]
    total = sum(int(d) * w for d, w in zip(digits, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    assert check == {10: "X", 11: "0"}.get(11 - total % 11, str(11 - total % 11))
    assert len({perm.old_style(i) for i in range(5000)}) == 5000
    assert perm.old_style(0) != perm.old_style(OLD_SPACE // 2)


def test_every_industry_code_maps_to_its_section(rows):
    for r in rows:
        assert section_of(r["industry_code"]) == r["industry_section"]
    for table in (
        vocabulary.COMPANY_INDUSTRIES,
        vocabulary.INDIVIDUAL_TRADES,
        vocabulary.COOPERATIVE_INDUSTRIES,
    ):
        assert all(section_of(code) for code, _weight, _words in table)


def test_values_are_model_choices(rows):
    assert {r["entity_type"] for r in rows} <= set(EntityType.values)
    assert {r["status"] for r in rows} <= set(EnterpriseStatus.values)
    assert {r["size_class"] for r in rows} <= set(SizeClass.values)
    assert {r["credit_risk_class"] for r in rows} <= {"", *CreditRiskClass.values}


def test_entity_type_and_status_shares_are_plausible(rows):
    assert 0.22 <= share(rows, lambda r: r["entity_type"] == "individual") <= 0.38
    assert 0.58 <= share(rows, lambda r: r["entity_type"] == "company") <= 0.74
    assert 0.82 <= share(rows, lambda r: r["status"] == "active") <= 0.93
    assert share(rows, lambda r: r["size_class"] in ("micro", "small")) >= 0.85
    classified = [r for r in rows if r["credit_risk_class"]]
    assert share(classified, lambda r: r["credit_risk_class"] in ("A", "B")) >= 0.85


def test_a_high_tech_zone_is_mostly_software_manufacturing_research_and_trade(rows):
    sections = Counter(r["industry_section"] for r in rows)
    top = {letter for letter, _n in sections.most_common(6)}
    assert {"I", "F", "M", "L"} <= top
    assert sections["I"] / len(rows) >= 0.15
    assert sections["C"] / len(rows) >= 0.05


def test_founding_dates_span_the_years_and_skew_recent(rows):
    days = [r["founded_on"] for r in rows]
    assert min(days) >= date(vocabulary.FIRST_YEAR, 1, 1)
    assert max(days) <= ref.AS_OF
    assert median(d.year for d in days) >= 2016
    assert sum(1 for d in days if d.year < 2005) > 0


def test_size_class_agrees_with_employees_and_revenue(rows):
    for r in rows:
        assert size_class_of(r["employees"], float(r["annual_revenue"])) == r["size_class"]
        assert r["tax_paid"] < r["annual_revenue"]
        assert r["rd_expense"] is None or r["rd_expense"] < r["annual_revenue"]
    by_size = {
        size: median(float(r["annual_revenue"]) for r in rows if r["size_class"] == size)
        for size in ("micro", "small", "medium", "large")
    }
    assert by_size["micro"] < by_size["small"] < by_size["medium"] < by_size["large"]


def test_qualification_shares_and_dates(rows):
    kinds = Counter(q["kind"] for r in rows for q in r["qualifications"])
    assert 0.05 <= kinds["high_tech"] / len(rows) <= 0.11
    assert 0.07 <= kinds["sme_tech"] / len(rows) <= 0.13
    assert 0.015 <= kinds["specialized"] / len(rows) <= 0.045
    assert kinds["little_giant"] < kinds["specialized"]
    expired = [
        q
        for r in rows
        for q in r["qualifications"]
        if q["valid_until"] is not None and q["valid_until"] < ref.AS_OF
    ]
    assert 0 < len(expired) < sum(kinds.values()) / 2
    for r in rows:
        held = [q["kind"] for q in r["qualifications"]]
        assert len(held) == len(set(held))
        if held:
            assert r["entity_type"] == "company"
            assert r["status"] == "active"
        if "above_scale" in held:
            assert r["size_class"] in ("small", "medium", "large")
        for q in r["qualifications"]:
            assert r["founded_on"] < q["valid_from"] <= ref.AS_OF
            assert q["valid_until"] is None or q["valid_until"] > q["valid_from"]


def test_names_contacts_and_addresses_look_real(rows):
    for r in rows:
        name = r["name"]
        if r["entity_type"] == "company":
            assert re.fullmatch(r"(郑州|河南省?)\w+(有限公司|股份有限公司|有限责任公司)", name)
        elif r["entity_type"] == "individual":
            assert name.startswith(("郑州高新技术产业开发区", "郑州市高新区"))
        assert re.fullmatch(r"1[3-9]\d{9}", r["contact_phone"])
        assert 2 <= len(r["legal_representative"]) <= 3
        assert "高新技术产业开发区" in r["address"]
        assert len(name) <= Enterprise._meta.get_field("name").max_length
    assert len({r["name"] for r in rows}) > 0.9 * len(rows)


def test_showcase_enterprise_exists_early(rows):
    assert any(is_showcase(r) for r in rows[:500])


def test_size_class_thresholds():
    assert size_class_of(5, 10_000) == "micro"
    assert size_class_of(20, 300) == "small"
    assert size_class_of(300, 2000) == "medium"
    assert size_class_of(1000, 39_999) == "medium"
    assert size_class_of(1000, 40_000) == "large"


def test_weighted_choice_and_chunks():
    import random

    rng = random.Random(1)
    pick = Weighted.of([("a", 3.0), ("b", 1.0), ("never", 0.0)])
    counts = Counter(pick.pick(rng) for _ in range(8000))
    assert "never" not in counts
    assert 2.5 < counts["a"] / counts["b"] < 3.5
    assert [len(c) for c in chunked(range(12), 5)] == [5, 5, 2]


def test_reference_zones_departments_and_accounts():
    peers = ref.PEER_ZONES
    assert len(peers) == 17
    assert not any(z["hosted"] for z in peers) and ref.HOSTED_ZONE["hosted"]
    zones = [ref.HOSTED_ZONE, *peers]
    assert len({z["code"] for z in zones}) == len({z["name"] for z in zones}) == 18
    assert all(z["province"] == "河南省" and z["city"].endswith("市") for z in zones)
    departments = ref.DEPARTMENTS
    assert 18 <= len(departments) <= 22
    assert len({d["code"] for d in departments}) == len(departments)
    assert [d["code"] for d in departments if d["is_office"]] == ["xzsp"]
    names = {d["name"] for d in departments}
    assert {
        "行政审批服务局",
        "市场监督管理局高新区分局",
        "自然资源规划建设局",
        "经济发展局",
    } <= names
    assert {a["role"] for a in ref.ACCOUNTS} == set(Role.values)
    assert {a["department"] for a in ref.ACCOUNTS} - {""} <= {d["code"] for d in departments}


def test_qualification_kinds_of_the_generator_exist_in_the_migration():
    from importlib import import_module

    from yingshang.enterprises.demo.generate import QUALIFICATION_RULES

    seeded = import_module("yingshang.kernel.migrations.0002_qualification_kinds").KINDS
    assert {rule.kind for rule in QUALIFICATION_RULES} <= {code for code, _n, _o in seeded}
    assert QualificationKind._meta.get_field("code").max_length >= 14
