"""Simulation engine: flat lanes (SKU × path × swept setting) simulated over time.

``simulate(demand, forecast, lanes, seed=...) -> EngineOutput`` runs the numba kernel
(:mod:`jitcore.engine.kernel`); :mod:`jitcore.engine.reference` is the same model as a plain
Python loop, the oracle of the tests. :mod:`jitcore.engine.paths` draws Monte Carlo demand.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jitcore.engine.kernel import block_starts, demand_sums, ring_size_for, simulate_lanes
from jitcore.lanes import ACCUMULATORS, N_ACC, N_SERIES, SERIES, LaneSet

__all__ = ["EngineOutput", "simulate"]


@dataclass(frozen=True, eq=False)
class EngineOutput:
    """What the kernel produced (read-only arrays).

    ``accumulators``: ``[lane, A_*]`` sums over each lane's KPI window (names in
    ``jitcore.lanes.ACCUMULATORS``). ``timelines``: ``[series, slot, period]`` for lanes with a
    timeline slot (names in ``jitcore.lanes.SERIES``), NaN outside a lane's active periods.
    """

    lanes: LaneSet
    accumulators: np.ndarray
    timelines: np.ndarray

    def accumulator(self, name: str) -> np.ndarray:
        return self.accumulators[:, ACCUMULATORS.index(name)]

    def series(self, name: str) -> np.ndarray:
        """One timeline series, ``[slot, period]``."""
        return self.timelines[SERIES.index(name)]


def simulate(
    demand: np.ndarray, forecast: np.ndarray, lanes: LaneSet, *, seed: int = 0
) -> EngineOutput:
    """Simulate every lane of ``lanes`` on ``demand[row, period]`` (units per period) with the
    policy's forecast ``forecast[row, period]`` (forecast of that period's demand).

    Each lane runs over periods ``[start, end)``; the same seed always gives the same result.
    """
    demand = np.ascontiguousarray(demand, dtype=np.float64)
    forecast = np.ascontiguousarray(forecast, dtype=np.float64)
    if demand.ndim != 2 or forecast.ndim != 2 or demand.shape[1] != forecast.shape[1]:
        raise ValueError("demand and forecast must be 2-D arrays with the same number of periods")
    n_periods = demand.shape[1]
    if lanes.n and (
        lanes.demand_row.max() >= demand.shape[0]
        or lanes.forecast_row.max() >= forecast.shape[0]
        or lanes.end.max() > n_periods
        or lanes.start.min() < 0
    ):
        raise ValueError("a lane refers to a demand/forecast row or period that does not exist")
    accumulators = np.zeros((lanes.n, N_ACC))
    timelines = np.full((N_SERIES, lanes.n_recorded, n_periods), np.nan)
    if lanes.n:
        simulate_lanes(
            demand,
            forecast,
            lanes.demand_row,
            lanes.forecast_row,
            lanes.policy,
            lanes.start,
            lanes.end,
            lanes.key,
            lanes.record,
            lanes.params,
            int(seed),
            ring_size_for(lanes.params),
            block_starts(lanes.policy, lanes.start, lanes.end, lanes.forecast_row, lanes.params),
            accumulators,
            timelines,
        )
        demand_sums(demand, lanes.demand_row, lanes.start, lanes.end, lanes.params, accumulators)
    accumulators.flags.writeable = False
    timelines.flags.writeable = False
    return EngineOutput(lanes, accumulators, timelines)
