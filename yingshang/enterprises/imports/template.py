"""The downloadable import template: .xlsx (data sheet with one example row, and a sheet 说明
explaining every column) and .csv (UTF-8 with BOM, so that Excel opens it in Chinese)."""

import io
from typing import BinaryIO

from yingshang.enterprises.imports.columns import COLUMNS, HEADERS
from yingshang.enterprises.imports.rows import Vocabulary
from yingshang.lib.tabular.safe import csv_writer

DATA_SHEET = "市场主体"
HELP_SHEET = "说明"
EXAMPLE_USCC = "91410100EXAMPLE01U"
TEXT_FIELDS = frozenset({"uscc", "industry_code", "contact_phone"})


def example_row(vocabulary: Vocabulary) -> list[str]:
    """One filled-in row; the example enterprise should be deleted before importing."""
    kinds = list(vocabulary.kinds.labels)
    qualification = f"{kinds[0]}:2027-12-31" if kinds else ""
    values = {
        "uscc": EXAMPLE_USCC,
        "name": "示例科技有限公司 (导入前请删除本行)",
        "entity_type": "企业",
        "status": "存续",
        "founded_on": "2018-05-20",
        "registered_capital": "1000.00",
        "address": "科学大道100号",
        "zone": "",
        "industry_code": "6513",
        "size_class": "小型",
        "employees": "85",
        "annual_revenue": "5600.00",
        "tax_paid": "320.50",
        "rd_expense": "450.00",
        "credit_risk_class": "A",
        "legal_representative": "张三",
        "contact_name": "李四",
        "contact_phone": "13800000000",
        "contact_email": "contact@example.com",
        "qualifications": qualification,
    }
    return [values[c.field] for c in COLUMNS]


def _allowed(field: str, vocabulary: Vocabulary) -> str:
    if field in vocabulary.choices:
        return "、".join(vocabulary.choices[field].labels) + " (也可填编码)"
    if field == "zone":
        return "、".join(vocabulary.zones.labels)
    if field == "qualifications":
        return "、".join(vocabulary.kinds.labels)
    return ""


def help_rows(vocabulary: Vocabulary) -> list[list[str]]:
    rows = [["列名", "英文列名", "必填", "说明", "可选值"]]
    for column in COLUMNS:
        note = column.help
        if column.max_length and column.kind in ("text", "email"):
            note = f"{note}; 最多{column.max_length}个字符".lstrip("; ")
        required = "是" if column.required else ""
        rows.append(
            [column.header, column.field, required, note, _allowed(column.field, vocabulary)]
        )
    rows += [
        [],
        ["规则"],
        ["1. 第1行为列名，数据从第2行开始；错误报告中的行号即 Excel 中的行号。"],
        ["2. 只有“统一社会信用代码”和“名称”两列必填，其他列可以删去；不能有模板以外的列。"],
        ["3. 按统一社会信用代码新增或更新: 已登记的主体只更新填写了的单元格，空单元格不清除原值。"],
        ["4. 任何一行有错误则整个文件都不导入；改正后重新导入即可，重复导入不会产生重复数据。"],
        ["5. 资质只新增或更新有效期，不删除已有资质。"],
    ]
    return rows


def write_template_xlsx(out: BinaryIO, *, vocabulary: Vocabulary) -> None:
    # Here, not at load: only this download needs XlsxWriter.
    from yingshang.lib.tabular.safe import workbook as safe_workbook

    workbook = safe_workbook(out, {"in_memory": True})
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    text = workbook.add_format({"num_format": "@"})
    sheet = workbook.add_worksheet(DATA_SHEET)
    for index, column in enumerate(COLUMNS):
        width = max(12, len(column.header) * 2 + 2)
        sheet.set_column(index, index, width, text if column.field in TEXT_FIELDS else None)
    sheet.write_row(0, 0, HEADERS, bold)
    for index, value in enumerate(example_row(vocabulary)):
        sheet.write_string(1, index, value)
    sheet.freeze_panes(1, 0)
    notes = workbook.add_worksheet(HELP_SHEET)
    notes.set_column(0, 1, 22)
    notes.set_column(2, 2, 6)
    notes.set_column(3, 4, 60)
    for index, row in enumerate(help_rows(vocabulary)):
        notes.write_row(index, 0, row, bold if index == 0 else None)
    workbook.close()


def write_template_csv(out: BinaryIO, *, vocabulary: Vocabulary) -> None:
    buffer = io.StringIO(newline="")
    writer = csv_writer(buffer)
    writer.writerow(HEADERS)
    writer.writerow(example_row(vocabulary))
    out.write(buffer.getvalue().encode("utf-8-sig"))
