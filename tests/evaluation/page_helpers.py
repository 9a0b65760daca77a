"""Reading the evaluation pages back: the text of a response, a table by its id, its rows and
cells, and the score a run published for a unit."""

import re
from html import unescape

from yingshang.core.evaluation import ROOT
from yingshang.evaluation.models import UnitScore


def html_of(response) -> str:
    return unescape(response.content.decode())


def section(html: str, element_id: str) -> str:
    """The markup of the table (or list) with this id."""
    match = re.search(rf'<(table|ol|section|ul)[^>]*id="{element_id}".*?</\1>', html, re.S)
    assert match, f"no #{element_id} on the page"
    return match.group(0)


def cells(row_html: str) -> list[str]:
    found = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row_html, re.S)
    return [re.sub(r"<[^>]+>", "", c).strip() for c in found]


def body_rows(table_html: str) -> list[str]:
    body = table_html.split("<tbody>", 1)[1]
    return re.findall(r"<tr[^>]*>.*?</tr>", body, re.S)


def published_score(run, unit, node=ROOT) -> UnitScore:
    return UnitScore.objects.get(run=run, unit=unit, node=node)
