"""The ``run`` and ``scenario-template`` commands."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from jitcore.cli import main
from jitcore.scenario import Scenario
from tests.conftest import ROOT, SAMPLE_DIR, scenario_file

SAMPLE = SAMPLE_DIR / "classic_monthly_long.csv"
REQUIRED_KPIS = {
    "fill_rate", "cycle_service_level", "stockout_periods", "average_on_hand", "inventory_turns",
    "orders_placed", "bullwhip", "holding_cost", "ordering_cost", "shortage_cost", "total_cost",
}  # fmt: skip
TIMELINE = ["sku", "path", "period", "date", "demand", "forecast", "orders", "receipts",
            "on_hand", "backorders", "lost_sales", "inventory_position"]  # fmt: skip


def write_scenario(tmp_path, **sections) -> str:
    quick = {"forecast": {"method": "moving_average"}, "simulation": {"paths": 30}}
    return scenario_file(tmp_path, quick, sections)


def test_scenario_template_prints_every_key(capsys) -> None:
    assert main(["scenario-template"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == Scenario().to_dict()
    assert Scenario.from_dict(printed) == Scenario()
    assert main(["scenario-template", "--policy", "pout"]) == 0
    assert json.loads(capsys.readouterr().out)["policy"]["kind"] == "pout"


def test_run_json_has_totals_and_per_sku(tmp_path, capsys) -> None:
    scenario = write_scenario(tmp_path)
    timeline = tmp_path / "timeline.csv"
    code = main(["run", str(SAMPLE), "--scenario", scenario, "--json", "--timeline",
                 str(timeline)])  # fmt: skip
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["kpis"]) >= REQUIRED_KPIS
    assert [row["sku"] for row in out["per_sku"]] == [
        "A10_ANTIDIABETIC_AUDm", "H02_CORTICOSTEROID_AUDm", "WINE_AU_BOTTLES_LT1L"]  # fmt: skip
    assert all(set(row) >= REQUIRED_KPIS for row in out["per_sku"])
    assert 0.0 < out["kpis"]["fill_rate"] <= 1.0
    assert out["kpis"]["total_cost"] == pytest.approx(sum(r["total_cost"] for r in out["per_sku"]))
    table = pd.read_csv(timeline)
    assert list(table.columns[: len(TIMELINE)]) == TIMELINE
    assert len(table) == 3 * 30 * 12  # SKUs × recorded paths × periods
    assert (table["on_hand"] >= 0).all()


def test_run_one_sku_plain_table(tmp_path, capsys) -> None:
    scenario = write_scenario(tmp_path, policy={"kind": "kanban"})
    assert main(["run", str(SAMPLE), "--scenario", scenario, "--sku", "WINE_AU_BOTTLES_LT1L"]) == 0
    text = capsys.readouterr().out
    assert "kanban" in text and "WINE_AU_BOTTLES_LT1L" in text and "TOTAL" in text
    assert "A10_ANTIDIABETIC_AUDm" not in text


@pytest.mark.parametrize(
    "args, message",
    [
        (["--sku", "NOPE"], "NOPE"),
        (["--scenario", "missing.json"], "Cannot read the scenario file"),
    ],
)
def test_run_user_errors_exit_2_with_a_plain_message(args, message, capsys) -> None:
    assert main(["run", str(SAMPLE), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and "hint:" in err


def test_run_bad_scenario_names_the_setting(tmp_path, capsys) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"supply": {"lead_time": -3}}))
    assert main(["run", str(SAMPLE), "--scenario", str(path)]) == 2
    err = capsys.readouterr().err
    assert "supply.lead_time" in err and "-3" in err


def test_module_entry_point(tmp_path) -> None:
    out = subprocess.run([sys.executable, "-m", "jitcore", "scenario-template"], cwd=ROOT,
                         capture_output=True, text=True, check=True)  # fmt: skip
    assert json.loads(out.stdout)["schema_version"] == 1
