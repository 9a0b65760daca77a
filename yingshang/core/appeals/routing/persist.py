"""A fitted router in one file: numpy's .npz (no pickle, so loading runs no code from the file)
with the arrays and one JSON document for the rest, under a format version."""

import json
from pathlib import Path
from typing import Any

from yingshang.core.appeals.routing.config import Params, RouterConfig, Rule
from yingshang.core.appeals.routing.router import Router, RouterError
from yingshang.core.appeals.routing.text import Lexicon, NgramSpace

FORMAT = "yingshang-router/1"


def save(router: Router, path: Path) -> None:
    import numpy as np

    if router.weights is None:
        raise RouterError("路由模型尚未训练，无法保存")
    meta = {
        "format": FORMAT,
        "classes": router.classes,
        "temperature": router.temperature,
        "threshold": router.threshold,
        "ngram": [router.space.low, router.space.high],
        "keywords": {
            label: list(router.config.keywords.get(label, ())) for label in router.classes
        },
        "rules": [
            {"name": r.name, "class": r.label, "all": r.all, "any": r.any, "none": r.none}
            for r in router.rules
        ],
        "params": {k: getattr(router.params, k) for k in Params.__dataclass_fields__},
    }
    with Path(path).open("wb") as handle:
        np.savez_compressed(
            handle,
            meta=np.array(json.dumps(meta, ensure_ascii=False)),
            keys=router.space.keys,
            idf=router.space.idf_array,
            weights=router.weights,
            keyword_weights=router.keyword_weights,
            intercept=router.intercept,
        )


def load(path: Path) -> Router:
    import numpy as np

    try:
        with np.load(Path(path), allow_pickle=False) as archive:
            arrays: dict[str, Any] = {name: archive[name] for name in archive.files}
        meta = json.loads(str(arrays["meta"]))
    except (OSError, ValueError, KeyError) as exc:
        raise RouterError(f"无法读取路由模型文件 {path}：{type(exc).__name__}") from None
    if meta.get("format") != FORMAT:
        raise RouterError(f"路由模型文件格式为“{meta.get('format')}”，本版本只能读取 {FORMAT}")
    rules = tuple(
        Rule(r["name"], r["class"], tuple(r["all"]), tuple(r["any"]), tuple(r["none"]))
        for r in meta["rules"]
    )
    keywords = {label: tuple(words) for label, words in meta["keywords"].items()}
    config = RouterConfig(keywords=keywords, rules=rules, params=Params(**meta["params"]))
    router = Router(config)
    router.classes = list(meta["classes"])
    router.rules, router.threshold = rules, float(meta["threshold"])
    router.temperature = float(meta["temperature"])
    low, high = meta["ngram"]
    router.space = NgramSpace(arrays["keys"], arrays["idf"], low, high)
    router.lexicon = Lexicon(keywords, router.classes)
    router.weights = arrays["weights"]
    router.keyword_weights = arrays["keyword_weights"]
    router.intercept = arrays["intercept"]
    return router
