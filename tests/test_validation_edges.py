"""Validation to the edges: every probe of a hostile scenario file or command line gets a short,
clear message at once — never a traceback, an exit status 1 or a 40 MB echo."""

from __future__ import annotations

import json
import time

import pytest

from jitcore.cli import main
from jitcore.errors import MAX_MESSAGE_CHARS, JitError, ScenarioError
from jitcore.formatting import excerpt
from jitcore.jsontext import MAX_JSON_DEPTH, load_json
from jitcore.scenario import MAX_OVERRIDES, Scenario
from jitcore.settings import MAX_MAGNITUDE
from tests.conftest import SAMPLE_DIR

SAMPLE = str(SAMPLE_DIR / "teaching_weekly_long.csv")


def refused(text: str | bytes | dict, match: str) -> ScenarioError:
    started = time.perf_counter()
    with pytest.raises(ScenarioError, match=match) as caught:
        if isinstance(text, dict):
            Scenario.from_dict(text)
        else:
            Scenario.from_json(text)
    assert time.perf_counter() - started < 5.0
    assert len(str(caught.value)) < 600
    return caught.value


@pytest.mark.parametrize(
    ("section", "name"),
    [
        ("costs", "shortage_cost"),
        ("costs", "unit_cost"),
        ("policy", "min_order_quantity"),
        ("supply", "capacity"),
        ("buffers", "days_of_cover"),
        ("policy", "production_capacity"),
    ],
)
def test_infinity_and_nan_are_refused(section, name) -> None:
    """Infinity used to be accepted and crash Plan and Supply & demand later."""
    for value in (float("inf"), float("nan"), -float("inf")):
        error = refused({section: {name: value}}, f"'{section}.{name}'")
        assert "finite" in error.message or "greater than" in error.message
    # 1e999 in a file is infinity once parsed; "Infinity" is not JSON (RFC 8259 §6)
    refused(json.dumps({section: {name: 1}}).replace("1}", "1e999}"), "finite")
    refused(json.dumps({section: {name: 1}}).replace("1}", "Infinity}"), "not valid JSON")


def test_huge_decimals_are_bounded() -> None:
    refused({"buffers": {"days_of_cover": 1e308}}, "less than or equal to 3660")
    refused({"costs": {"ordering_cost": 1e300}}, "at most 1,000,000,000,000")
    assert Scenario.from_dict({"costs": {"ordering_cost": MAX_MAGNITUDE}})


