"""What-if: change one unit's raw values and see what moves; search for the improvements that
lift its rank most for the least effort.

`what_if` is a real re-evaluation (by default the sample goalposts follow the changed data, as
they would in next year's evaluation). `best_moves` searches thousands of candidate changes
without calling the engine per candidate: with the goalposts frozen only the focus unit's row
changes, so each candidate re-normalises that unit's leaves and re-aggregates its row up the
tree, vectorised over the candidates; the returned moves are then checked with a real `what_if`
and carry the checked gains.
"""

from .moves import Move, best_moves, describe_changes, describe_outcome
from .outcome import Shift, WhatIfOutcome, what_if
from .search import _Search as _Search
from .search import _singles as _singles

__all__ = [
    "Move",
    "Shift",
    "WhatIfOutcome",
    "best_moves",
    "describe_changes",
    "describe_outcome",
    "what_if",
]
