"""Monte Carlo demand paths drawn from a forecast and its error.

For SKU ``i``, path ``p`` and future period ``t``, with forecast mean ``μ_t`` (units per period):

* ``normal``: ``D = max(0, μ_t + σ₁·Z)``, σ₁ the one-step forecast error (i.i.d. errors);
* ``resampled``: ``D = max(0, μ_t + e)``, ``e`` drawn with replacement from the SKU's one-step
  backtest errors (history − fitted); falls back to ``normal`` with fewer than 8 errors;
* ``intermittent`` (demand occurrence × size): ``D = B·S·μ_t/(p·s̄)``, ``B`` Bernoulli with the
  history's share ``p`` of periods with demand, ``S`` drawn from the history's non-zero sizes
  (mean ``s̄``), so that ``E[D] = μ_t``; the occurrence of Croston (1972);
* ``auto``: intermittent for SKUs whose Syntetos–Boylan class is intermittent or lumpy,
  normal otherwise.

Every SKU draws from its own generator spawned from the seed (``SeedSequence(seed).spawn``), so
adding a SKU or changing another SKU's settings never changes a SKU's paths.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jitcore.profile import syntetos_boylan_class

DemandModel = str  # "normal" | "resampled" | "intermittent" | "auto"
MIN_RESIDUALS = 8


@dataclass(frozen=True)
class PathSource:
    """What one SKU's paths are drawn from (units per period)."""

    mean: np.ndarray  # forecast mean per future period, length T
    error_sd: float  # one-step forecast error σ₁
    residuals: np.ndarray  # one-step backtest errors (history − fitted), finite
    history: np.ndarray  # demand history (finite values)


def resolve_model(model: DemandModel, history: np.ndarray) -> str:
    """The demand model used for a SKU (``auto`` resolved by the Syntetos–Boylan class)."""
    if model != "auto":
        return model
    values = history[np.isfinite(history)]
    if len(values) == 0 or not (values > 0).any():
        return "normal"
    demand_class = syntetos_boylan_class(values)
    return "intermittent" if demand_class in ("intermittent", "lumpy") else "normal"


def draw_paths(
    source: PathSource, model: DemandModel, paths: int, rng: np.random.Generator
) -> np.ndarray:
    """Demand paths ``[path, period]`` for one SKU (units per period, never negative)."""
    mean = np.maximum(np.asarray(source.mean, dtype=float), 0.0)
    periods = len(mean)
    kind = resolve_model(model, source.history)
    if kind == "resampled" and len(source.residuals) < MIN_RESIDUALS:
        kind = "normal"
    if kind == "intermittent":
        values = source.history[np.isfinite(source.history)]
        sizes = values[values > 0]
        if len(sizes) == 0:
            return np.zeros((paths, periods))
        p = len(sizes) / len(values)
        occurs = rng.random((paths, periods)) < p
        drawn = rng.choice(sizes, size=(paths, periods))
        scale = mean / (p * sizes.mean())
        return np.where(occurs, drawn * scale, 0.0)
    if kind == "resampled":
        errors = rng.choice(source.residuals, size=(paths, periods))
        return np.maximum(mean + errors, 0.0)
    noise = rng.standard_normal((paths, periods))
    return np.maximum(mean + max(source.error_sd, 0.0) * noise, 0.0)


def sku_generators(seed: int, n: int) -> list[np.random.Generator]:
    """One independent generator per SKU, spawned from ``seed``."""
    return [np.random.default_rng(child) for child in np.random.SeedSequence(seed).spawn(n)]


def extend_mean(mean: np.ndarray, periods: int, season: int) -> np.ndarray:
    """The forecast mean for ``periods`` periods: as given, then (beyond the forecast horizon)
    the last ``season`` values repeated when the horizon covers a season, else the last value."""
    mean = np.asarray(mean, dtype=float)
    if len(mean) >= periods:
        return mean[:periods].copy()
    if len(mean) == 0:
        return np.zeros(periods)
    extra = periods - len(mean)
    if season > 1 and len(mean) >= season:
        tail = np.resize(mean[-season:], extra)
    else:
        tail = np.full(extra, mean[-1])
    return np.concatenate([mean, tail])
