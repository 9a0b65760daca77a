"""Cross-validation: stratified folds with a fixed seed, figures, and no use of test labels."""

import pytest

from yingshang.core.appeals.routing import RouterError, cross_validate, prepare, stratified_folds
from yingshang.core.appeals.routing.crossval import figures
from yingshang.core.appeals.routing.router import Proposal

from .routing_helpers import config, labelled


def test_folds_are_stratified_disjoint_and_fixed_by_the_seed():
    _, labels = labelled(per_class=10)
    splits = stratified_folds(labels, 5, seed=3)
    assert splits == stratified_folds(labels, 5, seed=3)
    assert splits != stratified_folds(labels, 5, seed=4)
    tested = sorted(i for _, test in splits for i in test)
    assert tested == list(range(len(labels)))
    for train, test in splits:
        assert not set(train) & set(test)
        assert (
            sorted(labels[i] for i in test)
            == ["交通运输"] * 2 + ["城乡建设"] * 2 + ["教育文体"] * 2
        )


def test_too_few_messages_of_a_class_for_the_folds():
    with pytest.raises(RouterError, match="类别“b”只有 2 条，少于折数 3"):
        stratified_folds(["a", "a", "a", "b", "b"], 3)
    with pytest.raises(RouterError, match="两个类别"):
        stratified_folds(["a"] * 6, 3)


def test_permuting_test_labels_changes_no_prediction():
    texts, labels = labelled(per_class=10)
    cfg = config()
    corpus = prepare(cfg)
    splits = stratified_folds(labels, 5, seed=0)
    first = cross_validate(cfg, texts, labels, splits=splits, corpus=corpus)
    _, test = splits[0]
    shuffled = list(labels)
    held = [labels[i] for i in test]
    for i, label in zip(test, held[1:] + held[:1], strict=True):
        shuffled[i] = label
    assert shuffled != labels
    second = cross_validate(cfg, texts, shuffled, splits=splits, corpus=corpus)
    for i in test:
        assert first.proposals[i] == second.proposals[i]


def test_figures_of_a_cross_validation():
    texts, labels = labelled(per_class=10)
    result = cross_validate(config(), texts, labels, folds=5, seed=0)
    assert result.folds == 5 and len(result.proposals) == len(labels)
    assert result.macro_f1 > 0.9 and result.accuracy > 0.9
    assert result.top2 >= result.accuracy
    assert [c.label for c in result.per_class] == sorted(set(labels))
    assert sum(c.support for c in result.per_class) == len(labels)


def test_per_class_figures_by_hand():
    def p(label: str) -> Proposal:
        return Proposal(label, 0.9, None, 0.1, None, False)

    got = figures(["a", "a", "b", "b"], [p("a"), p("b"), p("b"), p("b")])
    a, b = got
    assert (a.precision, a.recall, a.support) == (1.0, 0.5, 2)
    assert b.precision == pytest.approx(2 / 3) and b.recall == 1.0
    assert b.f1 == pytest.approx(0.8)
