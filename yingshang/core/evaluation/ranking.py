"""Display rounding (half up, as printed reports round) and competition ranks (ties share the
better rank, the `min` method)."""

import numpy as np


def display_round(values: np.ndarray | float, decimals: int = 2) -> np.ndarray | float:
    """Round half up: 80.975 -> 80.98, as a printed report shows it (numpy rounds half to even).

    The tiny nudge absorbs binary representation error (80.975 is stored as 80.97499999…).
    """
    factor = 10.0**decimals
    scaled = np.asarray(values, dtype=np.float64) * factor
    rounded = np.floor(np.abs(scaled) + 0.5 + 1e-7) * np.sign(scaled) / factor
    return float(rounded) if np.ndim(values) == 0 else rounded


def competition_ranks(scores: np.ndarray, eligible: np.ndarray | None = None) -> np.ndarray:
    """Rank each column of `scores` (units x nodes) descending: 1 + the number of strictly better
    eligible scores. Missing (NaN) or ineligible units get rank 0."""
    scores = np.asarray(scores, dtype=np.float64)
    matrix = scores if scores.ndim == 2 else scores[:, None]
    if eligible is None:
        eligible = np.ones(matrix.shape[0], dtype=bool)
    ranks = np.zeros(matrix.shape, dtype=np.int64)
    for j in range(matrix.shape[1]):
        column = matrix[:, j]
        valid = eligible & ~np.isnan(column)
        pool = np.sort(-column[valid])
        ranks[valid, j] = np.searchsorted(pool, -column[valid], side="left") + 1
    return ranks if scores.ndim == 2 else ranks[:, 0]
