"""Appeal routing: a framework-free Chinese text router (character n-grams, keyword priors,
weak labels from an unlabelled corpus, a linear SVM, editable override rules) and its
cross-validation. Plain data in, plain data out; numpy, SciPy and scikit-learn are imported
only where a router is fitted or used."""

from yingshang.core.appeals.routing.config import (
    CorpusEntry,
    Params,
    RouterConfig,
    RouterConfigError,
    Rule,
    build_config,
    taxonomy_priors,
)
from yingshang.core.appeals.routing.crossval import (
    ClassFigures,
    CrossValidation,
    cross_validate,
    stratified_folds,
)
from yingshang.core.appeals.routing.persist import FORMAT, load, save
from yingshang.core.appeals.routing.router import Corpus, Proposal, Router, RouterError, prepare

__all__ = [
    "FORMAT",
    "ClassFigures",
    "Corpus",
    "CorpusEntry",
    "CrossValidation",
    "Params",
    "Proposal",
    "Router",
    "RouterConfig",
    "RouterConfigError",
    "RouterError",
    "Rule",
    "build_config",
    "cross_validate",
    "load",
    "prepare",
    "save",
    "stratified_folds",
    "taxonomy_priors",
]
