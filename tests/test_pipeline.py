"""run_scenario end to end on real sample data: consistency of KPIs, timelines, buffers and
costs; replay; Monte Carlo demand models; sweeps on common random numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from jitcore.demand import DemandData
from jitcore.demand_model import fit_demand_model, model_for_forecast
from jitcore.engine.paths import extend_mean
from jitcore.errors import JitError
from jitcore.forecast import ForecastSettings, forecast_all, origin_forecasts
from jitcore.intake import read_demand
from jitcore.kpis import KPI_NAMES
from jitcore.pipeline import prepare_demand, run_scenario, run_sweep, run_variants
from jitcore.scenario import Scenario
from tests.conftest import SAMPLE_DIR


@pytest.fixture(scope="module")
def walmart() -> DemandData:
    return read_demand(SAMPLE_DIR / "walmart_store1_weekly_long.csv")


@pytest.fixture(scope="module")
def base() -> Scenario:
    return Scenario(forecast=ForecastSettings(method="moving_average")).with_setting(
        "simulation.paths", 40
    )


@pytest.fixture(scope="module")
def forecasts(walmart: DemandData, base: Scenario):
    return forecast_all(walmart, base.forecast)


def test_monte_carlo_kpis_agree_with_the_timelines(walmart, base, forecasts) -> None:
    scenario = base.with_setting("simulation.timeline_paths", 40)
    result = run_scenario(walmart, scenario, forecasts=forecasts)
    assert result.skus == walmart.skus and result.paths == 40 and len(result.dates) == 52
    assert result.dates[0] > walmart.end
    for i, sku in enumerate(result.skus):
        demand = result.timeline.series("demand", sku)
        on_hand = result.timeline.series("on_hand", sku)
        orders = result.timeline.series("orders", sku)
        kpis = result.kpis_for(sku)
        assert kpis.units_demanded == pytest.approx(demand.sum(axis=1).mean())
        assert kpis.average_on_hand == pytest.approx(on_hand.mean())
        assert kpis.orders_placed == pytest.approx((orders > 0).sum(axis=1).mean())
        h = scenario.costs.unit_cost * scenario.costs.holding_rate / 52
        assert kpis.holding_cost == pytest.approx(h * on_hand.sum(axis=1).mean())
        assert kpis.ordering_cost == pytest.approx(
            scenario.costs.ordering_cost * kpis.orders_placed
        )
        assert kpis.total_cost == pytest.approx(
            kpis.holding_cost + kpis.ordering_cost + kpis.shortage_cost + kpis.defect_cost
        )
        assert result.path_kpis.shape == (len(result.skus), 40, len(KPI_NAMES))
        assert np.nanmean(result.path_kpis[i, :, KPI_NAMES.index("units_demanded")]) == (
            pytest.approx(kpis.units_demanded)
        )
    total = result.kpis
    assert total.units_demanded == pytest.approx(sum(k.units_demanded for k in result.sku_kpis))
    assert total.total_cost == pytest.approx(sum(k.total_cost for k in result.sku_kpis))
    shorts = sum(k.units_short for k in result.sku_kpis)
    assert total.fill_rate == pytest.approx(1 - shorts / total.units_demanded)
    bands = result.kpi_bands()
    assert list(bands.columns) == ["p10", "p50", "p90"]
    assert (bands["p10"] <= bands["p90"] + 1e-12).all()
    band = result.timeline.band("on_hand", walmart.skus[0])
    assert (band["p10"] <= band["p50"]).all() and (band["p50"] <= band["p90"]).all()
    assert not result.path_kpis.flags.writeable


def test_monte_carlo_demand_follows_the_forecast(walmart, base, forecasts) -> None:
    scenario = base.with_setting("simulation.paths", 400).with_setting(
        "simulation.demand_model", "normal"
    )
    prepared = prepare_demand(walmart, scenario, forecasts)
    for i, sku in enumerate(walmart.skus):
        rows = prepared.demand[i * 400 : (i + 1) * 400]
        mean = prepared.forecast[i]
        sd = forecasts[sku].error_sd[0]
        # mean over 400 paths within 4 standard errors in 95 % of periods
        z = np.abs(rows.mean(axis=0) - mean) / (sd / np.sqrt(400))
        assert np.mean(z < 4) > 0.95


def test_replay_runs_the_actual_history(walmart, base, forecasts) -> None:
    scenario = base.with_setting("simulation.mode", "replay").with_setting("simulation.paths", 1)
    result = run_scenario(walmart, scenario, forecasts=forecasts)
    assert len(result.dates) == walmart.periods
    for sku in walmart.skus:
        history = walmart.series(sku).to_numpy()
        replayed = result.timeline.series("demand", sku)[0]
        played = np.isfinite(replayed)
        # after the warm-up (two seasons of history for the first honest plan) every period
        np.testing.assert_allclose(replayed[played], history[played])
        assert 0 < played.sum() < len(history) and played[-1]
        # the forecast used in period t is the plan made at the end of t − 1
        plans = origin_forecasts(forecasts[sku], base.forecast, horizon=26, refit_every=13)
        used = result.timeline.series("forecast", sku)[0]
        first = int(np.argmax(played))
        np.testing.assert_allclose(used[first + 1 :], plans.next_period()[first:-1])
    frame = result.timeline.to_frame()  # the replayed periods of every SKU
    replayed = sum(np.isfinite(result.timeline.series("demand", s)[0]).sum() for s in walmart.skus)
    assert len(frame) == replayed


@pytest.mark.parametrize(
    ("method", "uncertainty", "measure"),
    [
        ("ses", "demand_sd", "service_level"),
        ("ses", "forecast_error", "service_level"),
        ("ses", "forecast_error", "fill_rate"),
        ("holt_winters_multiplicative", "forecast_error", "service_level"),
    ],
)
def test_replay_never_looks_ahead(walmart, base, method, uncertainty, measure) -> None:
    """Changing demand after period t leaves every order placed up to t unchanged: forecasts,
    levels, measured errors and the forecast-error buffer are honest (its prior is the
    warm-up's noise, not the whole history's backtest, which the change moves)."""
    sku = walmart.skus[0]
    one = walmart.frame[walmart.frame["sku"] == sku]
    data = DemandData(one, walmart.frequency, name="one")
    base = (
        base.with_setting("forecast.method", method)
        .with_setting("buffers.uncertainty", uncertainty)
        .with_setting("buffers.method", measure)
    )
    scenario = base.with_setting("simulation.mode", "replay").with_setting("simulation.paths", 1)
    cut = 120
    later = one.copy()
    later.iloc[cut + 1 :, later.columns.get_loc("quantity")] *= 3.0
    changed = DemandData(later, walmart.frequency, name="one")
    runs = [run_scenario(d, scenario) for d in (data, changed)]
    a, b = (r.timeline.series("orders", sku)[0] for r in runs)
    np.testing.assert_allclose(a[: cut + 1], b[: cut + 1], equal_nan=True)
    assert not np.allclose(a[cut + 1 :], b[cut + 1 :], equal_nan=True)


def test_same_seed_same_result_and_another_seed_differs(walmart, base, forecasts) -> None:
    a = run_scenario(walmart, base, forecasts=forecasts)
    b = run_scenario(walmart, base, forecasts=forecasts)
    assert a.kpis == b.kpis
    np.testing.assert_array_equal(a.timeline.data, b.timeline.data)
    c = run_scenario(walmart, base.with_setting("simulation.seed", 7), forecasts=forecasts)
    assert c.kpis != a.kpis


def test_sweep_shares_the_demand_draws_and_is_monotone(walmart, base, forecasts) -> None:
    sweep = run_sweep(walmart, base, "buffers.cycle_service_level", [0.8, 0.9, 0.95, 0.99],
                      forecasts=forecasts, keep_timelines=True)  # fmt: skip
    first = sweep.results[0].timeline.data[0]
    for result in sweep.results[1:]:
        np.testing.assert_array_equal(result.timeline.data[0], first)  # same demand paths
    frame = sweep.frame()
    assert list(frame["value"]) == [0.8, 0.9, 0.95, 0.99]
    assert frame["average_on_hand"].is_monotonic_increasing
    assert frame["fill_rate"].is_monotonic_increasing
    assert frame["shortage_cost"].is_monotonic_decreasing
    bands = sweep.bands("total_cost")
    assert list(bands.index) == [0.8, 0.9, 0.95, 0.99]
    # the sweep equals separate runs with the same seed (common random numbers)
    alone = run_scenario(walmart, base.with_setting("buffers.cycle_service_level", 0.9),
                         forecasts=forecasts)  # fmt: skip
    assert alone.kpis.to_dict() == pytest.approx(sweep.results[1].kpis.to_dict())
    # KPIs of all variants are computed together: per path and per SKU they match too
    together = sweep.results[1]
    np.testing.assert_allclose(together.path_kpis, alone.path_kpis, rtol=1e-12, equal_nan=True)
    np.testing.assert_allclose(together.total_path_kpis, alone.total_path_kpis, rtol=1e-12,
                               equal_nan=True)  # fmt: skip
    for mine, single in zip(together.sku_kpis, alone.sku_kpis, strict=True):
        assert mine.to_dict() == pytest.approx(single.to_dict(), nan_ok=True)
    assert not together.path_kpis.flags.writeable and not together.total_path_kpis.flags.writeable
    assert together.path_kpis.shape == (len(walmart.skus), 40, len(KPI_NAMES))


def test_every_policy_runs_and_variants_keep_their_order(walmart, base, forecasts) -> None:
    kinds = ["lot_for_lot", "kanban", "reorder_point", "order_up_to", "min_max", "vmi",
             "heijunka", "pout"]  # fmt: skip
    results = run_variants(walmart, [base.with_setting("policy.kind", k) for k in kinds],
                           forecasts=forecasts)  # fmt: skip
    assert [r.scenario.policy.kind for r in results] == kinds
    for result in results:
        assert 0.5 < result.kpis.fill_rate <= 1.0
        assert result.kpis.orders_placed > 0
    pout = results[kinds.index("pout")].kpis.bullwhip
    assert pout < results[kinds.index("order_up_to")].kpis.bullwhip


def test_buffer_table_per_sku(walmart, base, forecasts) -> None:
    result = run_scenario(walmart, base, forecasts=forecasts, skus=walmart.skus[:2])
    table = result.buffers.frame()
    assert list(table["sku"]) == list(walmart.skus[:2])
    row = table.iloc[0]
    assert row["exposure"] == base.supply.lead_time + base.policy.review_period
    assert row["reorder_point"] == pytest.approx(
        row["mean_demand"] * row["exposure"] + row["safety_stock"]
    )
    # σ over the exposure comes from the SKU's demand model (shared with the simulation)
    model = model_for_forecast(forecasts[walmart.skus[0]])
    sigma = model.exposure_sd(row["exposure"], row["mean_demand"])
    assert row["sigma_exposure"] == pytest.approx(sigma)
    assert row["demand_model"] == model.label and row["sigma_source"] == model.sigma_source


def test_sku_overrides_and_errors(walmart, base, forecasts) -> None:
    sku = walmart.skus[0]
    scenario = Scenario.from_dict({**base.to_dict(), "sku_overrides": [
        {"sku": sku, "lead_time": 6, "unit_cost": 99.0}]})  # fmt: skip
    result = run_scenario(walmart, scenario, forecasts=forecasts)
    assert result.buffers.get(sku).lead_time == 6
    assert result.buffers.get(walmart.skus[1]).lead_time == 2
    assert result.buffers.get(sku).holding_cost_per_unit_year == pytest.approx(99.0 * 0.25)
    with pytest.raises(JitError, match="not in the data"):
        run_scenario(walmart, base, forecasts=forecasts, skus=["nope"])
    empty = DemandData(pd.DataFrame({"date": [], "sku": [], "quantity": []}), "W")
    with pytest.raises(JitError, match="no SKUs"):
        run_scenario(empty, base, forecasts={})


def test_demand_models() -> None:
    rng = np.random.default_rng(0)
    history = np.where(rng.random(200) < 0.25, rng.choice([2.0, 4.0, 10.0], 200), 0.0)
    assert fit_demand_model("X", history).kind == "compound"
    assert fit_demand_model("X", rng.normal(100, 10, 200)).kind == "normal"
    compound = fit_demand_model("X", history)
    # the forecast at the history's own mean: the history's share of periods with demand
    paths = compound.draw(np.full(30, history.mean()), 4000, np.random.default_rng(1))
    assert (paths > 0).mean() == pytest.approx((history > 0).mean(), abs=0.01)
    assert paths.mean() == pytest.approx(history.mean(), rel=0.03)  # E[D] = forecast mean
    assert set(np.unique(paths)) <= {0.0, 2.0, 4.0, 10.0}  # sizes as the history shows them
    normal = fit_demand_model("X", rng.normal(50, 5, 200), one_step_sd=5.0)
    drawn = normal.draw(np.full(30, 50.0), 2000, np.random.default_rng(3))
    assert drawn.std() == pytest.approx(5.0, rel=0.03)
    np.testing.assert_array_equal(extend_mean(np.arange(1.0, 5.0), 8, 2), [1, 2, 3, 4, 3, 4, 3, 4])
    np.testing.assert_array_equal(extend_mean(np.arange(1.0, 5.0), 6, 12), [1, 2, 3, 4, 4, 4])


def test_summary_is_json_ready(walmart, base, forecasts) -> None:
    summary = run_scenario(walmart, base, forecasts=forecasts).summary()
    assert set(summary["kpis"]) == set(KPI_NAMES)
    assert [row["sku"] for row in summary["per_sku"]] == list(walmart.skus)


def test_results_keep_the_sums_behind_every_kpi_so_chunks_pool_exactly(walmart, base, forecasts):
    """Totals from the per-SKU sums of two chunks of SKUs equal the run's own totals."""
    from jitcore.demand import PERIODS_PER_YEAR
    from jitcore.kpis import bullwhip_over_skus, kpis_from_sums
    from jitcore.pipeline import DAYS_PER_PERIOD

    result = run_scenario(walmart, base, forecasts=forecasts)
    chunks = [result.sums[:3], result.sums[3:]]
    pooled = np.concatenate(chunks)
    options = {"periods_per_year": PERIODS_PER_YEAR["W"], "days_per_period": DAYS_PER_PERIOD["W"]}
    totals = kpis_from_sums(pooled.sum(axis=0), paths=result.paths, **options).to_dict()
    totals["bullwhip"] = float(bullwhip_over_skus(pooled, axis=0))
    for name, value in result.kpis.to_dict().items():
        assert totals[name] == pytest.approx(value, rel=1e-12), name
    for i, sku in enumerate(result.skus):
        one = kpis_from_sums(result.sums[i], paths=result.paths, **options)
        assert one == result.kpis_for(sku)
