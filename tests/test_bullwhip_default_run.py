"""Bullwhip on the default one-year run: pooled over paths after the warm-up, POUT reads the
theory 1/(2Ti − 1) (Disney & Towill 2003, Omega 31(3)) within 5 %."""

from __future__ import annotations

import pytest

from jitcore.forecast import forecast_all
from jitcore.intake import read_demand
from jitcore.pipeline import run_scenario
from jitcore.scenario import Scenario
from tests.conftest import SAMPLE_DIR


@pytest.fixture(scope="module")
def stable():
    data = read_demand(SAMPLE_DIR / "teaching_weekly_long.csv")
    scenario = Scenario().with_setting("policy.kind", "pout")
    return data, scenario, forecast_all(data, scenario.forecast, skus=["STABLE-01"])


@pytest.mark.parametrize("ti", [2, 4, 8])
def test_pout_bullwhip_on_the_default_run(stable, ti) -> None:
    data, scenario, forecasts = stable
    variant = scenario.with_setting("policy.smoothing_periods", float(ti))
    run = run_scenario(data, variant, forecasts=forecasts, skus=["STABLE-01"])
    assert run.kpis.bullwhip == pytest.approx(1 / (2 * ti - 1), rel=0.05)
