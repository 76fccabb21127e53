"""Fuzz suite: hypothesis over the scenario schema and the command line arguments.

Properties: any data either becomes a scenario whose every number is finite and which
round-trips through JSON, or is refused with a short ScenarioError; any command line ends with
status 0 or 2 (a user error), never 1, and prints no traceback.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jitcore.cli import main
from jitcore.errors import MAX_MESSAGE_CHARS, ScenarioError
from jitcore.scenario import Scenario
from jitcore.settings import Settings

#: Every setting of the schema: section -> field names.
SECTIONS = {
    name: list(info.annotation.model_fields)
    for name, info in Scenario.model_fields.items()
    if isinstance(info.annotation, type) and issubclass(info.annotation, Settings)
}

edge_numbers = st.one_of(
    st.integers(-(10**30), 10**30),
    st.integers(0, 400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, -1, 0.5, 1e308, -1e308, 1e12, 2**63, 2**64, 10**200]),
)
leaf = st.one_of(
    edge_numbers,
    st.none(),
    st.booleans(),
    st.text(max_size=30),
    st.sampled_from(["auto", "kanban", "monte_carlo", "replay", "fill_rate", "", "x" * 5000]),
)
values = st.recursive(leaf, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(max_size=8), inner, max_size=4), max_leaves=12)  # fmt: skip


@st.composite
def scenario_data(draw) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for section in draw(st.lists(st.sampled_from(sorted(SECTIONS)), max_size=4, unique=True)):
        fields = draw(st.lists(st.sampled_from(SECTIONS[section]), max_size=4, unique=True))
        data[section] = {name: draw(values) for name in fields}
    if draw(st.booleans()):
        data["name"] = draw(st.one_of(st.text(max_size=100), values))
    if draw(st.booleans()):
        data["sku_overrides"] = draw(st.lists(st.dictionaries(
            st.sampled_from(["sku", "lead_time", "unit_cost", "safety_stock", "bad"]), values,
            max_size=3), max_size=3))  # fmt: skip
    if draw(st.booleans()):
        data[draw(st.text(max_size=10))] = draw(values)
    return data


def _numbers(node: Any) -> list[float]:
    if isinstance(node, dict):
        return [x for v in node.values() for x in _numbers(v)]
    if isinstance(node, list):
        return [x for v in node for x in _numbers(v)]
    return [node] if isinstance(node, float) else []


def _check(build) -> None:
    try:
        scenario = build()
    except ScenarioError as exc:
        assert exc.message and len(str(exc)) <= 2 * MAX_MESSAGE_CHARS + 1
        assert len(exc.message) < 1500  # short excerpts, not echoes
        return
    data = scenario.to_dict()
    assert all(math.isfinite(x) for x in _numbers(data))
    assert Scenario.from_json(scenario.to_json()) == scenario


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data())
def test_any_data_is_a_valid_scenario_or_a_short_error(data) -> None:
    _check(lambda: Scenario.from_dict(data))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data())
def test_any_json_text_is_a_valid_scenario_or_a_short_error(data) -> None:
    try:
        text = json.dumps(data)  # NaN and Infinity become the non-JSON words
    except ValueError:  # an integer Python itself will not print
        return
    _check(lambda: Scenario.from_json(text))
    _check(lambda: Scenario.from_json(text.encode("utf-16")))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.binary(max_size=200)))
def test_any_text_or_bytes_is_a_scenario_or_a_short_error(text) -> None:
    _check(lambda: Scenario.from_json(text))


# --- the command line --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def small_file(tmp_path_factory) -> str:
    """One monthly SKU, two years: every command runs in well under a second."""
    path = tmp_path_factory.mktemp("fuzz") / "small.csv"
    dates = pd.date_range("2022-01-01", periods=24, freq="MS")
    frame = pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "sku": "A",
                          "quantity": [10 + (i * 7) % 5 for i in range(24)]})  # fmt: skip
    frame.to_csv(path, index=False)
    return str(path)


argument = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.sampled_from(["0", "-1", "1e999", "nan", "inf", "9" * 5000, "", "x" * 10_000, "12"]),
    st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
        max_size=20,
    ),  # fmt: skip
)
params = st.sampled_from(["simulation.paths", "simulation.periods", "costs.unit_cost",
                          "supply.lead_time", "policy.kind", "nothing.here", "", "."])  # fmt: skip


@st.composite
def command_lines(draw, file: str) -> list[str]:
    command = draw(st.sampled_from(["forecast", "sweep", "plan", "profile", "validate", "run"]))
    args = [command, draw(st.sampled_from([file, file, "/nonexistent.csv", "/tmp"]))]
    if command == "forecast":
        args += ["--horizon", draw(argument)] if draw(st.booleans()) else []
        args += ["--sku", draw(argument)] if draw(st.booleans()) else []
    elif command == "sweep":
        values = draw(st.lists(argument, min_size=1, max_size=3))
        args += ["--param", draw(params), "--values", ",".join(values)]
    elif command in ("plan", "run"):
        args += ["--sku", draw(argument)] if draw(st.booleans()) else []
    if draw(st.booleans()):
        args += ["--memory-budget-mb", draw(argument)]
    return args


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(data=st.data())
def test_any_command_line_ends_with_0_or_2(small_file, capsys, data) -> None:
    args = data.draw(command_lines(small_file))
    try:
        status = main(args)
    except SystemExit as exc:  # argparse refusing an argument: status 2 with usage
        status = exc.code
    err = capsys.readouterr().err
    assert status in (0, 2), (args[:4], err[-500:])
    assert "Traceback" not in err and "unexpected error" not in err
    assert len(err) < 30_000
