"""Composite-indicator evaluation: methodology as data, the engine, diagnosis, what-if, robustness.

Framework-free (no Django): everything takes and returns plain data and numpy arrays.
"""

from .engine import aggregate, evaluate
from .errors import DataError, MethodologyError, RowProblem
from .loading import load_methodology, methodology_from_text, preset_names
from .methodology import OBJECTIVE, ROOT, SATISFACTION, Methodology, Node, parse_methodology
from .observations import Observations, check_against
from .ranking import competition_ranks, display_round
from .result import LONG_COLUMNS, EvaluationResult

__all__ = [
    "LONG_COLUMNS",
    "OBJECTIVE",
    "ROOT",
    "SATISFACTION",
    "DataError",
    "EvaluationResult",
    "Methodology",
    "MethodologyError",
    "Node",
    "Observations",
    "RowProblem",
    "aggregate",
    "check_against",
    "competition_ranks",
    "display_round",
    "evaluate",
    "load_methodology",
    "methodology_from_text",
    "parse_methodology",
    "preset_names",
]
