"""The chain against the theory of the bullwhip effect.

* Order-up-to with a p-period moving average on i.i.d. demand: retailer bullwhip
  1 + 2Le/p + 2Le²/p², Le = L + 1 periods covered with review every period (Chen, Drezner,
  Ryan & Simchi-Levi 2000, "Quantifying the bullwhip effect in a simple supply chain",
  Management Science 46(3), eq. for the moving average; equality when the level's safety stock
  is fixed and orders stay positive).
* Exponential smoothing instead: q_t = d_t + Le·α(d_t − f_{t−1}) gives
  1 + 2αLe + 2α²Le²/(2 − α) (Chen, Ryan &
  Simchi-Levi 2000, "The impact of exponential smoothing forecasts on the bullwhip effect",
  Naval Research Logistics 47(4)).
* Shared end-customer demand: amplification at stage k is 1 + 2ΣLe/p + 2(ΣLe)²/p², additive in
  the lead times; local information is at least the product ∏(1 + 2Le_i/p + 2Le_i²/p²)
  (Chen et al. 2000, centralised vs decentralised demand information).
* POUT with a known mean is an exponential filter, Var(q)/Var(d) = 1/(2Ti − 1) (Disney &
  Towill 2003, Omega 31(3)).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from jitcore.chain import chain_settings, run_chain, uniform_chain
from jitcore.errors import ScenarioError

LONG = {"paths": 400, "periods": 600, "warmup": 50}


def _chen(exposure: float, p: int) -> float:
    return 1 + 2 * exposure / p + 2 * exposure**2 / p**2


@pytest.mark.parametrize("p", [2, 5, 10])
@pytest.mark.parametrize("lead_time", [1, 2])
def test_retailer_bullwhip_matches_chen_et_al(p, lead_time) -> None:
    run = run_chain(uniform_chain(1, lead_time=lead_time, window=p, **LONG))
    expected = _chen(lead_time + 1, p)  # p=2, L=1: 5.0; p=5, L=2: 2.92; p=10, L=1: 1.48
    assert run.stages[0].bullwhip >= expected * 0.97
    assert run.stages[0].bullwhip == pytest.approx(expected, rel=0.03)


@pytest.mark.parametrize("alpha", [0.1, 0.3])
def test_retailer_bullwhip_with_exponential_smoothing(alpha) -> None:
    settings = uniform_chain(1, lead_time=2, forecast="exponential", alpha=alpha, **LONG)
    le = 3
    expected = 1 + 2 * alpha * le + 2 * alpha**2 * le**2 / (2 - alpha)  # 3.75 at α = 0.3
    assert run_chain(settings).stages[0].bullwhip == pytest.approx(expected, rel=0.03)


def test_shared_information_is_additive_local_is_at_least_multiplicative() -> None:
    local = run_chain(uniform_chain(4, lead_time=1, window=10, **LONG))
    shared = run_chain(uniform_chain(4, lead_time=1, window=10, information="shared", **LONG))
    for k in range(4):
        summed = 2 * (k + 1)  # Σ Le over stages 0..k, Le = 2
        assert shared.stages[k].amplification == pytest.approx(_chen(summed, 10), rel=0.05)
        assert local.stages[k].amplification >= 0.97 * _chen(2, 10) ** (k + 1)
    # factory: 3.88 shared against at least 1.48⁴ = 4.80 local
    assert shared.chain.amplification < 0.75 * local.chain.amplification
    # amplification is the product of the bullwhips with local information
    product = math.prod(stage.bullwhip for stage in local.stages)
    assert local.chain.amplification == pytest.approx(product, rel=0.02)


def test_vmi_lies_between_local_and_shared_and_removes_one_amplifying_step() -> None:
    runs = {
        info: run_chain(uniform_chain(4, lead_time=1, window=10, information=info, **LONG))
        for info in ("local", "shared", "vmi")
    }
    vmi = runs["vmi"]
    # the wholesaler plans the retailer's echelon on end demand: as with shared information
    assert vmi.stages[1].amplification == pytest.approx(_chen(4, 10), rel=0.05)
    assert runs["shared"].chain.amplification < vmi.chain.amplification
    assert vmi.chain.amplification < runs["local"].chain.amplification


@pytest.mark.parametrize("ti", [2.0, 4.0])
def test_pout_with_a_slow_forecast_reads_the_known_mean_theory(ti) -> None:
    settings = uniform_chain(
        1, lead_time=2, policy="pout", smoothing_periods=ti, forecast="exponential",
        alpha=0.001, **LONG,
    )  # fmt: skip
    assert run_chain(settings).stages[0].bullwhip == pytest.approx(1 / (2 * ti - 1), rel=0.06)


def test_pout_dampens_at_every_stage() -> None:
    settings = uniform_chain(
        4, lead_time=2, policy="pout", smoothing_periods=4.0, forecast="exponential",
        alpha=0.1, information="shared", **LONG,
    )  # fmt: skip
    run = run_chain(settings)
    assert all(stage.bullwhip < 1 for stage in run.stages)
    assert all(stage.amplification < 0.4 for stage in run.stages)
    # the same forecast with order-up-to amplifies at every stage
    out = run_chain(settings.with_stages(policy="order_up_to"))
    assert all(stage.bullwhip > 1 for stage in out.stages)


def test_kanban_passes_demand_on_unchanged() -> None:
    run = run_chain(uniform_chain(4, lead_time=2, policy="kanban", **LONG))
    for stage in run.stages[1:]:
        assert stage.bullwhip == pytest.approx(1.0, abs=1e-9)
    assert run.stages[0].bullwhip < 1  # orders what was shipped; short weeks ship less


def test_costs_and_stock_are_consistent() -> None:
    settings = uniform_chain(3, lead_time=2, paths=50, periods=150, warmup=20)
    run = run_chain(settings)
    window = settings.periods - settings.warmup
    for stage, kpis in zip(settings.stages, run.stages, strict=True):
        assert kpis.holding_cost == pytest.approx(
            stage.holding_cost * kpis.average_on_hand * window, rel=1e-9
        )
        assert kpis.total_cost == pytest.approx(kpis.holding_cost + kpis.backorder_cost)
        assert 0 <= kpis.fill_rate <= 1
        assert kpis.exposure == 3
    assert run.chain.total_cost == pytest.approx(sum(k.total_cost for k in run.stages))
    assert run.chain.fill_rate == run.stages[0].fill_rate


def test_steady_state_without_noise_stays_put() -> None:
    settings = uniform_chain(
        4, lead_time=2, paths=2, periods=30, warmup=0, demand={"mean": 4.0, "sd": 0.0}
    )
    run = run_chain(settings)
    assert np.allclose(run.timeline["orders"], 4.0)
    assert np.allclose(run.timeline["backorders"], 0.0)
    assert run.chain.fill_rate == 1.0


def test_same_seed_same_result() -> None:
    settings = uniform_chain(2, paths=20, periods=60, warmup=10)
    assert run_chain(settings).to_dict() == run_chain(settings).to_dict()


@pytest.mark.parametrize(
    "data",
    [
        {"stages": []},
        {"periods": 10, "warmup": 10},
        {"demand": {"step_period": 5}},
        {"stages": [{"lead_time": -1}]},
        {"information": "gossip"},
    ],
)
def test_bad_settings_say_what_is_wrong(data) -> None:
    with pytest.raises(ScenarioError) as info:
        chain_settings(data)
    assert "chain settings are not valid" in info.value.message


def test_shared_information_adds_unequal_lead_times() -> None:
    # lead times 0, 1, 2, 3: Le = 1, 2, 3, 4, summed up the chain 1, 3, 6, 10
    stages = [{"name": f"s{i}", "lead_time": i, "window": 20} for i in range(4)]
    for information in ("shared", "local"):
        run = run_chain(chain_settings({"stages": stages, "information": information, **LONG}))
        for k, summed in enumerate((1, 3, 6, 10)):
            additive = _chen(summed, 20)  # 1.1, 1.345, 1.69, 2.5
            multiplicative = math.prod(_chen(le, 20) for le in range(1, k + 2))
            if information == "shared":
                assert run.stages[k].amplification == pytest.approx(additive, rel=0.05)
            else:
                assert run.stages[k].amplification >= 0.97 * multiplicative
