"""Stratified K-fold cross-validation of the router as configured: each fold's router is fitted
on the other folds' labels only, and the figures are computed over all held-out predictions."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from yingshang.core.appeals.routing.config import RouterConfig
from yingshang.core.appeals.routing.router import Corpus, Proposal, Router, RouterError, prepare


@dataclass(frozen=True, slots=True)
class ClassFigures:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True, slots=True)
class CrossValidation:
    folds: int
    seed: int
    macro_f1: float
    accuracy: float
    top2: float  # share of messages whose true class is the proposal or the runner-up
    triage_rate: float  # share below the threshold
    confident_accuracy: float  # accuracy of the proposals above it
    rule_hits: int
    per_class: tuple[ClassFigures, ...]
    proposals: tuple[Proposal, ...]  # in the order of the input


def stratified_folds(
    labels: Sequence[str], folds: int, seed: int = 0
) -> list[tuple[list[int], list[int]]]:
    """(train, test) index lists; every class needs at least `folds` messages."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    if folds < 2:
        raise RouterError("折数至少为 2")
    counts = Counter(labels)
    if len(counts) < 2:
        raise RouterError("至少需要两个类别才能交叉验证")
    short = sorted((n, label) for label, n in counts.items() if n < folds)
    if short:
        n, label = short[0]
        raise RouterError(
            f"类别“{label}”只有 {n} 条，少于折数 {folds}：每个类别至少需要 {folds} 条"
        )
    y = np.asarray(labels)
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    return [(train.tolist(), test.tolist()) for train, test in splitter.split(np.zeros(len(y)), y)]


def figures(truth: Sequence[str], proposals: Sequence[Proposal]) -> tuple[ClassFigures, ...]:
    out = []
    for label in sorted(set(truth)):
        tp = sum(
            1 for t, p in zip(truth, proposals, strict=True) if t == label and p.label == label
        )
        predicted = sum(1 for p in proposals if p.label == label)
        support = sum(1 for t in truth if t == label)
        precision = tp / predicted if predicted else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        out.append(ClassFigures(label, precision, recall, f1, support))
    return tuple(out)


def cross_validate(
    config: RouterConfig,
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    folds: int = 5,
    seed: int = 0,
    splits: Sequence[tuple[Sequence[int], Sequence[int]]] | None = None,
    corpus: Corpus | None = None,
) -> CrossValidation:
    """Cross-validate; `splits` (from `stratified_folds`) fixes the folds, `corpus` (from
    `prepare`) saves recomputing the corpus statistics across calls."""
    labels = [str(label) for label in labels]
    if len(texts) != len(labels):
        raise RouterError("文本与类别的条数不一致")
    splits = splits if splits is not None else stratified_folds(labels, folds, seed)
    shared = corpus if corpus is not None else (prepare(config) if config.corpus else None)
    proposals: list[Proposal | None] = [None] * len(texts)
    for train, test in splits:
        # Without a corpus each fold's n-gram space comes from its own training texts.
        router = Router(config, shared).fit([texts[i] for i in train], [labels[i] for i in train])
        for i, proposal in zip(test, router.propose_many([texts[i] for i in test]), strict=True):
            proposals[i] = proposal
    done = [p for p in proposals if p is not None]
    if len(done) != len(texts):
        raise RouterError("交叉验证的折没有覆盖全部样本")
    per_class = figures(labels, done)
    confident = [(t, p) for t, p in zip(labels, done, strict=True) if not p.needs_triage]
    n = len(labels)
    return CrossValidation(
        folds=len(splits),
        seed=seed,
        macro_f1=sum(c.f1 for c in per_class) / len(per_class),
        accuracy=sum(1 for t, p in zip(labels, done, strict=True) if t == p.label) / n,
        top2=sum(1 for t, p in zip(labels, done, strict=True) if t in (p.label, p.runner_up)) / n,
        triage_rate=1 - len(confident) / n,
        confident_accuracy=(
            sum(1 for t, p in confident if t == p.label) / len(confident) if confident else 0.0
        ),
        rule_hits=sum(1 for p in done if p.rule_hit),
        per_class=per_class,
        proposals=tuple(done),
    )
