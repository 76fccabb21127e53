"""Runs in memory-bounded chunks of SKUs, here or on a dask cluster, give the numbers of one
run of all SKUs: the same random draws per SKU (streams keyed by the SKU's place in the run)
and KPIs pooled from summed quantities."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jitcore.demand import DemandData
from jitcore.errors import JitError
from jitcore.forecast import forecast_all
from jitcore.kpis import SUMS, pooled_variances
from jitcore.pipeline import (
    DaskExecutor,
    LocalExecutor,
    clear_prepared_cache,
    executor_for,
    pool_results,
    run_scenario,
    run_variants,
)
from jitcore.pipeline.chunks import bytes_per_sku, chunk_ranges
from jitcore.scenario import Scenario

#: So small that every SKU is a chunk of its own.
ONE_SKU = 1


@pytest.fixture(scope="module")
def mixed() -> tuple[DemandData, dict]:
    """Seven weekly SKUs of different lengths (two start late), smooth and intermittent."""
    rng = np.random.default_rng(3)
    frames = []
    for i in range(7):
        n = 80 if i < 5 else 50
        dates = pd.date_range("2023-01-02", periods=80, freq="W-MON")[-n:]
        if i % 3 == 2:
            qty = rng.binomial(1, 0.3, n) * rng.integers(1, 30, n)
        else:
            qty = rng.poisson(15 + 8 * i, n)
        frames.append(pd.DataFrame({"date": dates, "sku": f"S{i}", "quantity": qty}))
    data = DemandData(pd.concat(frames), "W", name="mixed")
    scenario = Scenario()
    return data, forecast_all(data, scenario.forecast)


def _scenario(mode: str = "monte_carlo") -> Scenario:
    return Scenario.model_validate(
        {
            "simulation": {"mode": mode, "paths": 30, "periods": 40, "timeline_paths": 3},
            "supply": {"lead_time_sd": 0.8, "slip_probability": 0.2, "slip_periods": 2},
        }
    )


def _same(a, b) -> None:
    assert a.skus == b.skus
    np.testing.assert_allclose(
        list(a.kpis.to_dict().values()), list(b.kpis.to_dict().values()), rtol=1e-9
    )
    for ka, kb in zip(a.sku_kpis, b.sku_kpis, strict=True):
        assert ka == kb
    np.testing.assert_array_equal(a.path_kpis, b.path_kpis)
    np.testing.assert_allclose(a.total_path_kpis, b.total_path_kpis, rtol=1e-9, equal_nan=True)
    np.testing.assert_array_equal(a.timeline.data, b.timeline.data)
    assert a.buffers == b.buffers
    assert set(a.covers) == set(b.covers)


@pytest.mark.parametrize("mode", ["monte_carlo", "replay"])
def test_chunked_run_equals_one_run(mixed, mode) -> None:
    data, forecasts = mixed
    scenario = _scenario(mode)
    clear_prepared_cache()
    whole = run_scenario(data, scenario, forecasts=forecasts)
    seen = []
    chunked = run_variants(
        data,
        [scenario],
        forecasts=forecasts,
        chunk_bytes=ONE_SKU,
        progress=lambda done, total: seen.append((done, total)),
    )[0]
    _same(whole, chunked)
    assert seen == [(i, 7) for i in range(1, 8)]


def test_chunked_variants_share_draws_and_forecast_in_chunks(mixed) -> None:
    data, forecasts = mixed
    base = _scenario()
    variants = [base.with_setting("buffers.cycle_service_level", v) for v in (0.8, 0.95)]
    variants.append(base.with_setting("policy.kind", "kanban"))
    whole = run_variants(data, variants, forecasts=forecasts)
    # without forecasts, each chunk forecasts its own SKUs: the same forecasts as all at once
    chunked = run_variants(data, variants, chunk_bytes=3 * bytes_per_sku(variants, "W", 80))
    for a, b in zip(whole, chunked, strict=True):
        _same(a, b)


def test_pooled_kpis_are_the_summed_quantities(mixed) -> None:
    data, forecasts = mixed
    result = run_variants(data, [_scenario()], forecasts=forecasts, chunk_bytes=ONE_SKU)[0]
    short, demand = result.sums[:, SUMS.index("short")], result.sums[:, SUMS.index("demand")]
    assert result.kpis.fill_rate == pytest.approx(1.0 - short.sum() / demand.sum(), abs=1e-12)
    parts = [run_scenario(data, _scenario(), forecasts=forecasts, skus=[s]) for s in ("S0", "S1")]
    pooled = pool_results(parts)
    assert pooled.kpis.average_on_hand == pytest.approx(
        parts[0].kpis.average_on_hand + parts[1].kpis.average_on_hand, rel=1e-12
    )
    # bullwhip over SKUs: Σ Var(orders) / Σ Var(demand), not the mean of the SKUs' ratios
    orders, demand_var = (
        np.concatenate(v) for v in zip(*(pooled_variances(p.sums) for p in parts), strict=True)
    )
    assert pooled.kpis.bullwhip == pytest.approx(orders.sum() / demand_var.sum(), rel=1e-12)
    assert pooled.kpis.bullwhip != pytest.approx(
        np.mean([p.kpis.bullwhip for p in parts]), rel=1e-6
    )
    with pytest.raises(JitError, match="Nothing to pool"):
        pool_results([])


@given(st.integers(0, 5000), st.integers(1, 700))
def test_chunk_ranges_cover_every_sku_once_evenly(n, per_chunk) -> None:
    ranges = chunk_ranges(n, per_chunk)
    assert [i for r in ranges for i in r] == list(range(n))
    sizes = [len(r) for r in ranges]
    assert all(size <= per_chunk for size in sizes)
    assert not sizes or max(sizes) - min(sizes) <= 1
    assert len(ranges) == -(-n // per_chunk)


def test_memory_per_sku_grows_with_paths_periods_and_timelines() -> None:
    base = _scenario()
    one = bytes_per_sku([base], "W", 80)
    assert bytes_per_sku([base.with_setting("simulation.paths", 60)], "W", 80) > 1.7 * one
    assert bytes_per_sku([base, base], "W", 80) > one
    # 200 paths × 130 periods: the demand paths alone are 200 × 130 × 8 bytes
    wide = base.with_setting("simulation.paths", 200).with_setting("simulation.periods", 104)
    assert bytes_per_sku([wide], "W", 104) > 200 * 130 * 8


def test_executor_choice_and_errors(monkeypatch) -> None:
    monkeypatch.delenv("JIT_WHATIF_DASK_SCHEDULER", raising=False)
    assert executor_for(None) is None
    assert executor_for("local") is None
    with pytest.raises(JitError, match="Unknown executor"):
        executor_for("spark")
    with pytest.raises(JitError, match="scheduler address"):
        executor_for("dask")
    monkeypatch.setenv("JIT_WHATIF_DASK_SCHEDULER", "tcp://127.0.0.1:1")
    assert isinstance(executor_for(None), DaskExecutor)
    with pytest.raises(JitError, match="No dask scheduler answers"):
        DaskExecutor("tcp://127.0.0.1:1").map(abs, [1])
    assert LocalExecutor().map(abs, [-1, -2]) == [1, 2]


@pytest.mark.slow
def test_dask_local_cluster_equals_local_run(mixed) -> None:
    distributed = pytest.importorskip("distributed")
    data, forecasts = mixed
    scenario = _scenario()
    local = run_variants(data, [scenario], forecasts=forecasts, chunk_bytes=ONE_SKU)[0]
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = run_variants(
            data,
            [scenario],
            forecasts=forecasts,
            chunk_bytes=ONE_SKU,
            executor=DaskExecutor(client=client),
        )[0]
    _same(local, remote)


def test_command_line_runs_on_an_executor_and_lifts_the_row_limit(tmp_path, capsys) -> None:
    """``--executor local`` gives the default run's numbers; ``--executor dask`` without a
    scheduler is a clear error (exit 2); ``--max-rows`` reads a file the default refuses."""
    import json

    from jitcore.cli import main

    rows = pd.DataFrame(
        {
            "date": np.tile(pd.date_range("2024-01-01", periods=60, freq="D").date, 3),
            "sku": np.repeat(["A", "B", "C"], 60),
            "quantity": np.arange(180) % 7 + 1,
        }
    )
    path = tmp_path / "demand.csv"
    rows.to_csv(path, index=False)
    scenario = tmp_path / "s.json"
    scenario.write_text(json.dumps({"simulation": {"paths": 20, "timeline_paths": 0}}))
    outputs = []
    for extra in ([], ["--executor", "local"]):
        assert main(["run", str(path), "--scenario", str(scenario), "--json", *extra]) == 0
        outputs.append(json.loads(capsys.readouterr().out)["kpis"])
    assert outputs[0] == outputs[1]
    assert main(["--executor", "dask", "run", str(path)]) == 2
    assert "scheduler address" in capsys.readouterr().err
    assert main(["validate", str(path), "--max-rows", "100"]) == 2
    assert "--max-rows" in capsys.readouterr().err
    assert main(["validate", str(path), "--max-rows", "1,000"]) == 0
    assert main(["validate", str(path), "--max-rows", "lots"]) == 2
    assert "not a number of rows" in capsys.readouterr().err
