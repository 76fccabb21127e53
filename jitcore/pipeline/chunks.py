"""Runs in memory-bounded chunks of SKUs: how big a chunk may be, and what one chunk does.

A run of many SKUs is split into chunks whose working memory (demand paths, engine lanes,
accumulators, timelines) stays under a byte budget; each chunk is prepared and simulated on
its own — in this process or on a worker of a cluster (:mod:`jitcore.executors`) —
and the chunks' results are pooled exactly (:func:`jitcore.pipeline.pooling.pool_results`).
A chunk knows its SKUs' place among all SKUs (``sku_offset``), so its random numbers are
the ones a run of all SKUs at once would draw.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from jitcore.budget import run_size
from jitcore.demand import DemandData
from jitcore.forecast import ForecastResult
from jitcore.pipeline.group import simulate_group
from jitcore.pipeline.prepare import PREROLL, prepare_demand
from jitcore.pipeline.results import ScenarioResult
from jitcore.scenario import Scenario

#: Default working memory of one chunk, bytes (a laptop runs a chunk beside the app).
CHUNK_BYTES = 256 * 2**20


def bytes_per_sku(scenarios: Sequence[Scenario], frequency: str, history_periods: int) -> int:
    """Working memory of one SKU when ``scenarios`` (sharing demand paths) run together, bytes:
    its demand paths and engine lanes (:meth:`jitcore.budget.RunSize.working_bytes`)."""
    size = run_size(
        scenarios,
        skus=1,
        history_periods=history_periods,
        frequency=frequency,
        preroll=PREROLL[frequency],
    )
    return size.working_bytes(1)


def chunk_ranges(n_skus: int, per_chunk: int) -> list[range]:
    """``n_skus`` SKU positions cut into consecutive ranges of at most ``per_chunk``, as even
    as possible (so no chunk is a sliver)."""
    if n_skus <= 0:
        return []
    per_chunk = max(int(per_chunk), 1)
    count = -(-n_skus // per_chunk)
    size, extra = divmod(n_skus, count)
    ranges, start = [], 0
    for i in range(count):
        stop = start + size + (1 if i < extra else 0)
        ranges.append(range(start, stop))
        start = stop
    return ranges


@dataclass(frozen=True)
class ChunkTask:
    """One chunk of a run: its SKUs' demand, the scenarios (sharing demand paths), the SKUs'
    forecasts if already made, and the place of its first SKU among all SKUs of the run.
    Plain data, so it can be sent to another process."""

    demand: DemandData
    scenarios: tuple[Scenario, ...]
    forecasts: Mapping[str, ForecastResult] | None
    sku_offset: int
    calendar: pd.DatetimeIndex | None = None


def run_chunk(task: ChunkTask) -> tuple[ScenarioResult, ...]:
    """Prepare (forecasting unless forecasts are given) and simulate one chunk."""
    prepared = prepare_demand(
        task.demand,
        task.scenarios[0],
        task.forecasts,
        sku_offset=task.sku_offset,
        calendar=task.calendar,
    )
    return tuple(simulate_group(prepared, task.scenarios))


def chunk_count(
    n_skus: int, scenarios: Sequence[Scenario], demand: DemandData, chunk_bytes: int
) -> int:
    """How many chunks a run of ``scenarios`` on ``n_skus`` SKUs of ``demand`` takes."""
    per_sku = bytes_per_sku(scenarios, demand.frequency, demand.periods)
    return max(len(chunk_ranges(n_skus, chunk_bytes // max(per_sku, 1))), 1)


def chunk_tasks(
    demand: DemandData,
    scenarios: Sequence[Scenario],
    forecasts: Mapping[str, ForecastResult] | None,
    chunk_bytes: int,
) -> list[ChunkTask]:
    """The chunks of a run of ``scenarios`` on every SKU of ``demand``."""
    per_sku = bytes_per_sku(scenarios, demand.frequency, demand.periods)
    skus = demand.skus
    calendar = pd.date_range(demand.start, demand.end, freq=demand.pandas_freq)
    tasks = []
    for positions in chunk_ranges(len(skus), chunk_bytes // max(per_sku, 1)):
        chosen = skus[positions.start : positions.stop]
        whole = len(chosen) == len(skus)
        part = demand if whole else demand.subset(chosen)
        found = None if forecasts is None else {sku: forecasts[sku] for sku in chosen}
        tasks.append(
            ChunkTask(part, tuple(scenarios), found, positions.start, None if whole else calendar)
        )
    return tasks
