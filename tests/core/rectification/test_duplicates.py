"""Duplicate hints: near-identical Chinese problem texts are found, unrelated ones are not."""

import pytest

from yingshang.core.rectification.duplicates import (
    DuplicateError,
    bigrams,
    likely_duplicates,
    normalise,
    similarity,
)

LEDGER = [
    (1, "企业开办环节多、时间长，部分企业反映需要跑多次窗口"),
    (2, "工程建设项目审批时限长，联合验收推进缓慢"),
    (3, "政务服务网上办理事项比例偏低"),
    (4, "获得电力接电时间较长，企业用电成本高"),
    (5, "企业开办环节多，时间长；部分企业反映需跑多次窗口。"),
]


def test_normalise_drops_punctuation_spaces_and_width() -> None:
    assert normalise(" 企业开办，时间长！ＡＢＣ１２ ") == "企业开办时间长abc12"
    assert bigrams("企业开办") == frozenset({"企业", "业开", "开办"})
    assert bigrams("办") == frozenset({"办"})
    assert bigrams("，。 ") == frozenset()


def test_similarity_by_hand() -> None:
    # 企业开办 {企业，业开，开办} vs 企业注册 {企业，业注，注册}: 1 shared of 5
    assert similarity("企业开办", "企业注册") == pytest.approx(1 / 5)
    assert similarity("企业开办", "企业开办") == 1.0
    assert similarity("", "企业开办") == 0.0


def test_near_identical_texts_are_found() -> None:
    found = likely_duplicates("企业开办环节多、时间长，部分企业反映需要跑多次窗口。", LEDGER)
    assert [key for key, _ in found] == [1, 5]
    assert found[0][1] == 1.0
    assert 0.5 <= found[1][1] < 1.0


def test_a_reworded_problem_is_found() -> None:
    found = likely_duplicates("工程建设项目审批时限太长，联合验收推进慢", LEDGER)
    assert [key for key, _ in found] == [2]


@pytest.mark.parametrize(
    "text",
    ["不动产登记办理时间长", "纳税缴费渠道单一", "企业用工招聘困难", "政府采购流程不透明"],
)
def test_unrelated_texts_are_not_found(text: str) -> None:
    assert likely_duplicates(text, LEDGER) == []


def test_threshold_and_limit() -> None:
    text = "企业开办环节多时间长"
    assert likely_duplicates(text, LEDGER, threshold=0.5) == []
    loose = likely_duplicates(text, LEDGER, threshold=0.2)
    assert [key for key, _ in loose] == [5, 1]  # 0.45 and 0.429
    assert likely_duplicates(text, LEDGER, threshold=0.2, limit=1) == loose[:1]
    scores = [score for _, score in loose]
    assert scores == sorted(scores, reverse=True)


def test_empty_text_finds_nothing() -> None:
    assert likely_duplicates("  ，。", LEDGER) == []
    assert likely_duplicates("企业开办", [(9, ""), (8, "！")]) == []


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"threshold": 0}, "相似度阈值"),
        ({"threshold": 1.5}, "相似度阈值"),
        ({"limit": 0}, "返回条数"),
    ],
)
def test_parameters_are_checked(kwargs: dict, fragment: str) -> None:
    with pytest.raises(DuplicateError, match=fragment):
        likely_duplicates("企业开办", LEDGER, **kwargs)
