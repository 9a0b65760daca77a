"""The router's shipped configuration: keyword priors, department names and rules
(`keywords.yaml`), the category tree (`taxonomy.csv`) and an unlabelled corpus of citizen
messages (`corpus.jsonl.gz`). Provenance in README.md."""

import csv
import gzip
import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from yingshang.core.appeals.routing import CorpusEntry, Router, RouterConfig

HERE = Path(__file__).resolve().parent
KEYWORDS = HERE / "keywords.yaml"
TAXONOMY = HERE / "taxonomy.csv"
CORPUS = HERE / "corpus.jsonl.gz"


def taxonomy_rows(path: Path = TAXONOMY) -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        return [(row[0], row[1], row[2]) for row in reader if len(row) >= 3]


def corpus_entries(path: Path = CORPUS) -> list["CorpusEntry"]:
    """Title and detail joined as the router reads a message; the reply kept apart."""
    from yingshang.core.appeals.routing import CorpusEntry

    entries = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            text = " ".join(p for p in (item.get("title", ""), item.get("text", "")) if p)
            entries.append(CorpusEntry(text=text, reply=item.get("reply", "")))
    return entries


def shipped_config(keywords: Path = KEYWORDS, *, with_corpus: bool = True) -> "RouterConfig":
    """The configuration as shipped (or with another keywords file of the same format)."""
    import yaml

    from yingshang.core.appeals.routing import RouterConfigError, build_config

    try:
        data = yaml.safe_load(keywords.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise RouterConfigError(f"无法读取路由配置 {keywords}：{type(exc).__name__}") from None
    corpus = corpus_entries() if with_corpus else []
    return build_config(data, taxonomy=taxonomy_rows(), corpus=corpus)


def fit_shipped_router(
    texts: list[str], labels: list[str], *, with_corpus: bool = True
) -> "Router":
    """A router of the shipped configuration fitted on these labelled messages (the demo's
    router is fitted on the 195 development messages); `save` it to keep it."""
    from yingshang.core.appeals.routing import Router

    return Router(shipped_config(with_corpus=with_corpus)).fit(texts, labels)
