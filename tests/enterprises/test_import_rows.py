"""Row validation without a database: headers, values, choices, reasons, duplicates."""

import datetime as dt

import pytest

from tests.conftest import make_uscc
from yingshang.core import uscc
from yingshang.enterprises.imports.columns import HEADERS, map_headers
from yingshang.enterprises.imports.rows import FileValidator, Vocabulary
from yingshang.enterprises.imports.vocabulary import CHOICE_FIELDS, choice_table
from yingshang.lib.tabular.errors import ErrorLog, RowError
from yingshang.lib.tabular.values import ChoiceTable, ValueProblem, parse_amount, parse_int

ZONE_ID, OTHER_ZONE_ID = 1, 2
HIGH_TECH, GAZELLE = 10, 60


def vocabulary(allowed: frozenset[int] | None = None) -> Vocabulary:
    return Vocabulary(
        choices={f: choice_table(noun, c) for f, (noun, c) in CHOICE_FIELDS.items()},
        zones=ChoiceTable.build(
            noun="功能区",
            entries=[
                (ZONE_ID, "郑州高新技术产业开发区", ("zzgx",)),
                (OTHER_ZONE_ID, "洛阳经济技术开发区", ("lyjk",)),
            ],
        ),
        kinds=ChoiceTable.build(
            noun="资质",
            entries=[
                (HIGH_TECH, "高新技术企业", ("high_tech",)),
                (GAZELLE, "瞪羚企业", ("gazelle",)),
            ],
        ),
        allowed_zone_ids=allowed,
    )


def validate(rows, headers=("统一社会信用代码", "名称"), allowed=None):
    errors = ErrorLog()
    validator = FileValidator(vocabulary=vocabulary(allowed), errors=errors)
    numbered = enumerate([list(headers), *rows], start=1)
    records = list(validator.records(numbered))
    return records, errors.shown, validator


def one_error(rows, headers=("统一社会信用代码", "名称", "成立日期")) -> RowError:
    records, errors, _ = validate(rows, headers)
    assert records == [] and len(errors) == 1, errors
    return errors[0]


class TestHeaders:
    def test_template_headers_in_order(self):
        mapping = map_headers(HEADERS)
        assert mapping.errors == ()
        assert [m.index for m in mapping.columns] == list(range(len(HEADERS)))

    def test_english_aliases_full_width_and_case(self):
        mapping = map_headers(["USCC", "name", "注册资本（万元）", " Credit_Risk_Class "])
        assert mapping.errors == ()
        fields = [m.column.field for m in mapping.columns]
        assert fields == ["uscc", "name", "registered_capital", "credit_risk_class"]
        assert mapping.written("registered_capital") == "注册资本（万元）"

    def test_unknown_column_is_reported_once_on_row_1(self):
        records, errors, _ = validate(
            [[make_uscc(1), "甲公司", "x"], [make_uscc(2), "乙公司", "y"]],
            headers=("统一社会信用代码", "名称", "备注"),
        )
        assert records == []
        assert errors == [RowError(1, "备注", "未知的列，请使用导入模板的列名")]

    def test_missing_required_column(self):
        _, errors, _ = validate([["甲公司"]], headers=("名称",))
        assert errors == [RowError(1, "统一社会信用代码", "缺少必填列")]

    def test_repeated_column(self):
        mapping = map_headers(["统一社会信用代码", "名称", "name"])
        assert mapping.errors == (RowError(1, "name", "与“名称”列重复"),)

    def test_empty_file(self):
        errors = ErrorLog()
        assert list(FileValidator(vocabulary=vocabulary(), errors=errors).records([])) == []
        assert errors.shown == [RowError(1, "-", "文件为空: 第1行应为列名")]

    def test_header_without_data(self):
        records, errors, _ = validate([[], ["", " "]])
        assert records == [] and errors == [RowError(2, "-", "文件中没有数据行")]


