"""Service-versus-cost frontier: spacing of targets, theory's monotone costs, the minimum
against a brute-force loop of separate runs, the current point and the formula overlay."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pydantic import ValidationError

from jitcore.pipeline import run_scenario
from jitcore.tradeoffs import (
    FrontierSettings,
    frontier_point,
    frontier_targets,
    service_frontier,
    with_target,
)
from tests.tradeoffs_helpers import forecasts, normal_demand, scenario

# Holding 200 %/year of $10 = $0.385 per unit-week against $2 per unit short: the critical
# ratio 2 / 2.385 ≈ 0.84 puts the cost minimum inside the swept range.
COSTLY = {"costs.holding_rate": 2.0, "costs.shortage_cost": 2.0}
SETTINGS = FrontierSettings(low=0.5, high=0.995, points=14)


@pytest.fixture(scope="module")
def frontier():
    return service_frontier(normal_demand(), scenario(**COSTLY), SETTINGS, forecasts=forecasts())


def test_targets_are_evenly_spaced_in_log_of_the_shortfall() -> None:
    values = frontier_targets(FrontierSettings(low=0.5, high=0.999, points=30))
    assert len(values) == 30 and values[0] == 0.5 and values[-1] == 0.999
    gaps = np.diff(np.log(1.0 - np.array(values)))
    assert np.allclose(gaps, gaps[0], atol=2e-3)  # rounded to 6 decimals
    with pytest.raises(ValidationError):
        FrontierSettings(low=0.9, high=0.8)


def test_costs_and_service_are_monotone_where_theory_says(frontier) -> None:
    # Order-up-to with backorders and fixed levels: a higher target lifts S by the extra safety
    # stock, so on hand rises and shortages fall path by path (same demand draws).
    assert np.all(np.diff(frontier.safety_stock) > 0)
    for kpi in ("average_on_hand", "holding_cost", "fill_rate", "cycle_service_level"):
        assert np.all(np.diff(frontier.column(kpi)) >= -1e-9), kpi
    for kpi in ("units_short", "shortage_cost", "average_backorders"):
        assert np.all(np.diff(frontier.column(kpi)) <= 1e-9), kpi
    assert np.ptp(frontier.column("ordering_cost")) == 0.0  # one order every week regardless
    # the total is unimodal: falls to the minimum, then rises
    steps = np.sign(np.diff(frontier.column("total_cost")))
    assert np.all(np.diff(steps) >= 0)
    assert 0 < frontier.minimum < len(frontier.targets) - 1


def test_minimum_matches_a_brute_force_loop_of_separate_runs(frontier) -> None:
    base = scenario(**COSTLY)
    totals = [
        run_scenario(
            normal_demand(), with_target(base, "cycle_service_level", t), forecasts=forecasts()
        ).kpis.total_cost
        for t in frontier.targets
    ]
    assert np.allclose(frontier.column("total_cost"), totals, rtol=1e-12)
    assert frontier.minimum == int(np.argmin(totals))
    # the minimum sits near the newsvendor critical ratio p / (p + h) (SPT ch. 6)
    h = 10.0 * 2.0 / 52.0
    ratio = 2.0 / (2.0 + h)
    best = frontier.targets[frontier.minimum]
    assert abs(best - ratio) < 0.1


def test_current_point_is_the_scenario_itself(frontier) -> None:
    current = frontier.current
    assert current.on_curve and current.target == pytest.approx(0.95)
    alone = run_scenario(normal_demand(), scenario(**COSTLY), forecasts=forecasts())
    assert current.kpis.total_cost == pytest.approx(alone.kpis.total_cost, rel=1e-12)
    assert frontier.at(0.95, "total_cost") == pytest.approx(current.kpis.total_cost, rel=0.02)
    # an app keeps the curve of one target and swaps in the point of the moved target
    moved = with_target(scenario(**COSTLY), "cycle_service_level", 0.9)
    point = frontier_point(
        run_scenario(normal_demand(), moved, forecasts=forecasts()), "cycle_service_level"
    )
    swapped = frontier.with_current(point)
    assert swapped.current.target == 0.9 and swapped.kpis == frontier.kpis
    direct = service_frontier(normal_demand(), moved, SETTINGS, forecasts=forecasts()).current
    assert swapped.current == direct


def test_formula_overlay_and_simulation_agree_on_normal_demand(frontier) -> None:
    # the service-level method sets k = Φ⁻¹(target): the formula's CSL is the target itself
    assert np.allclose(frontier.predicted_cycle_service_level, frontier.targets, atol=1e-9)
    # on i.i.d. normal demand the simulated fill rate follows the loss-function prediction
    high = frontier.targets >= 0.8
    assert np.allclose(
        frontier.column("fill_rate")[high], frontier.predicted_fill_rate[high], atol=0.01
    )
    frame = frontier.frame()
    assert list(frame["target"]) == list(frontier.targets)
    assert (frame["total_cost_p10"] <= frame["total_cost"] + 1e-9).all()
    assert (frame["total_cost_p90"] >= frame["total_cost"] - 1e-9).all()


def test_fill_rate_frontier_and_a_current_setting_off_the_curve() -> None:
    base = scenario(**{"buffers.method": "days_of_cover", "buffers.days_of_cover": 3.0})
    result = service_frontier(
        normal_demand(),
        base,
        FrontierSettings(target="fill_rate", low=0.9, high=0.999, points=6),
        forecasts=forecasts(),
    )
    assert np.allclose(result.predicted_fill_rate, result.targets, atol=1e-6)
    current = result.current
    assert not current.on_curve
    # drawn where the formula places the 3 days of cover
    assert current.target == pytest.approx(current.predicted_fill_rate)
    assert current.safety_stock == pytest.approx(3.0 * normal_demand().frame.quantity.mean() / 7,
                                                 rel=0.05)  # fmt: skip
    assert result.horizon == "over 104 weeks"


def test_group_frontier_sums_costs_and_pools_service() -> None:
    skus = ("A", "B")
    base = scenario(paths=60)
    result = service_frontier(
        normal_demand(skus),
        base,
        FrontierSettings(low=0.8, high=0.99, points=3),
        forecasts=forecasts(skus),
    )
    assert result.skus == skus
    run = run_scenario(
        normal_demand(skus),
        with_target(base, "cycle_service_level", result.targets[1]),
        forecasts=forecasts(skus),
    )
    per_sku = run.kpi_frame()
    assert result.kpis[1].total_cost == pytest.approx(per_sku["total_cost"].sum(), rel=1e-9)
    short = per_sku["units_short"].sum() / per_sku["units_demanded"].sum()
    assert result.kpis[1].fill_rate == pytest.approx(1 - short, rel=1e-9)
    assert math.isfinite(result.predicted_fill_rate[1])
