"""The office's Word form (`yingshang.lib.docx`), read back from the bytes it writes."""

import io
import os
import subprocess
import sys

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from yingshang.lib.docx import (
    DocumentForm,
    HeadingStyle,
    PageSetup,
    WordWriter,
    bracketed,
    chinese_ordinal,
    numbered,
)

FORM = DocumentForm(
    body_size=16,
    line_spacing_points=28,
    headings=(HeadingStyle(1, 16), HeadingStyle(2, 15, bold=False, first_line_indent=32)),
    page=PageSetup(left=2.8, right=2.6, top=3.7, bottom=3.5),
    indent=32,
)


@pytest.mark.parametrize(
    ("index", "text"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (25, "二十五"), (99, "九十九")],
)
def test_chinese_ordinals(index, text):
    assert chinese_ordinal(index) == text


def test_numbered_and_bracketed_headings():
    assert numbered(2, "任务分工") == "二、任务分工"
    assert bracketed(12, "开办企业") == "（十二）开办企业"


def _written(build) -> Document:
    writer = WordWriter(FORM)
    build(writer)
    return Document(io.BytesIO(writer.to_bytes()))


def _fonts(element) -> dict[str, str]:
    rfonts = element.rPr.find(qn("w:rFonts"))
    return {name: rfonts.get(qn(f"w:{name}")) for name in ("ascii", "eastAsia")}


def test_the_form_sets_fonts_sizes_spacing_and_the_page():
    document = _written(lambda writer: writer.paragraph("正文"))
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing == Pt(28)
    assert _fonts(normal.element) == {"ascii": "Times New Roman", "eastAsia": "仿宋"}
    first, second = document.styles["Heading 1"], document.styles["Heading 2"]
    assert (first.font.size, first.font.bold, first.font.italic) == (Pt(16), True, False)
    assert (second.font.size, second.font.bold) == (Pt(15), False)
    assert second.paragraph_format.first_line_indent == Pt(32)
    assert first.paragraph_format.first_line_indent is None
    assert _fonts(second.element)["eastAsia"] == "黑体"
    assert second.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsiaTheme")) is None
    section = document.sections[0]
    # Word keeps lengths in twentieths of a point: equal to a hundredth of a millimetre.
    page = (section.page_width, section.page_height, section.left_margin, section.right_margin)
    page += (section.top_margin, section.bottom_margin)
    expected = (21.0, 29.7, 2.8, 2.6, 3.7, 3.5)
    assert all(abs(length - Cm(cm)) < Cm(0.001) for length, cm in zip(page, expected, strict=True))


def test_title_body_and_caption():
    def build(writer: WordWriter) -> None:
        writer.set_title_property("方案")
        writer.title("关于印发方案的通知", size=22)
        writer.centred("评价期间：2024")
        writer.paragraph("首行缩进两字。")
        writer.paragraph("不缩进。", indent=False)
        writer.caption("表1　说明")

    document = _written(build)
    title, centred, indented, plain, caption = document.paragraphs
    assert document.core_properties.title == "方案"
    assert title.text == "关于印发方案的通知" and title.alignment == 1
    assert title.runs[0].bold and title.runs[0].font.size == Pt(22)
    assert _fonts(title.runs[0]._element)["eastAsia"] == "黑体"
    assert centred.alignment == 1 and not centred.runs[0].bold
    assert indented.paragraph_format.first_line_indent == Pt(32)
    assert plain.paragraph_format.first_line_indent is None
    assert caption.runs[0].bold and caption.runs[0].font.size == Pt(10.5)


def test_tables_repeat_their_header_and_bold_the_rows_asked():
    document = _written(
        lambda writer: writer.table(
            ("单位", "得分"), [("甲", "90.00"), ("乙", "80.00")], bold_rows={1}
        )
    )
    (table,) = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["单位", "得分"],
        ["甲", "90.00"],
        ["乙", "80.00"],
    ]
    header = table.rows[0]._tr
    assert header.trPr.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
    assert table.rows[1]._tr.trPr is None or table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    cell = lambda i, j: table.rows[i].cells[j].paragraphs[0]  # noqa: E731
    assert cell(0, 0).runs[0].bold and not cell(1, 1).runs[0].bold and cell(2, 1).runs[0].bold
    assert cell(1, 0).alignment is None and cell(1, 1).alignment == 1
    assert cell(1, 1).runs[0].font.size == Pt(9)
    # The paragraph after the table keeps the next text off its border.
    assert document.paragraphs[-1].text == ""


def test_nothing_loads_python_docx_until_a_document_is_written():
    """Importing the form, the report and plan modules and the whole site loads no python-docx
    and no matplotlib: they come with the first document."""
    code = (
        "import sys, django; django.setup();"
        "import yingshang.config.urls, yingshang.api.root;"
        "from django.urls import get_resolver; get_resolver().url_patterns;"
        "import yingshang.lib.docx, yingshang.evaluation.reports;"
        "import yingshang.rectification.documents;"
        "print(sorted(m for m in ('docx', 'matplotlib') if m in sys.modules))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "yingshang.config.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
