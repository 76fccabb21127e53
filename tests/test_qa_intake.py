"""Intake edge cases a planner hits: a file whose demand is all returns."""

from __future__ import annotations

import pytest

from jitcore.errors import IntakeError
from jitcore.intake import read_demand
from jitcore.scenario import Scenario
from tests.intake_files import csv_bytes


def _read(quantities: list[str]):
    rows = [("date", "sku", "qty")] + [
        (f"2024-01-{day:02d}", "A", q) for day, q in zip((1, 8, 15, 22), quantities, strict=True)
    ]
    return read_demand(csv_bytes(rows), filename="returns.csv")


def test_only_returns_warns_that_no_demand_is_left() -> None:
    data = _read(["-5", "-6", "-3", "-3"])
    assert data.total == 0
    assert any("zero demand, so there is nothing to forecast" in w for w in data.report.warnings)


def test_ordinary_demand_has_no_zero_demand_warning() -> None:
    data = _read(["5", "0", "3", "-1"])
    assert data.total == 8  # the lone return in week 4 counts as zero demand
    assert not any("nothing to forecast" in w for w in data.report.warnings)


def test_a_scenario_json_picked_as_demand_says_what_it_is() -> None:
    scenario = Scenario().to_json().encode()
    with pytest.raises(IntakeError) as raised:
        read_demand(scenario, filename="workshop.csv")
    assert "is a JSON file" in raised.value.message
    assert "Scenario file" in raised.value.hint


def test_a_csv_starting_with_a_bracket_is_still_read_as_a_table() -> None:
    rows = [("[date]", "sku", "qty"), ("2024-01-01", "A", "5"), ("2024-01-08", "A", "6")]
    assert read_demand(csv_bytes(rows), filename="brackets.csv").total == 11
