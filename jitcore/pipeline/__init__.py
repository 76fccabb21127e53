"""``run_scenario(demand, scenario)``: the one entry point from demand data to KPIs and timelines.

Steps: forecast every SKU (or reuse given forecasts) → demand statistics → buffer plan per SKU
→ demand paths (the actual history in ``replay`` mode, Monte Carlo draws otherwise) → lanes
(SKU × path, per swept setting) → the engine → KPIs, costs, bands and timelines.

Many SKUs run in memory-bounded chunks (:mod:`jitcore.pipeline.chunks`), here or on a dask
cluster (:mod:`jitcore.executors`), pooled exactly (:mod:`jitcore.pipeline.pooling`).

``run_variants(demand, scenarios)`` runs several scenarios in one engine call where they share
the demand paths (same forecast and simulation basics), so every variant sees the same demand
draws (common random numbers); ``run_sweep(demand, scenario, setting, values)`` builds the
variants of one setting.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from jitcore.budget import RunSize, check_budget, run_size
from jitcore.buffers import BufferTable
from jitcore.demand import DemandData
from jitcore.errors import JitError, ScenarioError
from jitcore.executors import (
    DaskExecutor,
    Executor,
    LocalExecutor,
    default_executor,
    executor_for,
)
from jitcore.forecast import ForecastResult, ForecastSettings
from jitcore.pipeline.build import (
    DAYS_PER_PERIOD,
    build_lanes,
    build_variant_lanes,
    effective_review_period,
    plan_buffers,
    supply_terms,
)
from jitcore.pipeline.chunks import CHUNK_BYTES, chunk_count, chunk_tasks, run_chunk
from jitcore.pipeline.group import grouped, in_order, simulate_group
from jitcore.pipeline.pooling import pool_results
from jitcore.pipeline.prepare import (
    PREROLL,
    PreparedDemand,
    clear_prepared_cache,
    preparation_key,
    prepare_demand,
    prepare_demand_reused,
)
from jitcore.pipeline.results import ScenarioResult, SweepResult
from jitcore.scenario import Scenario


def _check_skus(demand: DemandData, skus: Sequence[str] | None) -> None:
    unknown = [s for s in skus or () if s not in demand.skus]
    if unknown:
        raise JitError(
            f"SKU {unknown[0]!r} is not in the data.",
            f"Known SKUs: {', '.join(demand.skus[:10])}{' …' if len(demand.skus) > 10 else ''}.",
        )


def _subset(demand: DemandData, skus: Sequence[str] | None) -> DemandData:
    _check_skus(demand, skus)
    if not skus:
        return demand
    return demand.subset(skus)


#: Most values one sweep runs: a frontier or a lever chart has tens.
MAX_SWEEP_VALUES = 1000


def _size(
    demand: DemandData,
    scenarios: Sequence[Scenario],
    skus: Sequence[str] | None,
    chunk_bytes: int = CHUNK_BYTES,
) -> RunSize:
    """The size of running ``scenarios`` on ``demand`` (or its ``skus``) in chunks of at most
    ``chunk_bytes`` working memory, for the budget."""
    size = run_size(
        scenarios,
        skus=len(set(skus)) if skus else len(demand.skus),
        history_periods=demand.periods,
        frequency=demand.frequency,
        preroll=PREROLL[demand.frequency],
    )
    return replace(size, chunk_skus=max(chunk_bytes // max(size.working_bytes(1), 1), 1))


def run_variants(
    demand: DemandData,
    scenarios: Sequence[Scenario],
    *,
    forecasts: Mapping[str, ForecastResult] | None = None,
    skus: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    executor: Executor | None = None,
    chunk_bytes: int = CHUNK_BYTES,
) -> tuple[ScenarioResult, ...]:
    """Run several scenarios; those sharing forecast and simulation basics share one engine call
    and the same demand paths (common random numbers). ``forecasts``: precomputed forecasts for
    the scenarios' forecast settings (all scenarios must then share them).

    Many SKUs run in chunks of at most ``chunk_bytes`` of working memory each
    (:mod:`jitcore.pipeline.chunks`), one after another or on ``executor`` (e.g. a
    :class:`DaskExecutor`; by default the one the environment sets,
    :func:`~jitcore.executors.default_executor`, for runs of several chunks);
    the results are the same as one run of all SKUs.
    ``progress(done, total)`` is called after each chunk."""
    if not scenarios:
        return ()
    for scenario in scenarios:
        if not isinstance(scenario, Scenario):
            raise ScenarioError("Each variant must be a Scenario.", "Build it with Scenario().")
    _check_skus(demand, skus)
    check_budget(_size(demand, scenarios, skus, chunk_bytes))
    groups = grouped(scenarios, preparation_key)
    if forecasts is not None and len({s.forecast for s in scenarios}) > 1:
        raise ScenarioError(
            "Precomputed forecasts were given but the variants use different forecast settings.",
            "Leave forecasts out so each variant is forecast with its own settings.",
        )
    n_skus = len(skus) if skus else len(demand.skus)
    counts = [
        chunk_count(n_skus, [scenarios[i] for i in indices], demand, chunk_bytes)
        for indices in groups.values()
    ]
    total = sum(counts)
    done = 0

    def step(_: int, __: int) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    finished: list[tuple[list[int], list[ScenarioResult]]] = []
    cache: dict[ForecastSettings, Mapping[str, ForecastResult]] = {}
    for indices, count in zip(groups.values(), counts, strict=True):
        group = [scenarios[i] for i in indices]
        found = forecasts if forecasts is not None else cache.get(group[0].forecast)
        if count == 1 and executor is None:
            # one chunk here: reuse the demand paths of an earlier run with the same basics
            prepared = prepare_demand_reused(
                demand,
                group[0],
                found,
                skus=tuple(skus) if skus else None,
                select=lambda: _subset(demand, skus),
            )
            parts = [tuple(simulate_group(prepared, group))]
            step(1, 1)
        else:
            tasks = chunk_tasks(_subset(demand, skus), group, found, chunk_bytes)
            chosen = executor or default_executor() or LocalExecutor()
            parts = chosen.map(run_chunk, tasks, step)
        pooled = [pool_results([part[k] for part in parts]) for k in range(len(indices))]
        cache[group[0].forecast] = pooled[0].forecasts
        finished.append((indices, pooled))
    return in_order(len(scenarios), finished)


def run_scenario(
    demand: DemandData,
    scenario: Scenario,
    *,
    forecasts: Mapping[str, ForecastResult] | None = None,
    skus: Sequence[str] | None = None,
) -> ScenarioResult:
    """Simulate ``scenario`` on ``demand``: the single entry point of pages, command line and
    tests. ``forecasts`` (from ``forecast_all(demand, scenario.forecast)``) skips forecasting;
    ``skus`` restricts the run to some SKUs."""
    return run_variants(demand, [scenario], forecasts=forecasts, skus=skus)[0]


def run_sweep(
    demand: DemandData,
    scenario: Scenario,
    setting: str,
    values: Sequence[Any],
    *,
    forecasts: Mapping[str, ForecastResult] | None = None,
    skus: Sequence[str] | None = None,
    keep_timelines: bool = False,
) -> SweepResult:
    """Run ``scenario`` once per value of one setting (dotted path, e.g.
    ``"buffers.cycle_service_level"`` or ``"policy.smoothing_periods"``), on the same demand
    draws. Timelines are dropped unless ``keep_timelines``."""
    if not values:
        raise ScenarioError("A sweep needs at least one value.", "Give one or more values.")
    if len(values) > MAX_SWEEP_VALUES:
        raise ScenarioError(
            f"A sweep of {len(values):,} values is more than the {MAX_SWEEP_VALUES:,} allowed.",
            "Sweep fewer values: tens are enough to draw a curve.",
        )
    base = scenario
    if not keep_timelines:
        base = scenario.with_setting("simulation.timeline_paths", 0)
    _check_skus(demand, skus)
    check_budget(_size(demand, [base] * len(values), skus))  # before building the variants
    variants = [base.with_setting(setting, value) for value in values]
    results = run_variants(demand, variants, forecasts=forecasts, skus=skus)
    return SweepResult(setting, tuple(values), results)


def plan_scenario(
    demand: DemandData,
    scenario: Scenario,
    *,
    forecasts: Mapping[str, ForecastResult] | None = None,
    skus: Sequence[str] | None = None,
) -> BufferTable:
    """The buffer plan of every SKU (or ``skus``) under ``scenario``, without simulating:
    the same demand statistics and demand models a run plans with (one path is prepared)."""
    light = scenario.with_setting("simulation.paths", 1)
    prepared = prepare_demand(_subset(demand, skus), light, forecasts)
    return plan_buffers(prepared, scenario)


__all__ = [
    "CHUNK_BYTES",
    "DAYS_PER_PERIOD",
    "DaskExecutor",
    "Executor",
    "LocalExecutor",
    "MAX_SWEEP_VALUES",
    "default_executor",
    "effective_review_period",
    "executor_for",
    "pool_results",
    "PreparedDemand",
    "ScenarioResult",
    "SweepResult",
    "build_lanes",
    "build_variant_lanes",
    "clear_prepared_cache",
    "plan_buffers",
    "plan_scenario",
    "prepare_demand",
    "run_scenario",
    "run_sweep",
    "run_variants",
    "supply_terms",
]
