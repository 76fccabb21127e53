"""Service of a level under the review the engine does, and the level reaching a target."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jitcore.buffers import formulas, service


def _normal(d=100.0, sd=10.0, lead=2.0, review=1.0) -> service.ExposureDemand:
    return service.normal_exposure(
        mean_demand=d,
        exposure=lead + review,
        lead=lead,
        sd_exposure=sd * math.sqrt(lead + review),
        sd_lead=sd * math.sqrt(lead),
        review_period=review,
    )


def test_review_fill_rate_is_the_order_up_to_formula() -> None:
    x = _normal()
    level = 320.0
    expected = formulas.fill_rate_order_up_to(
        order_up_to=level, mean_demand=100.0, demand_sd=10.0, lead_time=2.0, review_period=1
    )
    assert service.fill_rate_review(x, level) == pytest.approx(expected, rel=1e-12)


def test_trigger_fill_rate_is_the_periodic_reorder_point_formula() -> None:
    x = _normal()
    expected = formulas.fill_rate_periodic_reorder_point(
        reorder_point=290.0, order_quantity=250.0, mean_demand=100.0, demand_sd=10.0,
        lead_time=2.0, review_period=1,
    )  # fmt: skip
    assert service.fill_rate_trigger(x, 290.0, 250.0) == pytest.approx(expected, rel=1e-9)


def test_cycle_service_level_chopra_meindl() -> None:
    """C&M ch. 12: weekly demand 2,500, σ 500, L = 2 weeks, CSL 90 % → SS = 906 boxes."""
    x = service.ExposureDemand(
        service.PeriodDemand(5_000.0, 500.0 * math.sqrt(2)),
        service.PeriodDemand(0.0, 0.0),
        2_500.0,
        1.0,
    )
    level = service.level_for_cycle_service(x, 0.90)
    assert level - 5_000.0 == pytest.approx(906.0, abs=1.0)
    assert service.cycle_service(x, level) == pytest.approx(0.90, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(target=st.floats(0.6, 0.995), trigger=st.booleans(), q=st.floats(50.0, 800.0))
def test_level_for_fill_rate_reaches_the_target(target: float, trigger: bool, q: float) -> None:
    x = _normal()
    level = service.level_for_fill_rate(x, target, trigger=trigger, quantity=q)
    got = service.expected_fill_rate(x, level, trigger=trigger, quantity=q)
    assert got == pytest.approx(target, abs=1e-6)


def test_a_low_fill_rate_target_needs_less_stock_than_the_continuous_formula() -> None:
    """Every-period review with Q = EOQ: the textbook σ·G(k) = (1−β)·Q over-sizes a 90 % target;
    the exact periodic formula delivers 90 % with less stock."""
    x = _normal()
    q = 400.0
    old = 300.0 + formulas.safety_stock_fill_rate(
        0.90, sigma_exposure=x.exposure.sd, cycle_quantity=q
    )
    new = service.level_for_fill_rate(x, 0.90, trigger=True, quantity=q)
    assert new < old
    assert service.fill_rate_trigger(x, old, q) > 0.95


def test_sampled_distribution_matches_the_normal_one() -> None:
    rng = np.random.default_rng(0)
    draws = rng.normal(300.0, 17.32, 200_000)
    sampled = service.PeriodDemand.from_sample(draws)
    normal = service.PeriodDemand(300.0, 17.32)
    for y in (280.0, 300.0, 330.0):
        assert sampled.expected_short(y) == pytest.approx(normal.expected_short(y), abs=0.05)
        assert sampled.cdf(y) == pytest.approx(normal.cdf(y), abs=0.005)
    assert sampled.integrated_short(290.0, 340.0) == pytest.approx(
        normal.integrated_short(290.0, 340.0), rel=0.01
    )
    assert sampled.quantile(0.95) == pytest.approx(normal.quantile(0.95), abs=0.3)


def test_discrete_demand_level_reaches_at_least_the_target() -> None:
    """Whole units: the smallest level whose P(X ≤ level) reaches the target."""
    sample = np.repeat([0.0, 1.0, 2.0, 3.0], [50, 30, 15, 5])
    x = service.ExposureDemand(
        service.PeriodDemand.from_sample(sample), service.PeriodDemand(0.0, 0.0), 0.25, 1.0
    )
    assert service.level_for_cycle_service(x, 0.90) == 2.0  # P(X ≤ 1) = 0.80, P(X ≤ 2) = 0.95
    assert service.cycle_service(x, 2.0) == pytest.approx(0.95)
