"""One engine call for scenarios that share prepared demand: lanes → engine → results."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

import numpy as np

from jitcore.demand import PERIODS_PER_YEAR
from jitcore.engine import simulate
from jitcore.engine.results import Timeline
from jitcore.kpis import (
    KPI_NAMES,
    Kpis,
    bullwhip_over_skus,
    kpi_matrix,
    lane_sums,
    pooled_variances,
)
from jitcore.lanes import SERIES
from jitcore.pipeline.build import DAYS_PER_PERIOD, build_variant_lanes, plan_buffers
from jitcore.pipeline.prepare import PreparedDemand
from jitcore.pipeline.results import ScenarioResult
from jitcore.scenario import Scenario

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
R = TypeVar("R")


def grouped(items: Sequence[T], key: Callable[[T], K]) -> dict[K, list[int]]:
    """The indices of ``items`` by ``key(item)``: groups and their members in first-seen order
    (scenarios that can share a computation run as one group)."""
    groups: dict[K, list[int]] = {}
    for i, item in enumerate(items):
        groups.setdefault(key(item), []).append(i)
    return groups


def in_order(count: int, done: Iterable[tuple[Sequence[int], Sequence[R]]]) -> tuple[R, ...]:
    """The results of every group (its indices, its results) put back in the items' order."""
    results: list[R | None] = [None] * count
    for indices, found in done:
        for i, result in zip(indices, found, strict=True):
            results[i] = result
    return tuple(r for r in results if r is not None)


def read_only(values: np.ndarray) -> np.ndarray:
    out = np.array(values)
    out.flags.writeable = False
    return out


def kpi_options(frequency: str) -> dict[str, float]:
    """The calendar arguments of :func:`jitcore.kpis.kpi_matrix` for a data frequency."""
    return {
        "periods_per_year": PERIODS_PER_YEAR[frequency],
        "days_per_period": DAYS_PER_PERIOD[frequency],
    }


def simulate_group(prepared: PreparedDemand, scenarios: Sequence[Scenario]) -> list[ScenarioResult]:
    """Every scenario on ``prepared`` (they share its demand paths) in one engine call."""
    plans = [plan_buffers(prepared, s) for s in scenarios]
    variants = build_variant_lanes(prepared, list(scenarios), plans)
    lanes = variants.lanes
    seed = scenarios[0].simulation.seed
    output = simulate(prepared.demand, prepared.forecast, lanes, seed=seed, cover=variants.cover)
    n_sku, paths = len(prepared.skus), prepared.paths
    per_variant = n_sku * paths
    options = kpi_options(prepared.frequency)
    # every variant's KPIs in one go: sums [variant, sku, path, SUMS] → KPIs per path, per SKU,
    # in total (row-wise formulas, so the same numbers as one variant at a time)
    n_var = len(scenarios)
    sums = lane_sums(
        output.accumulators[: n_var * per_variant],
        holding_cost_per_unit_period=variants.holding,
        ordering_cost=variants.ordering,
        shortage_cost=variants.shortage,
        defect_cost=variants.defect,
    ).reshape(n_var, n_sku, paths, -1)
    path_sums = sums.sum(axis=1)
    # over SKUs, bullwhip adds each SKU's variances (pooled over its paths); per path, each
    # SKU's variance on that path — kept summed so chunks of SKUs pool exactly
    path_variances = np.stack([v.sum(axis=1) for v in pooled_variances(sums)], axis=-1)
    all_path_kpis = kpi_matrix(sums, paths=1.0, **options)
    if n_sku == 1:  # one SKU: its paths' KPIs are the totals per path (bullwhip set below)
        all_total_path_kpis = all_path_kpis[:, 0].copy()
    else:
        all_total_path_kpis = kpi_matrix(path_sums, paths=1.0, **options)
    sku_sums = sums.sum(axis=2)
    all_sku_kpis = kpi_matrix(sku_sums, paths=paths, **options)
    all_totals = kpi_matrix(sums.sum(axis=(1, 2)), paths=paths, **options)
    bullwhip = KPI_NAMES.index("bullwhip")
    all_total_path_kpis[..., bullwhip] = bullwhip_over_skus(sums, axis=1)
    all_totals[..., bullwhip] = bullwhip_over_skus(sku_sums, axis=1)
    for array in (all_path_kpis, all_total_path_kpis):
        array.flags.writeable = False
    out = []
    slot_offset = 0
    for v, (scenario, plan) in enumerate(zip(scenarios, plans, strict=True)):
        kept = min(scenario.simulation.timeline_paths, paths)
        n_slots = n_sku * kept
        data = output.timelines[:, slot_offset : slot_offset + n_slots, prepared.preroll :]
        slot_offset += n_slots
        timeline = Timeline(
            prepared.dates,
            prepared.skus,
            data.reshape(len(SERIES), n_sku, kept, len(prepared.dates)),
        )
        covers = {}
        if variants.cover is not None:
            for i, sku in enumerate(prepared.skus):
                row = int(lanes.cover_row[(v * n_sku + i) * paths])
                if row >= 0:
                    cover = variants.cover[row][:, prepared.preroll :]
                    cover.flags.writeable = False
                    covers[sku] = cover
        out.append(
            ScenarioResult(
                scenario=scenario,
                frequency=prepared.frequency,
                dates=prepared.dates,
                skus=prepared.skus,
                paths=paths,
                buffers=plan,
                kpis=Kpis(*(float(x) for x in all_totals[v])),
                sku_kpis=tuple(Kpis(*(float(x) for x in row)) for row in all_sku_kpis[v]),
                path_kpis=all_path_kpis[v],
                total_path_kpis=all_total_path_kpis[v],
                timeline=timeline,
                forecasts=prepared.forecasts,
                covers=covers,
                sums=read_only(sku_sums[v]),
                path_sums=read_only(path_sums[v]),
                path_variances=read_only(path_variances[v]),
                whole_units=frozenset(
                    sku
                    for sku, m in zip(prepared.skus, prepared.models, strict=True)
                    if m.whole_units
                ),
            )
        )
    return out
