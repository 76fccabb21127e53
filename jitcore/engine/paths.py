"""Helpers for Monte Carlo demand paths: per-SKU random generators and the forecast mean
continued past its horizon. The paths themselves are drawn by each SKU's demand model
(:mod:`jitcore.demand_model`), the one the buffers plan with.

Every SKU draws from its own generator spawned from the seed (``SeedSequence(seed).spawn``), so
adding a SKU or changing another SKU's settings never changes a SKU's paths, and a chunk of
SKUs ``[offset, offset + n)`` run on its own (another process or machine) draws exactly the
paths those SKUs draw in one run of all.
"""

from __future__ import annotations

import numpy as np


def sku_generators(seed: int, n: int, offset: int = 0) -> list[np.random.Generator]:
    """One independent generator for each of SKUs ``offset … offset + n − 1``, spawned from
    ``seed``: child ``k`` is ``SeedSequence(seed, spawn_key=(k,))``, which is what
    ``SeedSequence(seed).spawn(offset + n)[k]`` gives."""
    return [
        np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(offset + i,)))
        for i in range(n)
    ]


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