class TestReasons:
    def test_valid_row_becomes_a_plain_record(self):
        headers = [h for h in HEADERS]
        cells = [
            make_uscc(7).lower(),
            "  郑州甲科技有限公司 ",
            "个体工商户",
            "active",
            "2019/3/5",
            "1,000.5",
            "科学大道1号",
            "zzgx",
            "c3919",
            "小型",
            "85",
            "5600",
            "0.1",
            "",
            "A类",
            "张三",
            "李四",
            "13800000000",
            "a@example.com",
            "高新技术企业:2027-12-31;gazelle",
        ]
        (record,), errors, _ = validate([cells], headers)
        assert errors == []
        assert record.row == 2
        assert record.uscc == make_uscc(7)
        assert record.name == "郑州甲科技有限公司"
        assert (record.entity_type, record.status) == ("individual", "active")
        assert record.founded_on == dt.date(2019, 3, 5)
        assert record.registered_capital == "1000.50"
        assert record.tax_paid == "0.10"
        assert record.rd_expense is None
        assert record.zone_id == ZONE_ID
        assert (record.industry_code, record.industry_section) == ("C3919", "C")
        assert (record.size_class, record.employees, record.credit_risk_class) == ("small", 85, "A")
        assert record.qualifications == ((HIGH_TECH, dt.date(2027, 12, 31)), (GAZELLE, None))

    @pytest.mark.parametrize("bad", ["91410100MA0000001Y", "ABC", "91410100MA000000IO"])
    def test_bad_uscc_says_what_the_uscc_module_says(self, bad):
        with pytest.raises(uscc.UsccError) as expected:
            uscc.validate(bad)
        error = one_error([[bad, "甲公司", ""]])
        assert error == RowError(2, "统一社会信用代码", str(expected.value))

    @pytest.mark.parametrize(
        ("value", "reason"),
        [
            ("2020.01.02", "日期“2020.01.02”格式不对，应为 YYYY-MM-DD 或 YYYY/MM/DD"),
            ("2021-02-30", "日期“2021-02-30”不存在"),
            ("明年", "日期“明年”格式不对，应为 YYYY-MM-DD 或 YYYY/MM/DD"),
        ],
    )
    def test_bad_date(self, value, reason):
        assert one_error([[make_uscc(1), "甲公司", value]]) == RowError(2, "成立日期", reason)

    def test_excel_dates_and_slashes(self):
        headers = ("统一社会信用代码", "名称", "成立日期")
        rows = [
            [make_uscc(1), "甲", dt.datetime(2020, 1, 2)],
            [make_uscc(2), "乙", "2020/01/02"],
            [make_uscc(3), "丙", "2020-01-02"],
        ]
        records, errors, _ = validate(rows, headers)
        assert errors == []
        assert {r.founded_on for r in records} == {dt.date(2020, 1, 2)}

    def test_unknown_choice_lists_the_labels(self):
        error = one_error([[make_uscc(1), "甲", "大微型"]], headers=("uscc", "名称", "企业规模"))
        assert error == RowError(
            2, "企业规模", "“大微型”不是有效的企业规模，可选: 大型、中型、小型、微型"
        )

    @pytest.mark.parametrize("value", ["A", "a", "A类", "A类 (信用风险低)", "Ａ类（信用风险低）"])
    def test_choice_by_code_label_or_short_label(self, value):
        records, errors, _ = validate(
            [[make_uscc(1), "甲", value]], ("uscc", "名称", "信用风险分类")
        )
        assert errors == [] and records[0].credit_risk_class == "A"

    @pytest.mark.parametrize(
        ("header", "value"),
        [("注册资本(万元)", "-5"), ("从业人数", "-3"), ("年纳税额(万元)", -0.5)],
    )
    def test_negative_numbers(self, header, value):
        error = one_error([[make_uscc(1), "甲", value]], headers=("uscc", "名称", header))
        assert error == RowError(2, header, "不能为负数")

    def test_other_number_reasons(self):
        headers = ("uscc", "名称", "注册资本(万元)", "从业人数", "年营业收入(万元)")
        _, errors, _ = validate([[make_uscc(1), "甲", "12.345", "1.5", "很多"]], headers)
        assert [e.reason for e in errors] == ["最多保留两位小数", "应为整数", "“很多”不是数字"]

    def test_duplicate_code_in_file_names_the_first_row(self):
        rows = [[make_uscc(1), "甲"], [make_uscc(2), "乙"], [], [make_uscc(1).lower(), "丙"]]
        records, errors, validator = validate(rows)
        assert [r.row for r in records] == [2, 3]
        assert errors == [RowError(5, "统一社会信用代码", "与第2行重复")]
        assert validator.data_rows == 3

    def test_duplicate_is_found_even_when_the_row_has_other_errors(self):
        rows = [[make_uscc(1), "甲", ""], [make_uscc(1), "乙", "昨天"]]
        _, errors, _ = validate(rows, ("统一社会信用代码", "名称", "成立日期"))
        assert [e.reason for e in errors][-1] == "与第2行重复"
        assert len(errors) == 2

    def test_required_cells_and_lengths(self):
        headers = ("统一社会信用代码", "名称", "法定代表人", "电子邮箱")
        _, errors, _ = validate([["", "", "张" * 51, "not-an-email"]], headers)
        assert [(e.column, e.reason) for e in errors] == [
            ("统一社会信用代码", "不能为空"),
            ("名称", "不能为空"),
            ("法定代表人", "长度不能超过50个字符，实际为51个"),
            ("电子邮箱", "“not-an-email”不是有效的电子邮箱"),
        ]

    def test_industry_zone_and_qualification_reasons(self):
        headers = ("uscc", "名称", "行业代码", "功能区", "资质")
        row = [make_uscc(1), "甲", "9999", "不存在区", "高新技术企业;高新技术企业"]
        _, errors, _ = validate([row], headers)
        assert [e.reason for e in errors] == [
            "“9999”不是有效的国民经济行业分类代码 (GB/T 4754-2017)",
            "“不存在区”不是有效的功能区，可选: 郑州高新技术产业开发区、洛阳经济技术开发区",
            "资质“高新技术企业”重复",
        ]

    def test_zone_outside_the_importers_zones(self):
        headers = ("uscc", "名称", "功能区")
        _, errors, _ = validate([[make_uscc(1), "甲", "lyjk"]], headers, allowed={ZONE_ID})
        assert errors == [RowError(2, "功能区", "无权导入到功能区“lyjk”")]

    def test_blank_cells_are_not_given(self):
        (record,), errors, _ = validate([[make_uscc(1), "甲", " ", ""]], HEADERS[:4])
        assert errors == [] and record.entity_type is None and record.status is None


class TestValues:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("0", "0.00"),
            ("12.5", "12.50"),
            ("1,234.5", "1234.50"),
            (0.1 + 0.2, "0.30"),
            (7, "7.00"),
        ],
    )
    def test_amounts(self, value, expected):
        assert parse_amount(value) == expected

    def test_integers_from_excel(self):
        assert parse_int(120.0) == 120
        with pytest.raises(ValueProblem, match="数值过大"):
            parse_int("99999999999")


def test_error_log_caps_and_counts():
    log = ErrorLog(limit=2)
    for n in range(5):
        log.add(RowError(n + 2, "名称", "不能为空"))
    assert len(log.shown) == 2 and log.hidden == 3 and log.total == 5
    assert log.hidden_line() == "还有3处错误未显示"
    assert str(log.shown[0]) == "row 2: 名称: 不能为空"
