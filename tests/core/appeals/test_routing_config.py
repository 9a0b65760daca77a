"""Routing configuration: parsing with Chinese errors, taxonomy priors, the keyword lexicon and
the n-gram space."""

import math

import pytest

from yingshang.core.appeals.routing import RouterConfigError, build_config, taxonomy_priors
from yingshang.core.appeals.routing.text import Lexicon, NgramSpace, join_fields, normalise


def test_taxonomy_priors_skip_generic_shared_and_long_names():
    rows = [
        ("城乡建设", "城乡规划", "违章建筑"),
        ("城乡建设", "城乡规划", "其他"),
        ("环境保护", "环保管理", "安全生产"),
        ("城乡建设", "安全生产", "国有土地上房屋征收与补偿"),
    ]
    priors = taxonomy_priors(rows)
    assert set(priors["城乡建设"]) == {"城乡规划", "违章建筑"}
    assert set(priors["环境保护"]) == {"环保管理"}


def test_build_config_merges_keywords_with_taxonomy_and_reads_rules():
    config = build_config(
        {
            "keywords": {"城乡建设": ["物业", "小区"]},
            "rules": [{"name": "欠薪", "class": "劳动和社会保障", "any": "拖欠工资 欠薪"}],
            "departments": {"城乡建设": ["住建局"]},
            "params": {"triage_threshold": "0.6"},
        },
        taxonomy=[("城乡建设", "城乡规划", "违章建筑")],
    )
    assert config.keywords["城乡建设"] == ("物业", "小区", "城乡规划", "违章建筑")
    assert config.rules[0].any == ("拖欠工资", "欠薪")
    assert config.params.triage_threshold == 0.6


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rules": [{"any": ["a"]}]}, "规则第1条：必须写明类别"),
        ({"rules": [{"class": "x"}]}, "all 与 any 至少写一项"),
        ({"rules": [{"class": "x", "any": ["a"], "when": 1}]}, "未知的键 when"),
        ({"params": {"speed": 1}}, "未知的路由参数：speed"),
        ({"params": {"svm_c": "many"}}, "svm_c 的值无效"),
        ({"keywords": ["a"]}, "keywords：应为"),
        ({"colour": 1}, "未知的键：colour"),
    ],
)
def test_bad_configuration_is_refused_in_chinese(data, message):
    with pytest.raises(RouterConfigError, match=message):
        build_config(data)


def test_normalise_and_join():
    assert normalise("  ＡＢＣ１２\n\t小区 ") == "ABC12 小区"
    assert join_fields(["标题", None, " 详情 "]) == "标题 详情"


def test_lexicon_counts_every_occurrence_and_longer_words_weigh_more():
    lexicon = Lexicon({"a": ["垃圾", "垃圾站"], "b": ["站"]}, ["a", "b"])
    scores = lexicon.scores("垃圾站旁边的垃圾")
    assert scores[0] == pytest.approx(2 * (1 + 0.6) + (1 + 0.9))
    assert scores[1] == pytest.approx(1.3)


def test_ngram_space_tfidf_is_unit_length_and_skips_rare_terms():
    space = NgramSpace.fit(["小区物业", "小区电梯", "学校"], 1, 2, min_df=2)
    assert set(space.terms) == {"小", "区", "小区"} and len(space) == 3
    columns, values = space.vector("小区小区")
    assert len(columns) == 3
    assert math.sqrt(sum(float(v) ** 2 for v in values)) == pytest.approx(1.0)
    assert len(space.vector("学校")[0]) == 0
