"""Properties of the chain's rules on random chains (hypothesis): stock balances week by week,
nothing is negative, a stage never holds stock while it owes its customer, every unit ordered
from the factory is produced and shipped down in the end, and stepping equals the batch run."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jitcore.chain import chain_settings, play_week, run_chain, start_game

POLICIES = st.sampled_from(["order_up_to", "pout", "kanban"])


@st.composite
def chains(draw):
    n = draw(st.integers(1, 4))
    stages = [
        {
            "lead_time": draw(st.integers(0, 4)),
            "policy": draw(POLICIES),
            "forecast": draw(st.sampled_from(["moving_average", "exponential"])),
            "window": draw(st.integers(1, 8)),
            "alpha": draw(st.floats(0.05, 1.0)),
            "smoothing_periods": draw(st.floats(1.0, 8.0)),
            "container": draw(st.sampled_from([1.0, 5.0, 12.0])),
        }
        for _ in range(n)
    ]
    return chain_settings(
        {
            "stages": [{"name": f"s{i}", **s} for i, s in enumerate(stages)],
            "information": draw(st.sampled_from(["local", "shared", "vmi", "shared_vmi"])),
            "demand": {"mean": draw(st.floats(1.0, 50.0)), "sd": draw(st.floats(0.0, 30.0))},
            "periods": 30,
            "warmup": 0,
            "paths": 3,
            "seed": draw(st.integers(0, 10_000)),
            "whole_units": draw(st.booleans()),
            "timeline_paths": 3,
        }
    )


@settings(max_examples=60, deadline=None)
@given(chains())
def test_stock_balances_and_nothing_goes_negative(chain) -> None:
    t = run_chain(chain).timeline
    safety = np.array(chain.safety_stocks())
    net = t["on_hand"] - t["backorders"]
    start = np.broadcast_to(safety, net[:, :1].shape)
    before = np.concatenate([start, net[:, :-1]], axis=1)
    # net stock moves by what arrived minus what the customer ordered
    assert np.allclose(net - before, t["receipts"] - t["incoming"], atol=1e-6)
    for name in ("orders", "on_hand", "backorders", "receipts", "short"):
        assert (t[name] >= -1e-9).all(), name
    assert (np.minimum(t["on_hand"], t["backorders"]) <= 1e-9).all()
    assert (t["short"] <= t["incoming"] + 1e-9).all()
    # each stage's incoming orders are its customer's orders
    assert np.allclose(t["incoming"][:, :, 1:], t["orders"][:, :, :-1])
    assert np.allclose(t["incoming"][:, :, 0], t["demand"])


@settings(max_examples=30, deadline=None)
@given(chains())
def test_stepping_equals_the_batch_run(chain) -> None:
    one = chain.model_copy(update={"paths": 1, "timeline_paths": 1})
    batch = run_chain(one).timeline
    game = start_game(one)
    for _ in range(one.periods):
        game = play_week(game)
    for name in ("orders", "on_hand", "backorders", "receipts", "cost"):
        assert np.allclose(game.series(name), batch[name][0]), name
    # units are conserved: what the factory made is in stock, on the way, or with the customer
    first = start_game(one).state
    held = game.state.on_hand.sum() + game.state.transit.sum()
    delivered = game.series("demand").sum() - game.state.backorders[0, 0]
    made = game.series("orders")[:, -1].sum()
    assert held == pytest.approx(first.on_hand.sum() + first.transit.sum() + made - delivered)
