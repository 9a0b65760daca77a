"""The router on synthetic data: fit and propose, rule precedence, triage threshold, weak
labels, save and load. No database."""

import pytest

from yingshang.core.appeals.routing import (
    FORMAT,
    Params,
    Proposal,
    Router,
    RouterConfig,
    RouterError,
    Rule,
    load,
    prepare,
    save,
)
from yingshang.core.appeals.routing.router import softmax

from .routing_helpers import config, labelled


@pytest.fixture(scope="module")
def fitted() -> Router:
    texts, labels = labelled()
    return Router(config()).fit(texts, labels)


def test_proposes_the_class_of_its_words(fitted):
    proposal = fitted.propose("小区物业不管电梯坏了，业主很着急")
    assert isinstance(proposal, Proposal)
    assert proposal.label == "城乡建设"
    assert proposal.runner_up in {"教育文体", "交通运输"}
    assert 0 < proposal.runner_up_confidence < proposal.confidence <= 1
    assert proposal.rule_hit is None


def test_propose_many_agrees_with_propose(fitted):
    texts = ["学校老师布置课程太多", "公交线路站台太远", "拆迁补偿房屋", "完全无关的一句话"]
    for one, many in zip(
        [fitted.propose(t) for t in texts], fitted.propose_many(texts), strict=True
    ):
        assert one.label == many.label
        assert one.confidence == pytest.approx(many.confidence, abs=1e-5)


def test_probabilities_sum_to_one(fitted):
    assert sum(fitted.probabilities("学校招生")) == pytest.approx(1.0)


def test_rule_takes_precedence_over_the_model():
    texts, labels = labelled()
    rule = Rule(name="电梯归交通", label="交通运输", all=("电梯",), none=("学校",))
    router = Router(config(rules=(rule,))).fit(texts, labels)
    hit = router.propose("小区物业不管电梯坏了，业主很着急")
    assert (hit.label, hit.rule_hit, hit.confidence, hit.needs_triage) == (
        "交通运输",
        "电梯归交通",
        1.0,
        False,
    )
    assert hit.runner_up == "城乡建设"  # the model's own best class
    # `none` words stop the rule; then the model decides.
    missed = router.propose("学校电梯坏了，学生老师上课不便")
    assert missed.rule_hit is None and missed.label == "教育文体"


def test_rule_needs_all_words_and_one_of_any():
    rule = Rule(name="r", label="x", all=("工资", "拖欠"), any=("工地", "公司"))
    assert rule.matches("某公司拖欠工资")
    assert not rule.matches("某公司拖欠货款")
    assert not rule.matches("拖欠工资三个月")


def test_rule_for_a_class_not_trained_is_skipped():
    texts, labels = labelled()
    rule = Rule(name="民政", label="民政", any=("电梯",))
    router = Router(config(rules=(rule,))).fit(texts, labels)
    assert router.propose("小区电梯坏了").rule_hit is None


def test_threshold_sends_unsure_proposals_to_triage():
    texts, labels = labelled()
    lenient = Router(config(threshold=0.0)).fit(texts, labels)
    mixed = "学校老师 公交司机"  # the words of two classes
    unsure = lenient.propose(mixed)
    assert not unsure.needs_triage and unsure.confidence < 1.0
    strict = Router(config(threshold=unsure.confidence + 1e-9)).fit(texts, labels)
    assert strict.propose(mixed).needs_triage
    assert strict.propose(mixed).label == unsure.label
    assert not strict.propose("小区物业电梯业主拆迁").needs_triage


def test_weak_labels_come_from_keywords_and_departments():
    cfg = config()
    texts, labels = labelled()
    router = Router(cfg, prepare(cfg)).fit(texts, labels)
    rows, scores, weak = router._weak(router.corpus)
    assert rows.shape[0] == len(weak) == scores.shape[0] > 0
    assert set(weak) <= set(router.classes)
    # Only the trained classes: a router fitted on two classes never weak-labels the third.
    two = [(t, y) for t, y in zip(texts, labels, strict=True) if y != "交通运输"]
    narrow = Router(cfg, prepare(cfg)).fit([t for t, _ in two], [y for _, y in two])
    assert "交通运输" not in set(narrow._weak(narrow.corpus)[2])


def test_binary_router_scores_both_sides():
    texts, labels = labelled()
    pairs = [(t, y) for t, y in zip(texts, labels, strict=True) if y != "交通运输"]
    router = Router(config()).fit([t for t, _ in pairs], [y for _, y in pairs])
    assert router.propose("学校老师学生").label == "教育文体"
    assert router.propose("小区物业业主").label == "城乡建设"


def test_router_without_corpus_or_keywords_still_learns():
    texts, labels = labelled()
    bare = RouterConfig(keywords={}, params=Params(calibration_folds=0))
    assert Router(bare).fit(texts, labels).propose("学校老师学生课程").label == "教育文体"


def test_fitting_needs_two_classes_and_matching_lengths():
    with pytest.raises(RouterError, match="两个类别"):
        Router(config()).fit(["a", "b"], ["x", "x"])
    with pytest.raises(RouterError, match="条数不一致"):
        Router(config()).fit(["a"], ["x", "y"])
    with pytest.raises(RouterError, match="尚未训练"):
        Router(config()).propose("学校")


def test_save_and_load_round_trip(fitted, tmp_path):
    path = tmp_path / "router.npz"
    save(fitted, path)
    again = load(path)
    assert again.classes == fitted.classes and again.threshold == fitted.threshold
    for text in ["小区物业电梯", "学校招生", "公交司机", "无关"]:
        a, b = fitted.propose(text), again.propose(text)
        assert (a.label, a.runner_up, a.rule_hit) == (b.label, b.runner_up, b.rule_hit)
        assert a.confidence == pytest.approx(b.confidence, abs=1e-6)


def test_load_refuses_another_format_and_a_damaged_file(fitted, tmp_path):
    import json

    import numpy as np

    path = tmp_path / "router.npz"
    save(fitted, path)
    with np.load(path) as archive:
        arrays = {name: archive[name] for name in archive.files}
    meta = json.loads(str(arrays["meta"]))
    meta["format"] = "yingshang-router/99"
    arrays["meta"] = np.array(json.dumps(meta))
    np.savez(path, **arrays)
    with pytest.raises(RouterError, match=FORMAT):
        load(path)
    (tmp_path / "bad.npz").write_bytes(b"not a zip")
    with pytest.raises(RouterError, match="无法读取"):
        load(tmp_path / "bad.npz")


def test_softmax_temperature_sharpens():
    import numpy as np

    decision = np.array([[1.0, 0.0]])
    assert softmax(decision, 10)[0, 0] > softmax(decision, 1)[0, 0] > 0.5
