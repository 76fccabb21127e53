"""Pooling results of one scenario run on disjoint chunks of SKUs into the result of one run.

Every KPI is a formula of additive quantities (:data:`jitcore.kpis.SUMS`): the totals come
from the chunks' per-SKU sums added up, the per-path totals from their per-path sums, and
bullwhip from the variances of orders and of demand added over SKUs — so a chunked run (on
one machine or a cluster) gives the numbers of a run of all SKUs at once, up to rounding.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from jitcore.buffers import BufferTable
from jitcore.engine.results import Timeline
from jitcore.errors import JitError
from jitcore.kpis import KPI_NAMES, Kpis, bullwhip_from_variances, bullwhip_over_skus, kpi_matrix
from jitcore.pipeline.group import kpi_options, read_only
from jitcore.pipeline.results import ScenarioResult


def pool_results(parts: Sequence[ScenarioResult]) -> ScenarioResult:
    """One result from ``parts``: the same scenario run on disjoint SKUs (in order), the
    same paths and dates. A single part is returned as it is."""
    if not parts:
        raise JitError("Nothing to pool.", "Run at least one chunk of SKUs.")
    if len(parts) == 1:
        return parts[0]
    first = parts[0]
    for part in parts:
        if part.sums is None or part.path_sums is None or part.path_variances is None:
            raise JitError("A chunk kept no summed quantities.", "Run it with run_variants.")
        if part.paths != first.paths or len(part.dates) != len(first.dates):
            raise JitError("Chunks of one run must share paths and dates.", "Run them again.")
    options = kpi_options(first.frequency)
    sums = np.concatenate([p.sums for p in parts])
    path_sums = np.sum([p.path_sums for p in parts], axis=0)
    path_variances = np.sum([p.path_variances for p in parts], axis=0)
    bullwhip = KPI_NAMES.index("bullwhip")
    totals = kpi_matrix(sums.sum(axis=0), paths=first.paths, **options)
    totals[bullwhip] = bullwhip_over_skus(sums, axis=0)
    total_path_kpis = kpi_matrix(path_sums, paths=1.0, **options)
    total_path_kpis[:, bullwhip] = bullwhip_from_variances(
        path_variances[:, 0], path_variances[:, 1]
    )
    skus = tuple(sku for p in parts for sku in p.skus)
    timeline = Timeline(first.dates, skus, np.concatenate([p.timeline.data for p in parts], axis=1))
    return ScenarioResult(
        scenario=first.scenario,
        frequency=first.frequency,
        dates=first.dates,
        skus=skus,
        paths=first.paths,
        buffers=BufferTable(tuple(row for p in parts for row in p.buffers.rows)),
        kpis=Kpis(*(float(x) for x in totals)),
        sku_kpis=tuple(k for p in parts for k in p.sku_kpis),
        path_kpis=read_only(np.concatenate([p.path_kpis for p in parts])),
        total_path_kpis=read_only(total_path_kpis),
        timeline=timeline,
        forecasts={sku: f for p in parts for sku, f in p.forecasts.items()},
        covers={sku: c for p in parts for sku, c in p.covers.items()},
        sums=read_only(sums),
        path_sums=read_only(path_sums),
        path_variances=read_only(path_variances),
        whole_units=frozenset().union(*(p.whole_units for p in parts)),
    )
