"""The DB2020 preset against the World Bank's published DB2019 "Starting a business" scores.

The file holds, for 213 rows (190 economies and the city rows of two-city economies), the raw
values and the published component and topic scores side by side. Starting a business used the
same constants in DB2019 and DB2020, so the preset must reproduce every row.

How close a component can come: the raw values are printed rounded (cost and minimum capital to
0.1 %, time to the day or half day, procedures to whole numbers), while the World Bank scored the
unrounded values. A printed raw value with d decimals may be off by up to half its last digit,
h = 0.5 x 10^-d, and a linear component 100 x (worst - y) / (worst - best) moves by
100 x h / |worst - best| for that change of y. So each recomputed component is only required to
match within max(0.01, 100 x h / |worst - best|), h read from the printed string: 0.025 for a
cost printed as "11.8" (100 x 0.05 / 200), 0.0125 for a minimum capital printed as "76.2". The
topic score averages the components, and the published topic scores reproduce within 0.01.
"""

from pathlib import Path

import numpy as np
import openpyxl
import pytest
import yaml

from yingshang.core.evaluation import (
    DataError,
    Observations,
    check_against,
    evaluate,
    load_methodology,
    parse_methodology,
)
from yingshang.core.evaluation.loading import preset_text

SOURCE = Path("/work/shared/data/external/wb_db2019_starting_a_business.xlsx")
TOPIC = "starting_business"
TOPIC_SCORE_COLUMN = "Score-Starting a business"
# leaf -> the file's raw-value column (its score is the column named "Score-" + it)
COLUMNS = {
    "starting_business_procedures_men": "Procedures - Men (number)",
    "starting_business_time_men": "Time - Men (days)",
    "starting_business_cost_men": "Cost - Men (% of income per capita)",
    "starting_business_procedures_women": "Procedures - Women (number)",
    "starting_business_time_women": "Time - Women (days)",
    "starting_business_cost_women": "Cost - Women (% of income per capita)",
    "starting_business_min_capital": "Paid-in Minimum capital (% of income per capita)",
}
# In this file CHN_Beij is Beijing, CHN is Shanghai and CHIN the country row.
CHINA, BEIJING, SHANGHAI = "CHIN", "CHN_Beij", "CHN"

pytestmark = pytest.mark.skipif(
    not SOURCE.exists(), reason=f"外部数据 {SOURCE} 不存在（世界银行 DB2019 开办企业数据）"
)


def rows() -> list[dict]:
    book = openpyxl.load_workbook(SOURCE, read_only=True, data_only=True)
    try:
        sheet = book["Planilha1"]
        values = list(sheet.iter_rows(values_only=True))
    finally:
        book.close()
    header = [str(h) for h in values[0]]
    return [dict(zip(header, row, strict=True)) for row in values[1:] if row[0]]


@pytest.fixture(scope="module")
def table() -> list[dict]:
    return rows()


@pytest.fixture(scope="module")
def db2020():
    return load_methodology("db2020")


def records_of(table: list[dict], *, leave_out: tuple[str, ...] = ()) -> list[tuple]:
    return [
        (row["Country code"], leaf, float(row[column]))
        for row in table
        if row["Country code"] not in leave_out
        for leaf, column in COLUMNS.items()
    ]


def rounding_bound(printed: object, best: float, worst: float) -> float:
    """How far a component can be off when its raw value is known only as printed."""
    text = str(printed).strip()
    decimals = len(text.split(".", 1)[1]) if "." in text else 0
    half_last_digit = 0.5 * 10.0**-decimals
    return 100.0 * half_last_digit / abs(worst - best)


def test_the_file_is_the_one_described(table):
    assert len(table) == 213
    codes = {row["Country code"] for row in table}
    assert {CHINA, BEIJING, SHANGHAI} <= codes
    assert {row["DB Year"] for row in table} == {2019}


def test_every_topic_score_reproduces_within_a_hundredth(table, db2020):
    result = evaluate(db2020, Observations.from_records(records_of(table)))
    published = np.array([float(row[TOPIC_SCORE_COLUMN]) for row in table])
    ours = np.array([result.score(row["Country code"], TOPIC) for row in table])
    differences = np.abs(ours - published)
    worst = int(np.argmax(differences))
    assert differences.max() <= 0.01, (table[worst]["Country code"], ours[worst], published[worst])


def test_every_component_reproduces_within_its_rounding_bound(table, db2020):
    result = evaluate(db2020, Observations.from_records(records_of(table)))
    failures = []
    for row in table:
        for leaf, column in COLUMNS.items():
            posts = db2020.nodes[leaf].goalposts
            tolerance = max(0.01, rounding_bound(row[column], posts.best, posts.worst))
            ours = result.score(row["Country code"], leaf)
            published = float(row["Score-" + column])
            if abs(ours - published) > tolerance + 1e-9:
                failures.append((row["Country code"], leaf, row[column], ours, published))
    assert not failures, failures[:10]


def test_the_bound_is_read_from_the_printed_value():
    assert rounding_bound("11.8", 0, 200) == pytest.approx(0.025)
    assert rounding_bound(".8", 0, 200) == pytest.approx(0.025)
    assert rounding_bound("8.55", 0.5, 100) == pytest.approx(100 * 0.005 / 99.5)
    assert rounding_bound("4", 1, 18) == pytest.approx(100 * 0.5 / 17)


def test_the_rounding_bound_is_needed_and_sufficient(table, db2020):
    """Some published components differ from the recomputed ones by more than 0.01, which is
    why the bound exists; none differs by more than the bound allows."""
    result = evaluate(db2020, Observations.from_records(records_of(table)))
    leaf, column = "starting_business_cost_men", COLUMNS["starting_business_cost_men"]
    gaps = np.array(
        [
            abs(result.score(row["Country code"], leaf) - float(row["Score-" + column]))
            for row in table
        ]
    )
    assert gaps.max() > 0.01
    assert gaps.max() <= rounding_bound("0.1", 0, 200) + 1e-9


def with_china_composite() -> dict:
    """The preset, plus the two-city composite as docs/evaluation-methodology.md describes it."""
    raw = yaml.safe_load(preset_text("db2020"))
    raw["composites"] = {CHINA: {BEIJING: 0.45, SHANGHAI: 0.55}}
    return raw


def test_china_is_the_population_weighted_mean_of_beijing_and_shanghai(table):
    methodology = parse_methodology(with_china_composite())
    observations = Observations.from_records(records_of(table, leave_out=(CHINA,)))
    check_against(methodology, observations)
    result = evaluate(methodology, observations)
    published = {row["Country code"]: float(row[TOPIC_SCORE_COLUMN]) for row in table}
    assert result.score(CHINA, TOPIC) == pytest.approx(published[CHINA], abs=0.01)
    # The composite takes the cities' place in the ranking.
    assert result.rank(CHINA, TOPIC) > 0
    assert result.rank(BEIJING, TOPIC) == result.rank(SHANGHAI, TOPIC) == 0


def test_a_composite_unit_may_not_have_its_own_data_rows(table):
    methodology = parse_methodology(with_china_composite())
    observations = Observations.from_records(records_of(table))
    with pytest.raises(DataError) as caught:
        check_against(methodology, observations)
    assert len(caught.value.problems) == len(COLUMNS)
    assert all("合成单位" in problem.reason for problem in caught.value.problems)
