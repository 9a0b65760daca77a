"""PNG charts for the evaluation report, drawn with matplotlib's Agg backend.

Figures are built with `matplotlib.figure.Figure` rather than pyplot, so no global figure state
is shared between requests. Chinese labels need a CJK font; when none is installed the charts are
still drawn (the labels then show as boxes) and a warning is logged once.
"""

import io
import logging
import math
import threading
import warnings
from collections.abc import Iterable, Sequence

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

logger = logging.getLogger(__name__)

# Preferred first: simplified-Chinese faces, then the other CJK families that cover Hanzi.
CJK_FONT_CANDIDATES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "SimSun",
    "PingFang SC",
    "Hiragino Sans GB",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Noto Serif CJK TC",
    "Noto Serif CJK JP",
    "AR PL UMing CN",
    "AR PL UKai CN",
)

COLOURS = {"unit": "#c0392b", "frontier": "#2c3e50", "average": "#95a5a6", "rank": "#2874a6"}
DPI = 150

_font_lookup: dict[str, str | None] = {}
_missing_font_warned = False


def installed_font_names() -> list[str]:
    return [entry.name for entry in font_manager.fontManager.ttflist]


def pick_cjk_font(installed: Iterable[str]) -> str | None:
    """The first candidate that is installed; else any installed family that looks CJK."""
    names = set(installed)
    for candidate in CJK_FONT_CANDIDATES:
        if candidate in names:
            return candidate
    markers = ("CJK", "Han Sans", "Han Serif", "WenQuanYi", "Hei", "Song", "Kai", "Ming")
    for name in sorted(names):
        if any(marker in name for marker in markers):
            return name
    return None


def cjk_font_family() -> str | None:
    """The CJK font family charts use, looked up once per process."""
    if "family" not in _font_lookup:
        _font_lookup["family"] = pick_cjk_font(installed_font_names())
    return _font_lookup["family"]


def reset_font_lookup() -> None:
    """Forget the cached lookup (after fonts are installed, and in tests)."""
    global _missing_font_warned
    _font_lookup.clear()
    _missing_font_warned = False


def _font_settings() -> dict:
    global _missing_font_warned
    family = cjk_font_family()
    settings = {"axes.unicode_minus": False, "font.size": 9}
    if family:
        settings["font.family"] = "sans-serif"
        settings["font.sans-serif"] = [family, "DejaVu Sans"]
    elif not _missing_font_warned:
        _missing_font_warned = True
        logger.warning("未找到中文字体（如 Noto Sans CJK、文泉驿），图表中的中文可能无法显示")
    return settings


_RENDER_LOCK = threading.Lock()


def _render(draw) -> bytes:
    """Draw on a fresh figure under the CJK font settings and return it as PNG bytes.

    rc_context and catch_warnings change process-wide state; the lock keeps two reports drawn
    by two server threads at once from seeing each other's settings.
    """
    with _RENDER_LOCK, matplotlib.rc_context(_font_settings()), warnings.catch_warnings():
        # Without a CJK font every Chinese glyph warns; the single log line above says it once.
        warnings.filterwarnings("ignore", message=r".*[Gg]lyph.*missing.*")
        warnings.filterwarnings("ignore", message=r".*missing from font.*")
        figure = Figure(figsize=(7.2, 4.0), dpi=DPI, layout="constrained")
        FigureCanvasAgg(figure)
        draw(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _nan(value: float | None) -> float:
    return math.nan if value is None else float(value)


def comparison_chart(
    labels: Sequence[str],
    unit_scores: Sequence[float | None],
    frontier: Sequence[float],
    average: Sequence[float],
    *,
    unit_label: str,
    decimals: int = 2,
    title: str = "各一级指标得分与全省前沿值、平均值对比",
) -> bytes:
    """Grouped bars: the unit, the frontier and the average for each indicator."""

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        width = 0.26
        positions = range(len(labels))
        series = (
            (unit_label, unit_scores, COLOURS["unit"], -width),
            ("全省前沿值", frontier, COLOURS["frontier"], 0.0),
            ("全省平均值", average, COLOURS["average"], width),
        )
        for name, values, colour, offset in series:
            heights = [_nan(v) for v in values]
            bars = axes.bar(
                [p + offset for p in positions], heights, width, label=name, color=colour
            )
            if name == unit_label:
                axes.bar_label(bars, fmt=f"%.{decimals}f", fontsize=7, padding=2)
        axes.set_xticks(list(positions), list(labels), rotation=20 if len(labels) > 5 else 0)
        axes.set_ylim(0, 110)
        axes.set_ylabel("得分")
        axes.set_title(title)
        figure.legend(loc="outside lower center", ncols=3, fontsize=8, frameon=False)
        axes.grid(axis="y", alpha=0.3)

    return _render(draw)


def rank_chart(
    labels: Sequence[str],
    ranks: Sequence[int | None],
    *,
    ranked_count: int,
    scope: str = "功能区",
) -> bytes:
    """Horizontal bars of the unit's rank per indicator; rank 1 is drawn longest."""

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        # Bar length = units behind plus one, so better ranks read as longer bars.
        lengths = [ranked_count - r + 1 if r else 0 for r in ranks]
        positions = list(range(len(labels)))[::-1]
        bars = axes.barh(positions, lengths, color=COLOURS["rank"], height=0.6)
        axes.bar_label(bars, labels=[f"第{r}位" if r else "未排名" for r in ranks], padding=3)
        axes.set_yticks(positions, list(labels))
        axes.set_xlim(0, ranked_count + 2)
        axes.set_xticks([])
        axes.set_title(f"各指标排名（共{ranked_count}个{scope}参评）")
        for side in ("top", "right", "bottom"):
            axes.spines[side].set_visible(False)

    return _render(draw)


def trend_chart(
    periods: Sequence[str],
    scores: Sequence[float | None],
    ranks: Sequence[int | None],
    *,
    ranked_count: int | None = None,
    decimals: int = 2,
    title: str = "总体得分与排名变化",
) -> bytes:
    """The overall score as a line (left axis) and the rank on an inverted right axis."""

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        x = list(range(len(periods)))
        values = [_nan(s) for s in scores]
        axes.plot(x, values, marker="o", color=COLOURS["unit"], label="总体得分")
        for position, value in zip(x, values, strict=True):
            if not math.isnan(value):
                axes.annotate(
                    f"{value:.{decimals}f}",
                    (position, value),
                    textcoords="offset points",
                    xytext=(0, 6),
                    ha="center",
                    fontsize=7,
                )
        axes.set_xticks(x, [str(p) for p in periods])
        axes.set_ylabel("总体得分")
        axes.grid(axis="y", alpha=0.3)
        right = axes.twinx()
        rank_values = [float(r) if r else math.nan for r in ranks]
        right.plot(x, rank_values, marker="s", linestyle="--", color=COLOURS["rank"], label="排名")
        right.set_ylabel("排名（越靠上越好）")
        worst = max([ranked_count or 0, *(r for r in ranks if r)], default=1)
        right.set_ylim(worst + 0.5, 0.5)
        right.yaxis.get_major_locator().set_params(integer=True)
        axes.margins(x=0.08, y=0.2)
        figure.legend(loc="outside lower center", ncols=2, fontsize=8, frameon=False)
        axes.set_title(title)

    return _render(draw)
