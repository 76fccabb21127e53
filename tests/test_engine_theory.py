"""Simulation against theory under the library's period convention (order placed at the end of
period t arrives at the start of t + L + 1; exposure L + R).

* (R, S) with i.i.d. normal demand: the net stock at the end of the period before the next
  order arrives is S − D(L+R), so the share of cycles without a stockout is Φ(k) with
  k = (S − μ(L+R)) / σ√(L+R), and the fill rate is
  1 − [σ_{L+R} G(k_{L+R}) − σ_L G(k_L)] / (μR).
* (s, nQ) reviewed every period: the inventory position after a review is uniform on
  (s, s+Q], the units short per period are (X_{L+1} − y)⁺ − (X_L − y)⁺, giving the exact
  second-order-loss formula ``fill_rate_periodic_reorder_point``; the classic continuous-review
  loss formula 1 − σ G(k)/Q evaluated at the exposures L and L + 1 brackets it, and the gap
  closes as Q grows.
* POUT with a known mean (f = μ), R = 1: e_t = target − IP_t follows
  e_{t+1} = (1 − 1/Ti)·e_t + (D_{t+1} − μ), orders are μ + e_t/Ti, so
  Var(O)/Var(D) = 1/(2Ti − 1) (Disney & Towill 2003, Omega 31(3)) — for any lead time.
* OUT, S_t = L̃·f_t + SS with L̃ = L + 1: O_t = D_t + L̃(f_{t+1} − f_t). Exponential smoothing
  (α): Var(O)/Var(D) = 1 + 2αL̃ + 2α²L̃²/(2 − α) (Dejonckheere, Disney, Lambrecht & Towill
  2003, EJOR 147); moving average of p periods: 1 + 2L̃/p + 2L̃²/p² (Chen, Drezner, Ryan &
  Simchi-Levi 2000, Management Science 46(3), exact for i.i.d. demand).
Negative orders would be needed for the closed forms; with CV = 0.1 they never occur here.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from jitcore.buffers import formulas as f
from tests.engine_helpers import run_policy

MU, LEAD = 100.0, 2
PATHS, PERIODS, WARMUP = 200, 2000, 100


@pytest.fixture(scope="module")
def demand_cv20() -> np.ndarray:
    return np.maximum(np.random.default_rng(11).normal(MU, 20.0, (PATHS, PERIODS)), 0.0)


@pytest.fixture(scope="module")
def demand_cv10() -> np.ndarray:
    return np.maximum(np.random.default_rng(12).normal(MU, 10.0, (PATHS, PERIODS)), 0.0)


@pytest.mark.parametrize("review", [1, 4])
@pytest.mark.parametrize("k", [0.0, 1.0, 2.0])
def test_order_up_to_matches_normal_theory(demand_cv20: np.ndarray, review: int, k: float) -> None:
    exposure = LEAD + review
    level = MU * exposure + k * 20.0 * math.sqrt(exposure)
    kpis, _ = run_policy("order_up_to", demand_cv20, MU, lead_time=LEAD, review_period=review,
                         order_up_to=level, initial_on_hand=level, warmup_periods=WARMUP)  # fmt: skip
    phi = f.cycle_service_level(level=level, mean_exposure=MU * exposure,
                                sigma_exposure=20.0 * math.sqrt(exposure))  # fmt: skip
    assert kpis.cycle_service_level == pytest.approx(phi, abs=0.01)
    expected_fill = f.fill_rate_order_up_to(order_up_to=level, mean_demand=MU, demand_sd=20.0,
                                            lead_time=LEAD, review_period=review)  # fmt: skip
    assert kpis.fill_rate == pytest.approx(expected_fill, abs=0.002)


@pytest.mark.parametrize("quantity", [200.0, 500.0, 1000.0])
@pytest.mark.parametrize("k", [0.0, 1.0])
def test_reorder_point_fill_rate_matches_the_loss_function(
    demand_cv20: np.ndarray, quantity: float, k: float
) -> None:
    sd = 20.0
    s = MU * (LEAD + 1) + k * sd * math.sqrt(LEAD + 1)
    kpis, _ = run_policy("reorder_point", demand_cv20, MU, lead_time=LEAD, reorder_point=s,
                         order_quantity=quantity, initial_on_hand=s + quantity / 2,
                         warmup_periods=WARMUP)  # fmt: skip
    exact = f.fill_rate_periodic_reorder_point(
        reorder_point=s, order_quantity=quantity, mean_demand=MU, demand_sd=sd, lead_time=LEAD
    )
    assert kpis.fill_rate == pytest.approx(exact, abs=0.0015)

    def classic(exposure: int) -> float:
        return f.fill_rate_reorder_point(reorder_point=s, order_quantity=quantity,
                                         mean_exposure=MU * exposure,
                                         sigma_exposure=sd * math.sqrt(exposure))  # fmt: skip

    assert classic(LEAD + 1) - 0.001 <= kpis.fill_rate <= classic(LEAD) + 0.001
    # the classic loss formula's error shrinks like 1/Q: at Q = 1,000 (≈ 29 σ) within 1.2 points
    assert kpis.fill_rate - classic(LEAD + 1) <= 12.0 / quantity


@pytest.mark.parametrize("ti", [1.0, 2.0, 4.0, 8.0])
@pytest.mark.parametrize("lead", [0, 3])
def test_pout_bullwhip_is_one_over_two_ti_minus_one(
    demand_cv10: np.ndarray, ti: float, lead: int
) -> None:
    kpis, _ = run_policy("pout", demand_cv10, MU, lead_time=lead, smoothing_periods=ti,
                         safety_stock=40.0, initial_on_hand=140.0, warmup_periods=WARMUP)  # fmt: skip
    assert kpis.bullwhip == pytest.approx(1.0 / (2.0 * ti - 1.0), rel=0.04)


@pytest.mark.parametrize("alpha", [0.1, 0.3, 0.6])
def test_order_up_to_with_exponential_smoothing_bullwhip(
    demand_cv10: np.ndarray, alpha: float
) -> None:
    kpis, _ = run_policy("order_up_to", demand_cv10, MU, lead_time=LEAD, dynamic_levels=1,
                         safety_stock=50.0, forecast_mode=1, smoothing_alpha=alpha,
                         initial_on_hand=100.0, warmup_periods=WARMUP)  # fmt: skip
    exposure = LEAD + 1
    theory = 1 + 2 * alpha * exposure + 2 * alpha**2 * exposure**2 / (2 - alpha)
    assert kpis.bullwhip == pytest.approx(theory, rel=0.03)


@pytest.mark.parametrize("window", [2, 4, 8])
def test_order_up_to_with_moving_average_bullwhip(demand_cv10: np.ndarray, window: int) -> None:
    kpis, _ = run_policy("order_up_to", demand_cv10, MU, lead_time=LEAD, dynamic_levels=1,
                         safety_stock=50.0, forecast_mode=2, moving_average_periods=window,
                         initial_on_hand=100.0, warmup_periods=WARMUP)  # fmt: skip
    exposure = LEAD + 1
    theory = 1 + 2 * exposure / window + 2 * exposure**2 / window**2
    assert kpis.bullwhip == pytest.approx(theory, rel=0.03)


def test_lost_sales_fill_rate_is_higher_than_backorders_with_the_same_level(
    demand_cv20: np.ndarray,
) -> None:
    """With lost sales the unmet demand does not come back, so stock recovers faster."""
    level = MU * (LEAD + 1)
    common = dict(lead_time=LEAD, order_up_to=level, initial_on_hand=level, warmup_periods=WARMUP)
    backorder, _ = run_policy("order_up_to", demand_cv20, MU, **common)
    lost, _ = run_policy("order_up_to", demand_cv20, MU, lost_sales=1, **common)
    assert lost.units_lost > 0 and backorder.units_lost == 0
    assert lost.fill_rate > backorder.fill_rate
    assert lost.average_backorders == 0
