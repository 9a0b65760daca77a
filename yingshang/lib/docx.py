"""Word documents in the office's form: 仿宋 body text, 黑体 headings, A4 pages, first-line
indents, Chinese ordinals (一、二、…, （一）（二）…) and ruled tables.

A module describes its document once as a `DocumentForm` (sizes in points, margins in
centimetres) and writes it through a `WordWriter`; it never touches python-docx itself.
python-docx is imported inside the functions that build a document, so importing this module
(and every module that uses it) at application start loads nothing heavy.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.table import Table

BODY_FONT = ("Times New Roman", "仿宋")
HEADING_FONT = ("Times New Roman", "黑体")
CHINESE_ORDINALS = "一二三四五六七八九十"
# Theme fonts would override the names set below, so they are dropped.
_THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


# --- numbering ---------------------------------------------------------------------------------


def chinese_ordinal(index: int) -> str:
    """1 -> 一, 12 -> 十二, 25 -> 二十五: enough for the parts of any notice."""
    if index <= 10:
        return CHINESE_ORDINALS[index - 1]
    tens, ones = divmod(index, 10)
    head = "" if tens == 1 else CHINESE_ORDINALS[tens - 1]
    return head + "十" + (CHINESE_ORDINALS[ones - 1] if ones else "")


def numbered(index: int, text: str) -> str:
    """A first-level heading: 一、评价情况."""
    return f"{chinese_ordinal(index)}、{text}"


def bracketed(index: int, text: str) -> str:
    """A second-level heading: （一）开办企业."""
    return f"（{chinese_ordinal(index)}）{text}"


# --- the form ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageSetup:
    """Page size and margins in centimetres; A4 unless said otherwise."""

    left: float
    right: float
    top: float
    bottom: float
    width: float = 21.0
    height: float = 29.7


@dataclass(frozen=True)
class HeadingStyle:
    level: int
    size: float
    bold: bool = True
    first_line_indent: float | None = None


@dataclass(frozen=True)
class DocumentForm:
    """Everything a document's styles say, in points (sizes, indents) and centimetres (page).

    `line_spacing` is a multiple of the line (1.5); `line_spacing_points` an exact line height
    (28 pt, as notices are set); give one of them.
    """

    body_size: float
    page: PageSetup
    headings: tuple[HeadingStyle, ...]
    indent: float
    line_spacing: float | None = None
    line_spacing_points: float | None = None
    body_font: tuple[str, str] = BODY_FONT
    heading_font: tuple[str, str] = HEADING_FONT
    table_font_size: float = 9


# --- fonts and styles --------------------------------------------------------------------------


def set_east_asian_font(element: Any, latin: str, east_asian: str) -> None:
    """Set rFonts on a style or run element, so Chinese text shows in `east_asian`."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attribute in _THEME_ATTRIBUTES:
        rfonts.attrib.pop(qn(attribute), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asian)


def apply_form(document: DocumentObject, form: DocumentForm) -> None:
    """The body and heading styles and the page of `document`, as `form` says."""
    from docx.shared import Cm, Pt, RGBColor

    normal = document.styles["Normal"]
    normal.font.size = Pt(form.body_size)
    set_east_asian_font(normal.element, *form.body_font)
    if form.line_spacing_points is not None:
        normal.paragraph_format.line_spacing = Pt(form.line_spacing_points)
    elif form.line_spacing is not None:
        normal.paragraph_format.line_spacing = form.line_spacing
    for heading in form.headings:
        style = document.styles[f"Heading {heading.level}"]
        style.font.size = Pt(heading.size)
        style.font.bold = heading.bold
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        set_east_asian_font(style.element, *form.heading_font)
        if heading.first_line_indent is not None:
            style.paragraph_format.first_line_indent = Pt(heading.first_line_indent)
    page = form.page
    section = document.sections[0]
    section.page_width, section.page_height = Cm(page.width), Cm(page.height)
    section.left_margin, section.right_margin = Cm(page.left), Cm(page.right)
    section.top_margin, section.bottom_margin = Cm(page.top), Cm(page.bottom)


def _repeat_as_header(row: Any) -> None:
    """Repeat the header row on every page a long table spans."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


# --- writing -----------------------------------------------------------------------------------


class WordWriter:
    """A new document in `form`, written top to bottom."""

    def __init__(self, form: DocumentForm) -> None:
        from docx import Document

        self.form = form
        self.document: DocumentObject = Document()
        apply_form(self.document, form)

    def set_title_property(self, title: str) -> None:
        """The title Word shows in the file's properties."""
        self.document.core_properties.title = title

    def title(self, text: str, *, size: float) -> None:
        """The document's title: one centred, bold line in the heading font."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = True
        run.font.size = Pt(size)
        set_east_asian_font(run._element, *self.form.heading_font)

    def centred(self, text: str) -> None:
        """A centred line of body text (the facts under a title)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        paragraph = self.document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def heading(self, text: str, level: int) -> None:
        self.document.add_heading(text, level=level)

    def paragraph(self, text: str, *, indent: bool = True) -> None:
        """Body text; indented on the first line by the form's indent (two characters)."""
        from docx.shared import Pt

        paragraph = self.document.add_paragraph(text)
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(self.form.indent)

    def caption(self, text: str, *, size: float = 10.5) -> None:
        """The centred, bold caption of a table or figure (表1 …, 图1 …)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = True
        run.font.size = Pt(size)

    def picture(self, png: bytes, caption: str, *, width: float = 15.5) -> None:
        """A centred image `width` centimetres wide, with its caption below."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm

        self.document.add_picture(io.BytesIO(png), width=Cm(width))
        self.document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.caption(caption)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        bold_rows: Collection[int] = (),
    ) -> Table:
        """A ruled, centred table: bold centred header (repeated on each page), the first
        column left-aligned, the others centred; an empty paragraph after it."""
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        size = Pt(self.form.table_font_size)
        centre = WD_ALIGN_PARAGRAPH.CENTER

        def fill(cell: Any, text: str, *, bold: bool, centred: bool) -> None:
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.line_spacing = 1.0
            if centred:
                paragraph.alignment = centre
            run = paragraph.add_run(text)
            run.bold = bold
            run.font.size = size

        table = self.document.add_table(rows=1 + len(rows), cols=len(header))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        # Row by row: table.cell(i, j) rescans the whole table on every call.
        table_rows = table.rows
        for cell, text in zip(table_rows[0].cells, header, strict=True):
            fill(cell, text, bold=True, centred=True)
        _repeat_as_header(table_rows[0])
        for i, values in enumerate(rows):
            cells = table_rows[i + 1].cells
            for j, (cell, text) in enumerate(zip(cells, values, strict=True)):
                fill(cell, text, bold=i in bold_rows, centred=j > 0)
        self.document.add_paragraph()
        return table

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