def test_deep_json_and_long_integers_are_refused_before_parsing() -> None:
    refused("[" * 10_000 + "]" * 10_000, "nested more than 32 levels")
    refused('{"name":' + '{"a":' * 10_000 + "1" + "}" * 10_001, "nested")
    refused('{"simulation":{"paths":' + "9" * 5000 + "}}", "more than 40 digits")
    refused('{"simulation":{"seed":' + "9" * 41 + "}}", "more than 40 digits")
    # nesting inside strings does not count
    assert load_json('{"a": "' + "[" * 100 + '"}') == {"a": "[" * 100}
    assert load_json("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH)


def test_a_40_megabyte_value_is_never_echoed() -> None:
    refused(json.dumps({"name": "x" * 40_000_000}), "at most 20 MB")
    error = refused({"name": "x" * 40_000_000}, "'name'")
    assert "40,000,000 characters" in error.message
    error = refused({"sku_overrides": [{"sku": "y" * 10_000_000}]}, "at most 200 characters")
    error = refused({"costs": {"currency": ["$"] * 1_000_000}}, "a list of 1,000,000 items")
    assert len(str(JitError("z" * 10**7, "h" * 10**7))) < 2 * MAX_MESSAGE_CHARS + 10


def test_an_override_list_of_a_million_is_refused_at_once() -> None:
    overrides = [{"sku": f"s{i}"} for i in range(1_300_000)]
    error = refused({"sku_overrides": overrides}, "1,300,000 per-SKU overrides")
    assert f"{MAX_OVERRIDES:,}" in error.message


def test_overrides_are_found_by_sku() -> None:
    scenario = Scenario.from_dict(
        {"sku_overrides": [{"sku": f"s{i}", "lead_time": i % 50} for i in range(MAX_OVERRIDES)]}
    )
    started = time.perf_counter()
    found = [scenario.override_for(f"s{i}") for i in range(MAX_OVERRIDES)]
    assert time.perf_counter() - started < 1.0
    assert found[1234].lead_time == 1234 % 50 and scenario.override_for("none") is None
    copy = scenario.model_copy(update={"sku_overrides": ()})
    assert copy.override_for("s1") is None and copy != scenario
    assert Scenario.from_json(scenario.to_json()) == scenario


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32"])
def test_every_encoding_of_a_scenario_is_read(encoding) -> None:
    scenario = Scenario(name="Zürich – Größe")
    assert Scenario.from_json(scenario.to_json().encode(encoding)) == scenario
    assert Scenario.from_json("\ufeff" + scenario.to_json()) == scenario


def test_excerpts_are_short() -> None:
    assert excerpt("abc") == "'abc'"
    assert excerpt("x" * 1000).endswith("… (1,000 characters)")
    assert len(excerpt("x" * 10**7)) < 100
    assert excerpt(10**5000) == "an integer of about 5,000 digits"


# --- the command line never exits 1 on bad input --------------------------------------------------
def cli(capsys, *args: str) -> tuple[int, str]:
    started = time.perf_counter()
    status = main(list(args))
    assert time.perf_counter() - started < 30.0
    err = capsys.readouterr().err
    assert "Traceback" not in err and "unexpected error" not in err
    return status, err


def test_cli_reads_scenarios_in_any_encoding(tmp_path, capsys) -> None:
    text = json.dumps({"simulation": {"paths": 10}})
    for encoding in ("utf-8-sig", "utf-16", "utf-32"):
        path = tmp_path / f"{encoding}.json"
        path.write_bytes(text.encode(encoding))
        assert cli(capsys, "plan", SAMPLE, "--scenario", str(path))[0] == 0
    bad = tmp_path / "latin.json"
    bad.write_bytes(b"\xff\xfe\xfd{}")
    status, err = cli(capsys, "plan", SAMPLE, "--scenario", str(bad))
    assert status == 2 and "not text in UTF-8" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["forecast", SAMPLE, "--horizon", "100000"], "from 1 to 520 periods"),
        (["forecast", SAMPLE, "--horizon", "9" * 5000], "invalid int value"),
        (["sweep", SAMPLE, "--param", "simulation.paths", "--values", "9" * 5000], "40 digits"),
        (["sweep", SAMPLE, "--param", "costs.unit_cost", "--values", "1,1e999"], "finite"),
        (["sweep", SAMPLE, "--param", "x" * 100_000, "--values", "1"], "no setting"),
        (["run", SAMPLE, "--scenario", "/nonexistent.json"], "Cannot read the scenario"),
    ],
)
def test_cli_probes_get_a_clear_message(capsys, args, message) -> None:
    try:
        status, err = cli(capsys, *args)
    except SystemExit as exc:  # argparse's own refusal: status 2 with its message
        status, err = exc.code, capsys.readouterr().err
    assert status == 2
    assert message in err
    assert len(err) < 6000


def test_cli_profile_into_a_folder_is_a_clear_message(tmp_path, capsys) -> None:
    status, err = cli(capsys, "profile", SAMPLE, "--csv", str(tmp_path))
    assert status == 2 and "folder" in err


def test_cli_deep_and_huge_scenario_files(tmp_path, capsys) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 10_000 + "]" * 10_000)
    assert cli(capsys, "run", SAMPLE, "--scenario", str(deep)) == (
        2,
        "error: The scenario file is nested more than 32 levels deep.\n"
        "hint: A scenario file nests four levels: start from a saved one.\n",
    )
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * (21 * 2**20))
    status, err = cli(capsys, "run", SAMPLE, "--scenario", str(huge))
    assert status == 2 and "at most 20 MB is read" in err
