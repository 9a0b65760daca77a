"""The Monte Carlo plan: which assumptions vary, how far, and in how many runs."""

from dataclasses import dataclass

import numpy as np

from ..result import EvaluationResult

NORMALISATIONS = ("stated", "minmax", "zscore")
AGGREGATION_CHOICES = ("stated", "geometric")
FACTORS = ("weights", "normalisation", "aggregation", "dropped")


@dataclass(frozen=True)
class UncertaintySettings:
    runs: int = 1000
    seed: int = 0
    weight_noise: float = 0.25
    vary_normalisation: bool = True
    vary_aggregation: bool = True
    drop_indicator: bool = True


# One default for `monte_carlo` and `Robustness`: frozen, so sharing it is safe.
DEFAULT_SETTINGS = UncertaintySettings()


@dataclass(frozen=True)
class RunDraws:
    """The assumptions of each run: weight multipliers (runs x nodes, in `result.nodes` order),
    and indices into NORMALISATIONS and AGGREGATION_CHOICES, and the dropped leaf's index in
    `result.leaves` (-1: none)."""

    multipliers: np.ndarray
    normalisation: np.ndarray
    aggregation: np.ndarray
    dropped: np.ndarray

    def __len__(self) -> int:
        return len(self.normalisation)

    def take(self, runs: np.ndarray) -> "RunDraws":
        return RunDraws(
            self.multipliers[runs],
            self.normalisation[runs],
            self.aggregation[runs],
            self.dropped[runs],
        )


def draw_runs(result: EvaluationResult, settings: UncertaintySettings) -> RunDraws:
    """Reproducible draws for a seed. Every assumption is drawn even when switched off (and then
    held at its stated value), so switching one on or off leaves the others' draws unchanged."""
    noise = float(settings.weight_noise)
    if not 0.0 <= noise < 1.0:
        raise ValueError("权重扰动幅度必须在 0 到 1 之间（不含 1）")
    if settings.runs < 1:
        raise ValueError("模拟次数必须至少为 1")
    rng = np.random.default_rng(settings.seed)
    runs = settings.runs
    multipliers = rng.uniform(1.0 - noise, 1.0 + noise, size=(runs, len(result.nodes)))
    normalisation = rng.integers(0, len(NORMALISATIONS), runs)
    aggregation = rng.integers(0, len(AGGREGATION_CHOICES), runs)
    dropped = rng.integers(-1, len(result.leaves), runs)
    multipliers[:, 0] = 1.0
    if noise == 0.0:
        multipliers[:] = 1.0
    if not settings.vary_normalisation:
        normalisation[:] = 0
    if not settings.vary_aggregation:
        aggregation[:] = 0
    if not settings.drop_indicator:
        dropped[:] = -1
    return RunDraws(multipliers, normalisation, aggregation, dropped)
