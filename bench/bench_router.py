"""The appeal router's speed: fit time (corpus statistics, then the SVM on the development
file) and propose() over the 7,142 messages of the shipped corpus, one message per call, on one
core. Prints the figures; the target is more than 2,000 messages per second. The baseline, run
in the same process over the same messages, is the plain classifier of the reference (a
scikit-learn TF-IDF of character 1-3-grams and a LinearSVC, fitted on the development file),
one message per call; the ratio says what the router's keyword rules, priors and calibration
cost or save against it.

    .venv/bin/python bench/bench_router.py [--dev FILE]
"""

import argparse
import csv
import os
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

DEV = Path(__file__).resolve().parents[2] / "shared/data/external/tipdm2020c_fj2_sample_dev.csv"


def main() -> None:
    from yingshang.appeals.routing_data import shipped_config
    from yingshang.core.appeals.routing import Router, prepare
    from yingshang.core.appeals.routing.text import join_fields

    parser = argparse.ArgumentParser()
    parser.add_argument("--dev", type=Path, default=DEV)
    dev = parser.parse_args().dev
    with dev.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    texts = [join_fields([r["留言主题"], r["留言详情"]]) for r in rows]
    labels = [r["一级分类"] for r in rows]

    started = time.perf_counter()
    config = shipped_config()
    loaded = time.perf_counter()
    corpus = prepare(config)
    prepared = time.perf_counter()
    router = Router(config, corpus).fit(texts, labels)
    fitted = time.perf_counter()
    print(f"load configuration and corpus   {loaded - started:6.2f} s")
    print(f"corpus statistics (prepare)     {prepared - loaded:6.2f} s")
    print(f"fit on {len(texts)} labelled messages  {fitted - prepared:6.2f} s")

    messages = [entry.text for entry in config.corpus]
    baseline = _baseline(texts, labels)
    rates = {}
    for name, run in (
        ("baseline (TF-IDF + SVM), one per call", lambda: [baseline(t) for t in messages]),
        ("propose, one per call", lambda: [router.propose(t) for t in messages]),
        ("propose_many, one batch", lambda: router.propose_many(messages)),
    ):
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - start)
        rates[name] = len(messages) / best
        print(f"{name:<38} {rates[name]:8.0f} messages/s ({len(messages)} messages)")
    base = rates["baseline (TF-IDF + SVM), one per call"]
    print(f"propose / baseline {rates['propose, one per call'] / base:.2f}x")


def _baseline(texts: list[str], labels: list[str]):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
    model = LinearSVC(class_weight="balanced").fit(vectorizer.fit_transform(texts), labels)
    return lambda text: model.predict(vectorizer.transform([text]))[0]


if __name__ == "__main__":
    main()
