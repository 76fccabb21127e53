"""Simulation engine: flat lanes (SKU × path × swept setting) simulated over time.

``simulate(demand, forecast, lanes, seed=...) -> EngineOutput`` runs the numba kernel
(:mod:`jitcore.engine.kernel`); :mod:`tests.engine_reference` is the same model as a plain
Python loop, the oracle of the tests. :mod:`jitcore.engine.paths` draws Monte Carlo demand.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from jitcore.engine.kernel import block_starts, ring_size_for, simulate_blocks
from jitcore.lanes import ACCUMULATORS, N_ACC, N_COVERS, N_SERIES, SERIES, LaneSet

__all__ = ["EngineOutput", "simulate", "warm_up"]


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


def _threads() -> int:
    """Worker threads for one engine call: ``JITCORE_THREADS`` or the number of CPUs."""
    value = os.environ.get("JITCORE_THREADS", "")
    return max(1, int(value)) if value.isdigit() else max(1, os.cpu_count() or 1)


_POOL: ThreadPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


def _pool(size: int) -> ThreadPoolExecutor:
    global _POOL
    with _POOL_LOCK:
        if _POOL is None or _POOL._max_workers != size:  # noqa: SLF001
            _POOL = ThreadPoolExecutor(max_workers=size, thread_name_prefix="jitcore-engine")
        return _POOL


#: Below this many lane-periods one thread is faster than handing work to others.
PARALLEL_THRESHOLD = 50_000


def simulate(
    demand: np.ndarray,
    forecast: np.ndarray,
    lanes: LaneSet,
    *,
    seed: int = 0,
    cover: np.ndarray | None = None,
) -> EngineOutput:
    """Simulate every lane of ``lanes`` on ``demand[row, period]`` (units per period) with the
    policy's forecast ``forecast[row, period]`` (forecast of that period's demand) and, for
    lanes with a ``cover_row``, the forecast covers ``cover[row, C_*, period]`` their levels
    plan with (:mod:`jitcore.lanes`).

    Each lane runs over periods ``[start, end)``; the same seed always gives the same result
    (whatever the number of threads: lanes never depend on one another).
    """
    demand = np.ascontiguousarray(demand, dtype=np.float64)
    forecast = np.ascontiguousarray(forecast, dtype=np.float64)
    # the kernel is compiled for writeable arrays: a read-only (shared, cached) input is copied
    # rather than compiled a second time
    if not demand.flags.writeable:
        demand = demand.copy()
    if not forecast.flags.writeable:
        forecast = forecast.copy()
    if demand.ndim != 2 or forecast.ndim != 2 or demand.shape[1] != forecast.shape[1]:
        raise ValueError("demand and forecast must be 2-D arrays with the same number of periods")
    n_periods = demand.shape[1]
    if cover is None:
        cover = np.zeros((1, N_COVERS, n_periods))
        if lanes.n and lanes.cover_row.max() >= 0:
            raise ValueError("lanes refer to forecast covers, but none were given")
    cover = np.ascontiguousarray(cover, dtype=np.float64)
    if not cover.flags.writeable:
        cover = cover.copy()
    if cover.ndim != 3 or cover.shape[1:] != (N_COVERS, n_periods):
        raise ValueError("cover must be [row, N_COVERS, period] with the demand's periods")
    if lanes.n and lanes.cover_row.max() >= cover.shape[0]:
        raise ValueError("a lane refers to a cover row that does not exist")
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
        blocks = block_starts(
            lanes.policy, lanes.start, lanes.end, lanes.forecast_row, lanes.params,
            lanes.cover_row,
        )  # fmt: skip
        args = (
            blocks, demand, forecast, lanes.demand_row, lanes.forecast_row, cover,
            lanes.cover_row, lanes.policy,
            lanes.start, lanes.end, lanes.key, lanes.record, lanes.params, int(seed),
            ring_size_for(lanes.params), accumulators, timelines,
        )  # fmt: skip
        n_blocks = len(blocks) - 1
        threads = min(_threads(), n_blocks)
        work = np.maximum(lanes.end - lanes.start, 0)
        if threads == 1 or int(work.sum()) < PARALLEL_THRESHOLD:
            simulate_blocks(0, n_blocks, *args)
        else:
            # contiguous ranges of blocks with about equal lane-periods each
            cumulative = np.concatenate([[0], np.cumsum(work)])[blocks]
            cuts = np.searchsorted(cumulative, np.linspace(0, cumulative[-1], threads + 1))
            cuts[0], cuts[-1] = 0, n_blocks
            jobs = [
                _pool(threads).submit(simulate_blocks, int(a), int(b), *args)
                for a, b in zip(cuts[:-1], cuts[1:], strict=True)
                if b > a
            ]
            for job in jobs:
                job.result()
    accumulators.flags.writeable = False
    timelines.flags.writeable = False
    return EngineOutput(lanes, accumulators, timelines)


def warm_up() -> float:
    """Compile (or load from the on-disk cache) the kernel with a tiny run; returns seconds.

    The first compilation after installing takes about 10 s; call this in a background thread
    at application start so the first what-if does not wait for it."""
    import time

    started = time.perf_counter()
    lanes = LaneSet.build(2, demand_row=np.arange(2), end=8, lead_time=1, order_up_to=30.0)
    simulate(np.full((2, 8), 10.0), np.full((1, 8), 10.0), lanes)
    return time.perf_counter() - started
