"""The ``sweep`` command: per value the KPIs of ``run`` (same key names and numbers)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from jitcore.cli import main
from jitcore.cli.sweep import parse_values
from jitcore.errors import ScenarioError
from jitcore.scenario import Scenario
from tests.conftest import ROOT, SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "classic_monthly_long.csv"


def write_scenario(tmp_path, **changes) -> str:
    value = Scenario().with_setting("forecast.method", "moving_average")
    value = value.with_setting("simulation.paths", 30)
    for name, setting in changes.items():
        value = value.with_setting(name.replace("__", "."), setting)
    path = tmp_path / f"scenario{len(changes)}.json"
    path.write_text(value.to_json())
    return str(path)


def _sku() -> str:
    return SAMPLE.read_text().splitlines()[1].split(",")[1]


def test_sweep_json_matches_run_for_each_value(tmp_path, capsys) -> None:
    scenario = write_scenario(tmp_path)
    sku = _sku()
    code = main(["sweep", str(SAMPLE), "--scenario", scenario, "--param", "supply.lead_time",
                 "--values", "0, 3", "--sku", sku, "--json"])  # fmt: skip
    assert code == 0
    swept = json.loads(capsys.readouterr().out)
    assert swept["param"] == "supply.lead_time" and swept["values"] == [0, 3]
    for value, result in zip([0, 3], swept["results"], strict=True):
        assert result["value"] == value
        single = write_scenario(tmp_path, supply__lead_time=value)
        assert main(["run", str(SAMPLE), "--scenario", single, "--sku", sku, "--json"]) == 0
        ran = json.loads(capsys.readouterr().out)
        assert set(result["kpis"]) == set(ran["kpis"])
        assert result["per_sku"][0]["sku"] == sku
        for key, number in ran["kpis"].items():
            if number is None:
                assert result["kpis"][key] is None
            else:
                assert result["kpis"][key] == pytest.approx(number, rel=1e-12), key
    low, high = swept["results"]
    assert high["kpis"]["average_on_hand"] > low["kpis"]["average_on_hand"]


def test_sweep_table_has_a_row_per_value(tmp_path, capsys) -> None:
    scenario = write_scenario(tmp_path)
    code = main(["sweep", str(SAMPLE), "--scenario", scenario, "--param", "policy.kind",
                 "--values", "order_up_to,kanban,pout", "--sku", _sku()])  # fmt: skip
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    assert "policy.kind swept over 3 value(s)" in lines[0]
    assert lines[1].split()[:3] == ["kind", "fill", "rate"]
    assert [line.split()[0] for line in lines[2:]] == ["order_up_to", "kanban", "pout"]


def test_parse_values() -> None:
    assert parse_values("0.9, 0.95,kanban, null ,true") == [0.9, 0.95, "kanban", None, True]
    with pytest.raises(ScenarioError):
        parse_values(" , ")


def test_bad_setting_or_value_is_a_plain_error(capsys) -> None:
    command = ["sweep", str(SAMPLE), "--param"]
    assert main([*command, "supply.lead", "--values", "1,2"]) == 2
    err = capsys.readouterr().err
    assert "no setting 'supply.lead'" in err and "hint:" in err and "Traceback" not in err
    assert main([*command, "buffers.cycle_service_level", "--values", "0.9,1.5"]) == 2
    assert "cycle_service_level" in capsys.readouterr().err


def test_the_module_entry_point_lists_the_command() -> None:
    out = subprocess.run([sys.executable, "-m", "jitcore", "sweep", "--help"],
                         capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    assert out.returncode == 0 and "--values" in out.stdout
