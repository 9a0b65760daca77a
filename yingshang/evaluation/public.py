"""What other modules may use of the evaluation module, and nothing else.

Rectification drafts a plan from a published run: it reads the run (scoped to the user), its
full result (scores, gaps, weaknesses, the "本次评价…" sentences) and refers to it by foreign key.
The independence contract in pyproject.toml lets modules import this surface only.
"""

from yingshang.evaluation.models import EvaluationRun
from yingshang.evaluation.selectors import get_run, latest_run, run_result, runs_visible_to

__all__ = ["EvaluationRun", "get_run", "latest_run", "run_result", "runs_visible_to"]
