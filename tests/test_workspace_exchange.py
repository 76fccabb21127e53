"""Scenario files: version 2 carries several scenarios, the baseline and the data fingerprint;
version-1 single-scenario files still load; bad files say what is wrong."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jitcore.errors import ScenarioError
from jitcore.scenario import Scenario
from jitcore.workspace import NamedScenario, ScenarioFile, read_scenario_file
from jitcore.workspace.exchange import MAX_FILE_BYTES

TODAY = Scenario(name="Today").with_setting("supply.lead_time", 6)
JIT = Scenario(name="JIT").with_setting("supply.lead_time", 1).with_setting("policy.kind", "kanban")


def _library() -> ScenarioFile:
    return ScenarioFile(
        scenarios=(NamedScenario("Today", TODAY, "as it runs"), NamedScenario("JIT", JIT)),
        baseline="Today",
        data_name="sales.csv",
        data_fingerprint="ab" * 32,
    )


def test_a_library_file_round_trips() -> None:
    text = _library().to_json()
    assert json.loads(text)["file_version"] == 2
    back = read_scenario_file(text.encode("utf-8"))
    assert back == _library()


def test_a_version_1_file_loads_as_one_scenario_without_baseline() -> None:
    back = read_scenario_file(JIT.to_json())
    assert back.version == 1 and back.baseline is None and back.data_fingerprint is None
    assert back.scenarios == (NamedScenario("JIT", JIT),)


def test_utf16_and_bom_files_load() -> None:
    text = _library().to_json()
    assert read_scenario_file(text.encode("utf-16")) == _library()
    assert read_scenario_file("\ufeff".encode() + text.encode()) == _library()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"file_version": 3}, "format version 3"),
        ({"scenarios": []}, "lists no scenarios"),
        ({"baseline": "Tomorrow"}, "'Tomorrow' is not one of its scenarios"),
        ({"scenarios": [{"name": "A"}]}, "Scenario 1 of the file has no 'settings'"),
        (
            {"scenarios": [{"name": "A", "settings": {}}, {"name": "A", "settings": {}}]},
            "names 'A' more than once",
        ),
        (
            {"scenarios": [{"name": "Bad", "settings": {"supply": {"lead_time": -1}}}]},
            "Scenario 1 (Bad): Invalid scenario setting: 'supply.lead_time'",
        ),
    ],
)
def test_a_bad_library_file_says_what_is_wrong(change: dict, message: str) -> None:
    document = {**json.loads(_library().to_json()), **change}
    if "baseline" not in change:
        document["baseline"] = None
    with pytest.raises(ScenarioError) as caught:
        read_scenario_file(json.dumps(document))
    assert message in caught.value.message


def test_files_that_are_not_settings_are_refused_without_a_traceback() -> None:
    with pytest.raises(ScenarioError, match="not valid JSON"):
        read_scenario_file(b"{not json")
    with pytest.raises(ScenarioError, match="too deeply"):
        read_scenario_file("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ScenarioError, match="at most"):
        read_scenario_file(b" " * (MAX_FILE_BYTES + 1))


names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(names, min_size=1, max_size=5, unique=True),
    st.integers(0, 104),
    st.data(),
)
def test_any_library_round_trips(names_: list[str], lead_time: int, data: st.DataObject) -> None:
    scenarios = tuple(
        NamedScenario(name, Scenario(name=name).with_setting("supply.lead_time", lead_time), name)
        for name in names_
    )
    baseline = data.draw(st.sampled_from([None, *names_]))
    library = ScenarioFile(scenarios=scenarios, baseline=baseline)
    assert read_scenario_file(library.to_json()) == library
