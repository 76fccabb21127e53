"""The Scenario: every setting, JSON round-trip with a schema version, plain-language errors."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jitcore.errors import ScenarioError
from jitcore.policies import POLICY_NAMES
from jitcore.scenario import SCHEMA_VERSION, Scenario, SkuOverride


def test_default_round_trips_and_is_hashable() -> None:
    scenario = Scenario()
    assert Scenario.from_json(scenario.to_json()) == scenario
    assert hash(Scenario.from_json(scenario.to_json())) == hash(scenario)
    data = json.loads(scenario.to_json())
    assert data["schema_version"] == SCHEMA_VERSION
    for section in ("forecast", "buffers", "policy", "supply", "costs", "simulation"):
        assert isinstance(data[section], dict) and data[section]
    assert data["policy"]["kind"] in POLICY_NAMES


@settings(deadline=None)
@given(
    kind=st.sampled_from(sorted(POLICY_NAMES)),
    review=st.integers(1, 12),
    lead=st.integers(0, 20),
    csl=st.floats(0.5, 0.999),
    ti=st.floats(1.0, 20.0),
    capacity=st.none() | st.floats(1.0, 1e6),
    mode=st.sampled_from(["replay", "monte_carlo"]),
    seed=st.integers(0, 2**40),
)
def test_any_valid_scenario_round_trips(kind, review, lead, csl, ti, capacity, mode, seed) -> None:
    scenario = Scenario.from_dict(
        {
            "name": "Trial",
            "policy": {"kind": kind, "review_period": review, "smoothing_periods": ti},
            "supply": {"lead_time": lead, "capacity": capacity},
            "buffers": {"cycle_service_level": csl},
            "simulation": {"mode": mode, "seed": seed},
            "sku_overrides": [{"sku": "A", "lead_time": lead + 1}],
        }
    )
    again = Scenario.from_json(scenario.to_json())
    assert again == scenario and hash(again) == hash(scenario)
    assert again.override_for("A") == SkuOverride(sku="A", lead_time=lead + 1)
    assert again.override_for("B") is None


@pytest.mark.parametrize(
    "data, words",
    [
        ({"policy": {"review_period": 0}}, ["policy.review_period", "0", "at least", "greater"]),
        ({"buffers": {"cycle_service_level": 1.5}}, ["buffers.cycle_service_level", "1.5"]),
        ({"polcy": {}}, ["'polcy' is not a known setting", "spelling"]),
        ({"policy": {"kind": "magic"}}, ["policy.kind", "magic", "kanban"]),
        ({"supply": {"lead_time": "two"}}, ["supply.lead_time", "two", "integer"]),
        ({"schema_version": 99}, ["schema_version 99 is not supported"]),
        ({"sku_overrides": [{"sku": "A"}, {"sku": "A"}]}, ["same SKU twice"]),
        ({"policy": {"vmi_min_cover": 5, "vmi_max_cover": 2}}, ["vmi_max_cover"]),
    ],
)
def test_invalid_settings_name_the_field_and_what_is_allowed(data: dict, words: list[str]) -> None:
    with pytest.raises(ScenarioError) as caught:
        Scenario.from_dict(data)
    text = f"{caught.value.message} {caught.value.hint}"
    assert any(w in text for w in words[1:]) or len(words) == 1
    assert words[0] in text
    assert "Traceback" not in text and "pydantic" not in text.lower()


def test_not_json_and_not_an_object() -> None:
    with pytest.raises(ScenarioError, match="not valid JSON"):
        Scenario.from_json("{policy: 1")
    with pytest.raises(ScenarioError, match="JSON object"):
        Scenario.from_json("[1, 2]")


def test_with_setting_changes_one_value_and_validates() -> None:
    scenario = Scenario()
    changed = scenario.with_setting("supply.lead_time", 5)
    assert changed.supply.lead_time == 5 and scenario.supply.lead_time == 2
    assert changed.policy == scenario.policy
    with pytest.raises(ScenarioError, match="no setting"):
        scenario.with_setting("supply.lead", 5)
    with pytest.raises(ScenarioError, match="supply.lead_time"):
        scenario.with_setting("supply.lead_time", -1)


def test_scenario_is_frozen() -> None:
    scenario = Scenario()
    with pytest.raises(Exception):  # noqa: B017 - pydantic raises ValidationError on frozen models
        scenario.policy.kind = "pout"  # type: ignore[misc]
