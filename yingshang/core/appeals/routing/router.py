"""The router: a linear SVM over character n-grams and keyword scores, trained on the labelled
messages and on the unlabelled corpus weak-labelled by the keyword priors and the departments
its replies name; explicit rules decide before the model; a calibrated confidence, and below
the threshold the proposal goes to human triage.

scikit-learn and numpy are imported where they are used, so importing this costs nothing.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from yingshang.core.appeals.routing.config import Params, RouterConfig, Rule
from yingshang.core.appeals.routing.text import Lexicon, NgramSpace, normalise

TEMPERATURES = tuple(0.5 * 1.15**k for k in range(40))  # 0.5 … about 120
DEFAULT_TEMPERATURE = 3.0


class RouterError(ValueError):
    """The router cannot be fitted or used; the message is Chinese."""


@dataclass(frozen=True, slots=True)
class Proposal:
    label: str
    confidence: float
    runner_up: str | None
    runner_up_confidence: float
    rule_hit: str | None
    needs_triage: bool


@dataclass(slots=True)
class Corpus:
    """What the unlabelled corpus gives, computed once and shared by every fit (the folds of a
    cross-validation): the n-gram space, its TF-IDF rows and keyword and department scores."""

    space: NgramSpace
    labels: list[str]  # the configured classes, the columns of the score matrices
    matrix: Any  # csr_matrix, one row per corpus message
    text_scores: Any  # keyword scores of the message alone (what a new message has)
    weak_scores: Any  # the same plus reply_weight × the reply's scores
    department_scores: Any


def prepare(config: RouterConfig, fallback_texts: Sequence[str] = ()) -> Corpus:
    """The corpus statistics. Without a corpus the n-gram space comes from `fallback_texts`
    (the training texts: their words, never their labels)."""
    import numpy as np

    params = config.params
    texts = [normalise(e.text) for e in config.corpus]
    basis = texts or [normalise(t) for t in fallback_texts]
    space = NgramSpace.fit(basis, params.ngram_min, params.ngram_max, params.min_df)
    labels = sorted(set(config.keywords) | set(config.departments))
    lexicon = Lexicon(config.keywords, labels)
    text_scores = lexicon.matrix(texts)
    weak_scores = text_scores.copy()
    departments = np.zeros_like(text_scores)
    replies = [(i, normalise(e.reply)) for i, e in enumerate(config.corpus) if e.reply]
    if replies:
        rows = [i for i, _ in replies]
        reply_texts = [r for _, r in replies]
        weak_scores[rows] += params.reply_weight * lexicon.matrix(reply_texts)
        departments[rows] = Lexicon(config.departments, labels).matrix(reply_texts)
    return Corpus(space, labels, space.matrix(texts), text_scores, weak_scores, departments)


def _confident(scores: Any, margin: float, allowed: Any) -> tuple[Any, Any]:
    """(mask, best column) of rows whose best class leads the second by `margin` and is allowed."""
    import numpy as np

    if scores.shape[1] == 0:
        return np.zeros(scores.shape[0], dtype=bool), np.zeros(scores.shape[0], dtype=int)
    best = scores.argmax(axis=1)
    ordered = np.sort(scores, axis=1)
    second = ordered[:, -2] if scores.shape[1] > 1 else 0.0
    mask = (ordered[:, -1] - second >= margin) & (ordered[:, -1] > 0) & allowed[best]
    return mask, best


def keyword_features(scores: Any, weight: float) -> Any:
    """Keyword scores as shares of their row's total (a long message does not weigh more)."""
    import numpy as np
    from scipy import sparse

    totals = scores.sum(axis=1, keepdims=True)
    return sparse.csr_matrix(weight * scores / np.where(totals > 0, totals, 1.0))


