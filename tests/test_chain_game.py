"""The game's week-by-week API plays the same rules as the batch run."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from jitcore.chain import (
    RoundSetup,
    Week,
    play_week,
    round_settings,
    run_chain,
    start_game,
    uniform_chain,
)
from jitcore.charts.chain import game_chart
from jitcore.errors import ScenarioError

FIELDS = [name for name in Week.__dataclass_fields__ if name != "demand"]


def _play(settings, orders=None):
    game = start_game(settings)
    for t in range(settings.periods):
        game = play_week(game, {i: o[t] for i, o in (orders or {}).items()})
    return game


@pytest.mark.parametrize("information", ["local", "shared", "vmi"])
@pytest.mark.parametrize("policy", ["order_up_to", "pout", "kanban"])
def test_stepping_week_by_week_equals_the_batch_run(information, policy) -> None:
    settings = uniform_chain(
        4, lead_time=2, policy=policy, information=information, paths=3, periods=40, warmup=5,
        timeline_paths=1,
    )  # fmt: skip
    batch = run_chain(settings)
    game = _play(settings)
    assert np.array_equal(game.series("demand"), batch.timeline["demand"][0])
    for name in FIELDS:
        assert np.allclose(game.series(name), batch.timeline[name][0]), name


def test_a_person_ordering_plays_like_given_orders_in_a_batch() -> None:
    settings = uniform_chain(4, lead_time=2, paths=1, periods=20, warmup=0, whole_units=True)
    settings = settings.model_copy(
        update={"stages": tuple(
            s.model_copy(update={"policy": "manual"}) if i == 1 else s
            for i, s in enumerate(settings.stages)
        )}
    )  # fmt: skip
    typed = np.array([100, 100, 140, 180, 60, 0, 0, 100] + [100] * 12, dtype=float)
    game = _play(settings, {1: typed})
    batch = run_chain(settings, given={1: typed})
    assert np.array_equal(game.series("orders")[:, 1], typed)
    for name in FIELDS:
        assert np.allclose(game.series(name), batch.timeline[name][0]), name
    stages, chain = game.kpis()
    assert [k.name for k in stages] == ["retailer", "wholesaler", "distributor", "factory"]
    assert chain.total_cost == pytest.approx(game.series("cost").sum())
    with pytest.raises(ScenarioError, match="typed by a person"):
        play_week(start_game(settings))
    with pytest.raises(ScenarioError, match="0 or more"):
        play_week(start_game(settings), {1: -3})
    with pytest.raises(ScenarioError, match="round is over"):
        play_week(game, {1: 4})


def test_the_game_is_immutable_and_starts_in_steady_state() -> None:
    settings = uniform_chain(4, lead_time=2, periods=10, warmup=0, demand={"mean": 4.0, "sd": 0.0})
    game = start_game(settings)
    assert game.week == 0 and game.series("orders").shape == (0, 4)
    after = play_week(game)
    assert game.week == 0 and after.week == 1
    assert np.allclose(after.series("orders"), 4.0)
    # each stage's position covers its level: 4 per week over L + 1 = 3 weeks
    assert np.allclose(after.position(), 12.0)
    assert np.allclose(after.net_stock(), 0.0)


def test_the_weeks_download_replays_the_round() -> None:
    settings = round_settings(RoundSetup(player="distributor", weeks=8))
    typed = [4, 9, 14, 2, 0, 8, 8, 8]
    game = _play(settings, {2: np.array(typed, dtype=float)})
    frame = pd.read_csv(io.StringIO(game.to_frame().to_csv(index=False)))
    assert len(frame) == 8 * 4
    assert list(frame.columns) == ["week", "stage", "customer_demand", "incoming_order",
                                   "order", "receipts", "on_hand", "backlog", "cost"]  # fmt: skip
    distributor = frame[frame["stage"] == "distributor"]
    assert list(distributor["order"]) == typed
    # the typed orders read back from the file play the same round
    again = _play(settings, {2: distributor["order"].to_numpy(dtype=float)})
    assert np.array_equal(again.series("cost"), game.series("cost"))
    assert frame["cost"].sum() == pytest.approx(game.kpis()[1].total_cost)


def test_the_chart_spans_the_round_and_marks_the_room() -> None:
    game = _play(round_settings(RoundSetup(player="nobody", weeks=10)))
    fig = game_chart(game, player=1)
    assert tuple(fig.layout.xaxis.range) == (0.5, 10.5)
    orders = [t for t in fig.data if t.yaxis in (None, "y")]
    assert [t.name for t in orders] == ["Demand", "Retailer", "Wholesaler", "Distributor",
                                        "Factory"]  # fmt: skip
    widths = {t.name: t.line.width for t in orders[1:]}
    assert widths["Wholesaler"] > widths["Retailer"]
    assert np.array_equal(orders[4].y, game.series("orders")[:, 3])
