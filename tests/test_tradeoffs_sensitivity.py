"""Sensitivity: scaled demand inputs, one engine call over stacked demand sets (checked against
run_scenario), directions of each input and the tornado's order."""

from __future__ import annotations

import numpy as np
import pytest

from jitcore.errors import JitError
from jitcore.pipeline import prepare_demand, run_scenario
from jitcore.tradeoffs import (
    SensitivitySettings,
    run_prepared,
    scale_demand,
    sensitivity,
)
from tests.tradeoffs_helpers import forecasts, normal_demand, scenario


@pytest.fixture(scope="module")
def prepared():
    return prepare_demand(normal_demand(), scenario(paths=100), forecasts())


def test_scaling_the_demand_level_and_variability(prepared) -> None:
    high = scale_demand(prepared, level=1.2)
    assert np.allclose(high.demand, prepared.demand * 1.2)
    assert np.allclose(high.forecast, prepared.forecast * 1.2)
    (s0,), (s1,) = prepared.stats, high.stats
    assert s1.mean_demand == pytest.approx(1.2 * s0.mean_demand)
    assert s1.demand_sd == pytest.approx(1.2 * s0.demand_sd)
    assert s1.forecast_error_sd(3) == pytest.approx(1.2 * s0.forecast_error_sd(3))
    wide = scale_demand(prepared, variability=1.5)
    deviation = prepared.demand - prepared.forecast[0]
    stretched = prepared.forecast[0] + 1.5 * deviation
    free = stretched > 0
    assert free.mean() > 0.999  # the floor at zero is rarely hit at a CV of 0.2
    assert np.allclose(wide.demand[free], stretched[free])
    assert (wide.demand[~free] == 0.0).all()
    assert wide.demand.std() == pytest.approx(1.5 * prepared.demand.std(), rel=0.01)
    assert wide.stats[0].mean_demand == s0.mean_demand
    ratio = (wide.demand - prepared.forecast[0]).std() / deviation.std()
    assert ratio == pytest.approx(1.5, rel=0.01)
    assert wide.stats[0].demand_sd == pytest.approx(ratio * s0.demand_sd, rel=1e-12)
    assert scale_demand(prepared) is prepared
    assert not wide.demand.flags.writeable
    with pytest.raises(JitError):
        scale_demand(prepared, level=-1.0)


def test_variability_keeps_when_intermittent_demand_occurs(prepared) -> None:
    from dataclasses import replace

    rng = np.random.default_rng(3)
    sizes = rng.gamma(4.0, 5.0, prepared.demand.shape)
    demand = np.where(rng.random(prepared.demand.shape) < 0.3, sizes, 0.0)
    share = (demand > 0).mean()
    sparse = replace(prepared, demand=demand, forecast=np.full_like(prepared.forecast, 6.0))
    wide = scale_demand(sparse, variability=1.4)
    assert ((wide.demand > 0) <= (demand > 0)).all()  # no demand where there was none
    centre = 6.0 / share
    kept = demand > 0
    assert np.allclose(wide.demand[kept], np.maximum(centre + 1.4 * (demand[kept] - centre), 0))
    narrow = scale_demand(sparse, variability=0.5)
    assert narrow.demand[kept].std() == pytest.approx(0.5 * demand[kept].std(), rel=1e-9)
    assert narrow.demand.mean() == pytest.approx(demand.mean(), rel=0.02)
    # the plan's σ follows the measured spread, which the zeros keep above the size factor
    ratio = narrow.stats[0].demand_sd / sparse.stats[0].demand_sd
    assert 0.5 < ratio < 1.0
    assert ratio == pytest.approx((narrow.demand - 6.0).std() / (demand - 6.0).std(), rel=1e-9)


def test_stacked_run_equals_separate_runs(prepared) -> None:
    base = scenario(paths=100)
    other = base.with_setting("supply.lead_time", 4)
    runs = run_prepared([(prepared, base), (scale_demand(prepared, level=1.1), other)])
    assert runs[0].kpis == run_scenario(normal_demand(), base, forecasts=forecasts()).kpis
    # the scaled set simulated on its own gives the same numbers as inside the stack
    (alone,) = run_prepared([(scale_demand(prepared, level=1.1), other)])
    assert alone.kpis == runs[1].kpis
    assert runs[1].kpis.units_demanded == pytest.approx(1.1 * runs[0].kpis.units_demanded)


@pytest.fixture(scope="module")
def result():
    base = scenario(paths=120, **{"supply.lead_time_sd": 1.0, "supply.yield_rate": 0.95})
    return sensitivity(
        normal_demand(), base, SensitivitySettings(change=0.2), forecasts=forecasts()
    )


def test_each_input_moves_its_kpis_the_expected_way(result) -> None:
    bars = {b.name: b for b in result.bars}
    assert set(bars) == set(SensitivitySettings().inputs)
    level = bars["demand_level"]
    assert level.high.units_demanded == pytest.approx(1.2 * result.base.units_demanded)
    assert level.low.units_demanded == pytest.approx(0.8 * result.base.units_demanded)
    assert level.low.total_cost < result.base.total_cost < level.high.total_cost
    for name, kpi in [
        ("demand_variability", "average_on_hand"),
        ("lead_time_variability", "average_on_hand"),
        ("holding_cost", "holding_cost"),
        ("ordering_cost", "ordering_cost"),
        ("shortage_cost", "shortage_cost"),
    ]:
        bar = bars[name]
        assert getattr(bar.low, kpi) < getattr(result.base, kpi) < getattr(bar.high, kpi), name
    # yield: 95 % × 0.8 = 76 % and 95 % × 1.2 capped at 100 %
    assert bars["yield"].low_text == "76.0%" and bars["yield"].high_text == "100.0%"
    assert bars["yield"].low.units_defective > result.base.units_defective
    assert bars["yield"].high.units_defective == 0.0
    # lead time 2 ± 20 % is rounded to at least one whole period
    assert (bars["lead_time"].low_text, bars["lead_time"].high_text) == ("1 week", "3 weeks")


def test_tornado_is_sorted_by_swing_and_zero_inputs_have_no_bar() -> None:
    base = scenario(paths=60)  # fixed lead time: its variability cannot move
    result = sensitivity(
        normal_demand(),
        base,
        SensitivitySettings(
            change=0.1, inputs=("lead_time_variability", "lead_time", "demand_level")
        ),
        forecasts=forecasts(),
    )
    frame = result.frame("total_cost")
    assert list(frame["input"])[-1] == "lead_time_variability"
    assert frame["swing"].iloc[0] > frame["swing"].iloc[1] > 0
    lead = next(b for b in result.bars if b.name == "lead_time")
    assert lead.low.average_on_hand < result.base.average_on_hand < lead.high.average_on_hand
    assert (frame["swing"].diff().dropna() <= 0).all()
    idle = next(b for b in result.bars if b.name == "lead_time_variability")
    assert not idle.moved and idle.swing("total_cost") == 0.0
    assert result.horizon == "over 104 weeks"
    with pytest.raises(JitError):
        sensitivity(normal_demand(), base, SensitivitySettings(inputs=()), forecasts=forecasts())
