"""Load a methodology from a YAML file, YAML text, or a preset name."""

from importlib import resources
from pathlib import Path

import yaml

from .errors import MethodologyError
from .methodology import Methodology, parse_methodology

PRESET_PACKAGE = "yingshang.core.evaluation.presets"


def preset_names() -> tuple[str, ...]:
    files = resources.files(PRESET_PACKAGE).iterdir()
    return tuple(sorted(f.name[:-5] for f in files if f.name.endswith(".yaml")))


def preset_text(name: str) -> str:
    if name not in preset_names():
        raise MethodologyError([f"没有预置评价方法 {name}（可用：{', '.join(preset_names())}）"])
    return resources.files(PRESET_PACKAGE).joinpath(f"{name}.yaml").read_text(encoding="utf-8")


def methodology_from_text(text: str, *, source: str = "") -> Methodology:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else "文件"
        reason = getattr(exc, "problem", None) or str(exc)
        raise MethodologyError([f"{where}：YAML 格式错误（{reason}）"], source) from exc
    return parse_methodology(raw, source_text=text, source=source)


def load_methodology(path_or_preset: str | Path) -> Methodology:
    """A path to a YAML file, or a preset's name (`--methodology db2020`)."""
    text = str(path_or_preset)
    path = Path(text)
    if path.suffix.lower() in (".yaml", ".yml") or path.exists():
        if not path.is_file():
            raise MethodologyError([f"找不到评价方法文件 {path}"], str(path))
        try:
            content = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise MethodologyError(["文件不是 UTF-8 编码"], str(path)) from exc
        return methodology_from_text(content, source=str(path))
    return methodology_from_text(preset_text(text), source=f"预置方法 {text}")
