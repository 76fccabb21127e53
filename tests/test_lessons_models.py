"""The Learn JIT models against textbook values, closed forms and small simulations."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jitcore.buffers.formulas import eoq, safety_stock_cycle_service_level
from jitcore.errors import JitError
from jitcore.lessons import changeover, forecasting, information, pooling, smoothing, variability


# --- postponement: pooling ---------------------------------------------------------------------
def test_pooling_four_independent_variants_halves_the_safety_stock_exactly() -> None:
    # square-root law (Eppen 1979): √4 / 4 = 1/2
    result = pooling.pool(sd=10.0, variants=4, correlation=0.0, safety_factor=1.645, exposure=3)
    assert result.ratio == 0.5
    assert result.pooled == pytest.approx(result.apart / 2, rel=1e-15)


def test_pooling_perfectly_correlated_variants_saves_nothing() -> None:
    result = pooling.pool(sd=10.0, variants=6, correlation=1.0, safety_factor=2.0, exposure=4)
    assert result.ratio == pytest.approx(1.0)
    assert result.saved == pytest.approx(0.0, abs=1e-9)


@given(
    st.floats(0.1, 1000), st.integers(2, 50), st.floats(0.0, 1.0), st.floats(0.1, 3.0),
    st.integers(0, 20),
)  # fmt: skip
def test_pooling_ratio_is_the_closed_form(sd, n, rho, k, exposure) -> None:
    result = pooling.pool(sd=sd, variants=n, correlation=rho, safety_factor=k, exposure=exposure)
    if exposure:
        assert result.ratio == pytest.approx(math.sqrt(n + n * (n - 1) * rho) / n)
        assert 1 / math.sqrt(n) - 1e-12 <= result.ratio <= 1 + 1e-12


def test_pooled_sd_matches_the_variance_of_a_simulated_sum() -> None:
    rng = np.random.default_rng(3)
    n, rho = 5, 0.3
    cov = np.full((n, n), rho) + np.eye(n) * (1 - rho)
    draws = rng.multivariate_normal(np.zeros(n), cov * 4.0, size=200_000)
    assert draws.sum(axis=1).std() == pytest.approx(pooling.pooled_sd(2.0, n, rho), rel=0.01)


def test_pooling_refuses_impossible_correlations() -> None:
    with pytest.raises(JitError, match="between"):
        pooling.pooled_sd(1.0, 4, -0.5)  # below −1/(n − 1)


# --- rapid changeover -------------------------------------------------------------------------
def test_epq_worked_example_and_the_eoq_limit() -> None:
    q = changeover.economic_production_quantity(
        demand_rate=1000, production_rate=2500, setup_cost=50, holding_cost=0.4
    )
    assert q == pytest.approx(math.sqrt(2 * 1000 * 50 / (0.4 * 0.6)))
    assert q == pytest.approx(645.5, abs=0.05)
    # p → ∞: Harris's EOQ, 500 for d = 1,000, S = 50, h = 0.4
    limit = changeover.economic_production_quantity(
        demand_rate=1000, production_rate=1e12, setup_cost=50, holding_cost=0.4
    )
    assert limit == pytest.approx(500.0)
    assert limit == pytest.approx(
        eoq(annual_demand=1000, ordering_cost=50, holding_cost_per_unit_year=0.4)
    )


def test_minimum_lot_fills_the_line_exactly() -> None:
    # s = 0.1 period, d = 100, p = 125: Q_min = 0.1·100/(1 − 0.8) = 50 units
    q = changeover.minimum_lot(setup_time=0.1, demand_rate=100, production_rate=125)
    assert q == pytest.approx(50.0)
    busy = changeover.utilisation(lot=q, setup_time=0.1, demand_rate=100, production_rate=125)
    assert busy == pytest.approx(1.0)


@given(st.floats(0.01, 2.0), st.floats(1.0, 1e4), st.floats(0.05, 0.95))
def test_minimum_lot_is_where_the_line_is_fully_busy(setup, demand, load) -> None:
    p = demand / load
    q = changeover.minimum_lot(setup_time=setup, demand_rate=demand, production_rate=p)
    busy = changeover.utilisation(lot=q, setup_time=setup, demand_rate=demand, production_rate=p)
    assert busy == pytest.approx(1.0)


def test_smed_quarter_setup_halves_the_economic_lot_and_quarters_the_floor() -> None:
    common = {"demand_rate": 100.0, "production_rate": 200.0, "setup_cost_per_period": 400.0,
              "holding_cost": 0.1}  # fmt: skip
    before = changeover.changeover(setup_time=0.4, **common)
    after = changeover.changeover(setup_time=0.1, **common)
    assert after.economic_lot / before.economic_lot == pytest.approx(0.5)
    assert after.minimum_lot / before.minimum_lot == pytest.approx(0.25)


def test_a_line_without_spare_capacity_is_refused() -> None:
    with pytest.raises(JitError, match="change over"):
        changeover.minimum_lot(setup_time=0.1, demand_rate=100, production_rate=100)


# --- smoothing (POUT) -------------------------------------------------------------------------
def _simulate_pout(lead_time: int, ti: float, periods: int = 60_000) -> tuple[float, float]:
    """Order and net-stock variance of POUT on N(0, 1) demand (deviations from the mean)."""
    rng = np.random.default_rng(11)
    demand = rng.normal(0.0, 1.0, periods)
    arriving = np.zeros(lead_time + 1)
    net, orders, stock = 0.0, np.empty(periods), np.empty(periods)
    for t in range(periods):
        net += arriving[0] - demand[t]
        arriving = np.roll(arriving, -1)
        arriving[-1] = 0.0
        order = -(net + arriving.sum()) / ti
        arriving[-1] += order
        orders[t], stock[t] = order, net
    return orders[500:].var(), stock[500:].var()


@pytest.mark.parametrize(("lead_time", "ti"), [(0, 1.0), (2, 2.0), (1, 4.0)])
def test_pout_variances_match_disney_towill(lead_time: int, ti: float) -> None:
    order_var, stock_var = _simulate_pout(lead_time, ti)
    assert order_var == pytest.approx(smoothing.order_variance_ratio(ti), rel=0.04)
    assert stock_var == pytest.approx(smoothing.net_stock_variance_ratio(ti, lead_time), rel=0.04)


def test_pout_closed_forms() -> None:
    assert smoothing.order_variance_ratio(1.0) == 1.0
    assert smoothing.order_variance_ratio(2.0) == pytest.approx(1 / 3)
    assert smoothing.net_stock_variance_ratio(1.0, 2) == 3.0  # plain order-up-to: L + 1
    assert smoothing.net_stock_variance_ratio(2.0, 2) == pytest.approx(3 + 1 / 3)


# --- forecasting ------------------------------------------------------------------------------
def test_moving_average_error_over_the_exposure() -> None:
    # σ = 10, Le = 3, p = 4: σ·√(3 + 9/4) = 10·√5.25
    assert forecasting.moving_average_error_sd(demand_sd=10, exposure=3, window=4) == (
        pytest.approx(10 * math.sqrt(5.25))
    )
    # α = 1 is the naive forecast, as p = 1: σ·√(Le + Le²)
    assert forecasting.exponential_error_sd(demand_sd=10, exposure=3, alpha=1.0) == pytest.approx(
        forecasting.moving_average_error_sd(demand_sd=10, exposure=3, window=1)
    )


@pytest.mark.parametrize("window", [1, 4, 13])
def test_empirical_error_on_random_demand_matches_theory(window: int) -> None:
    series = np.random.default_rng(5).normal(100.0, 10.0, 40_000)
    empirical = forecasting.empirical_error_sd(series, exposure=3, window=window)
    theory = forecasting.moving_average_error_sd(demand_sd=10.0, exposure=3, window=window)
    assert empirical == pytest.approx(theory, rel=0.03)


def test_empirical_error_of_a_flat_series_is_zero_and_a_short_one_is_nan() -> None:
    assert forecasting.empirical_error_sd([5.0] * 30, exposure=2, window=4) == 0.0
    assert math.isnan(forecasting.empirical_error_sd([1.0, 2.0, 3.0], exposure=2, window=4))


# --- information: Chen et al. -----------------------------------------------------------------
def test_one_stage_bullwhip_is_chen_et_al() -> None:
    # Le = 2, p = 5: 1 + 4/5 + 8/25 = 2.12 (Chen, Drezner, Ryan & Simchi-Levi 2000)
    assert information.bullwhip_moving_average(2, 5) == pytest.approx(2.12)


def test_local_multiplies_shared_adds_vmi_in_between() -> None:
    exposures = [2.0, 2.0, 2.0, 2.0]
    local = information.amplification(exposures, 5, "local")
    shared = information.amplification(exposures, 5, "shared")
    vmi = information.amplification(exposures, 5, "vmi")
    assert local[-1] == pytest.approx(2.12**4)
    assert shared[-1] == pytest.approx(1 + 2 * 8 / 5 + 2 * 64 / 25)
    assert shared[-1] < vmi[-1] < local[-1]
    assert vmi[1] == pytest.approx(information.bullwhip_moving_average(4, 5))
    assert local[0] == shared[0]


# --- standardisation and quality --------------------------------------------------------------
def test_lead_time_variability_chopra_meindl() -> None:
    # C&M ch. 12: D = 2,500/day, σ_D = 500, L = 7 days, s_L = 7 days, CSL 90 % → σ_L = 17,550,
    # SS = 22,491.
    item = variability.Variability(mean_demand=2500, demand_sd=500, lead_time_sd=7)
    parts = variability.buffer_parts(item, exposure=7, safety_factor=1.0)
    assert parts.sigma == pytest.approx(17_550, abs=1)
    assert safety_stock_cycle_service_level(0.90, parts.sigma) == pytest.approx(22_491, abs=2)


def test_yield_variance_matches_a_simulated_receipt() -> None:
    rng = np.random.default_rng(9)
    d, y, s = 100.0, 0.9, 0.05
    good = rng.normal(y, s, 200_000) * d / y  # order d/y, receive the good share
    item = variability.Variability(mean_demand=d, demand_sd=0.0, yield_rate=y, yield_sd=s)
    parts = variability.buffer_parts(item, exposure=1, safety_factor=1.0)
    assert good.std() == pytest.approx(parts.sigma, rel=0.01)
    assert variability.rejected_per_period(item) == pytest.approx(100 / 0.9 - 100)


def test_a_yield_above_one_is_refused() -> None:
    with pytest.raises(JitError, match="yield"):
        variability.Variability(mean_demand=1, demand_sd=1, yield_rate=1.2)