def softmax(decision: Any, temperature: float) -> Any:
    import numpy as np

    z = temperature * (decision - decision.max(axis=1, keepdims=True))
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class Router:
    """Built from a configuration, fitted on labelled texts, then proposes a class per text."""

    def __init__(self, config: RouterConfig, corpus: Corpus | None = None):
        self.config = config
        self.params: Params = config.params
        self.corpus = corpus
        self.classes: list[str] = []
        self.rules: tuple[Rule, ...] = ()
        self.threshold = self.params.triage_threshold
        self.temperature = DEFAULT_TEMPERATURE
        self.space: NgramSpace | None = None
        self.lexicon: Lexicon | None = None
        self.weights: Any = None  # (terms, classes) float32
        self.keyword_weights: Any = None  # (classes, classes)
        self.intercept: Any = None

    # -- fitting ---------------------------------------------------------------------------

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> "Router":
        import numpy as np

        if len(texts) != len(labels):
            raise RouterError("文本与类别的条数不一致")
        labels = [str(label) for label in labels]
        classes = sorted(set(labels))
        if len(classes) < 2:
            raise RouterError("至少需要两个类别才能训练")
        texts = [normalise(t) for t in texts]
        corpus = self.corpus or prepare(self.config, texts)
        self.classes, self.space = classes, corpus.space
        self.lexicon = Lexicon(self.config.keywords, classes)
        self.rules = tuple(r for r in self.config.rules if r.label in set(classes))
        x_labelled = corpus.space.matrix(texts)
        k_labelled = self.lexicon.matrix(texts)
        weak = self._weak(corpus)
        y = np.asarray(labels)
        self.temperature = self._calibrate(weak, x_labelled, k_labelled, y)
        self._set(self._svm(weak, x_labelled, k_labelled, y))
        return self

    def _weak(self, corpus: Corpus) -> tuple[Any, Any, Any]:
        """(rows, keyword scores, labels) of the corpus messages the configuration labels."""
        import numpy as np

        p = self.params
        allowed = np.array([label in set(self.classes) for label in corpus.labels], dtype=bool)
        mask, best = _confident(corpus.weak_scores, p.weak_margin, allowed)
        by_department, department = _confident(
            corpus.department_scores, p.department_margin, allowed
        )
        # A department named in the reply is the better witness of who handled the message.
        best = np.where(by_department, department, best)
        mask |= by_department
        names = np.asarray(corpus.labels, dtype=object)
        columns = [corpus.labels.index(c) if c in corpus.labels else -1 for c in self.classes]
        scores = np.zeros((int(mask.sum()), len(self.classes)))
        for j, column in enumerate(columns):
            if column >= 0:
                scores[:, j] = corpus.text_scores[mask, column]
        return corpus.matrix[mask], scores, names[best[mask]].astype(str)

    def _svm(self, weak: tuple[Any, Any, Any], x: Any, k: Any, y: Any) -> Any:
        import numpy as np
        from scipy import sparse
        from sklearn.svm import LinearSVC

        p = self.params
        weak_x, weak_k, weak_y = weak
        features = sparse.vstack(
            [
                sparse.hstack([weak_x, keyword_features(weak_k, p.keyword_feature_weight)]),
                sparse.hstack([x, keyword_features(k, p.keyword_feature_weight)]),
            ]
        ).tocsr()
        targets = np.concatenate([weak_y, y])
        weights = np.concatenate([np.ones(len(weak_y)), np.full(len(y), p.labelled_weight)])
        model = LinearSVC(C=p.svm_c, class_weight="balanced", random_state=0)
        return model.fit(features, targets, sample_weight=weights)

    def _set(self, model: Any) -> None:
        import numpy as np

        coef = np.asarray(model.coef_, dtype=np.float64)
        intercept = np.asarray(model.intercept_, dtype=np.float64)
        if len(self.classes) == 2:
            # A binary SVM has one row (the second class's side); scores are -d and d.
            coef, intercept = np.vstack([-coef, coef]), np.concatenate([-intercept, intercept])
        terms = len(self.space)
        self.weights = np.ascontiguousarray(coef[:, :terms].T, dtype=np.float32)
        self.keyword_weights = coef[:, terms:] * self.params.keyword_feature_weight
        self.intercept = intercept

    def _calibrate(self, weak: tuple[Any, Any, Any], x: Any, k: Any, y: Any) -> float:
        """The softmax temperature that best fits held-out labelled messages (inner folds)."""
        import numpy as np
        from sklearn.model_selection import StratifiedKFold

        folds = self.params.calibration_folds
        _, counts = np.unique(y, return_counts=True)
        if folds < 2 or counts.min() < folds:
            return DEFAULT_TEMPERATURE
        decisions, truth = [], []
        for train, test in StratifiedKFold(folds, shuffle=True, random_state=0).split(x, y):
            if len(set(y[train])) < len(self.classes):
                return DEFAULT_TEMPERATURE
            self._set(self._svm(weak, x[train], k[train], y[train]))
            decisions.append(self.decision_matrix(x[test], k[test]))
            truth.append(np.searchsorted(self.classes, y[test]))
        decision, index = np.vstack(decisions), np.concatenate(truth)
        rows = np.arange(len(index))

        def loss(t: float) -> float:
            return float(-np.log(softmax(decision, t)[rows, index] + 1e-12).mean())

        return min(TEMPERATURES, key=loss)

    # -- proposing -------------------------------------------------------------------------

    def _check_fitted(self) -> None:
        if self.weights is None:
            raise RouterError("路由模型尚未训练")

    def decision_matrix(self, x: Any, k: Any) -> Any:
        """SVM scores (rows, classes) of TF-IDF rows `x` and keyword score rows `k`."""
        import numpy as np

        kf = keyword_features(k, 1.0).toarray()
        return (
            np.asarray(x @ self.weights, dtype=np.float64)
            + kf @ self.keyword_weights.T
            + self.intercept
        )

    def probabilities(self, text: str) -> list[float]:
        """The calibrated probability of each class (in `classes` order), rules aside."""

        self._check_fitted()
        columns, values = self.space.vector(text)
        scores = self.lexicon.scores(text)
        total = scores.sum()
        decision = self.intercept + self.keyword_weights @ (scores / total if total > 0 else scores)
        if len(columns):
            decision = decision + values @ self.weights[columns]
        return softmax(decision[None, :], self.temperature)[0].tolist()

    def propose(self, text: str) -> Proposal:
        text = normalise(text)
        return self._proposal(text, self.probabilities(text))

    def propose_many(self, texts: Sequence[str]) -> list[Proposal]:
        self._check_fitted()
        texts = [normalise(t) for t in texts]
        decision = self.decision_matrix(self.space.matrix(texts), self.lexicon.matrix(texts))
        return [
            self._proposal(t, row.tolist())
            for t, row in zip(texts, softmax(decision, self.temperature), strict=True)
        ]

    def ranking(self, probabilities: Sequence[float]) -> list[tuple[str, float]]:
        return sorted(zip(self.classes, probabilities, strict=True), key=lambda item: -item[1])

    def _proposal(self, text: str, probabilities: Sequence[float]) -> Proposal:
        ranked = self.ranking(probabilities)
        rule = next((r for r in self.rules if r.matches(text)), None)
        if rule is not None:
            runner = next((item for item in ranked if item[0] != rule.label), (None, 0.0))
            return Proposal(rule.label, 1.0, runner[0], runner[1], rule.name, False)
        (label, confidence), (runner, runner_confidence) = ranked[0], ranked[1]
        return Proposal(
            label, confidence, runner, runner_confidence, None, confidence < self.threshold
        )
