"""The ``plan`` and ``calibrate`` commands, and the target and gap of ``run --json``."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from jitcore.cli import main
from tests.conftest import ROOT, scenario_file

PLAN_KEYS = {
    "sku", "safety_stock", "reorder_point", "order_up_to", "eoq", "kanban_cards",
    "expected_cycle_service_level", "expected_fill_rate", "demand_model", "sigma_source",
    "mean_demand", "lead_time", "exposure", "sigma_exposure",
}  # fmt: skip


@pytest.fixture(scope="module")
def demand_file(tmp_path_factory) -> str:
    """Two SKUs, 104 weeks of whole-unit Poisson demand (means 40 and 8)."""
    rng = np.random.default_rng(5)
    dates = pd.date_range("2022-01-03", periods=104, freq="W-MON")
    frame = pd.concat(
        pd.DataFrame({"date": dates, "sku": sku, "quantity": rng.poisson(mean, len(dates))})
        for sku, mean in (("BOLT", 40), ("NUT", 8))
    )
    path = tmp_path_factory.mktemp("plan") / "demand.csv"
    frame.to_csv(path, index=False)
    return str(path)


def write_scenario(tmp_path, **sections) -> str:
    quick = {
        "forecast": {"method": "moving_average", "candidates": ["moving_average"]},
        "simulation": {"paths": 20},
    }
    return scenario_file(tmp_path, quick, sections)


def test_plan_json_has_every_buffer_per_sku(demand_file, tmp_path, capsys) -> None:
    scenario = write_scenario(tmp_path)
    assert main(["plan", demand_file, "--scenario", scenario, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["buffer_method"] == "service_level" and out["policy"] == "order_up_to"
    assert [row["sku"] for row in out["per_sku"]] == ["BOLT", "NUT"]
    for row in out["per_sku"]:
        assert set(row) >= PLAN_KEYS
        assert row["safety_stock"] > 0
        assert row["order_up_to"] > row["safety_stock"]
        assert row["lead_time"] == 2 and row["exposure"] == 3  # L + R with R = 1
        # smooth Poisson demand: the plan promises the 95 % target
        assert row["expected_cycle_service_level"] == pytest.approx(0.95, abs=0.01)
    bolt, nut = out["per_sku"]
    assert bolt["mean_demand"] == pytest.approx(40, rel=0.1)
    assert nut["mean_demand"] == pytest.approx(8, rel=0.15)


def test_plan_table_one_sku_and_csv(demand_file, tmp_path, capsys) -> None:
    scenario = write_scenario(tmp_path)
    assert main(["plan", demand_file, "--scenario", scenario, "--sku", "NUT"]) == 0
    text = capsys.readouterr().out
    for label in ("safety stock", "reorder pt s", "order-up-to S", "EOQ", "kanban cards",
                  "expected CSL", "expected fill", "demand model", "σ source"):  # fmt: skip
        assert label in text
    assert "NUT" in text and "BOLT" not in text
    out = tmp_path / "plan.csv"
    assert main(["plan", demand_file, "--scenario", scenario, "--csv", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table["sku"]) == ["BOLT", "NUT"]
    assert {"safety_stock", "reorder_point", "eoq", "demand_model", "sigma_source"} <= set(
        table.columns
    )


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON"),
        ('{"buffers": {"servce_level": 0.9}}', "'buffers.servce_level' is not a known setting"),
        ('{"buffers": {"cycle_service_level": 1.5}}', "buffers.cycle_service_level"),
    ],
)
def test_a_bad_scenario_file_exits_2_with_a_message(demand_file, tmp_path, capsys, content,
                                                    message) -> None:  # fmt: skip
    path = tmp_path / "bad.json"
    path.write_text(content)
    for command in ("plan", "calibrate"):
        assert main([command, demand_file, "--scenario", str(path)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: ") and message in err
        assert "hint: " in err and "Traceback" not in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["plan", "missing.csv"], "does not exist"),
        (["calibrate", "missing.csv"], "does not exist"),
        (["plan", "{file}", "--sku", "NOPE"], "'NOPE' is not in the data"),
        (["calibrate", "{file}", "--sku", "NOPE"], "'NOPE' is not in the data"),
    ],
)
def test_user_errors_exit_2(demand_file, args, message, capsys) -> None:
    assert main([a.replace("{file}", demand_file) for a in args]) == 2
    assert message in capsys.readouterr().err


def test_the_process_exits_2_without_a_traceback(demand_file, tmp_path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"policy": {"kind": "magic"}}')
    done = subprocess.run(
        [sys.executable, "-m", "jitcore", "plan", demand_file, "--scenario", str(path)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 2
    assert "policy.kind" in done.stderr and "Traceback" not in done.stderr


def test_calibrate_json_per_sku_both_modes_and_summary(demand_file, tmp_path, capsys) -> None:
    scenario = write_scenario(tmp_path)
    assert main(["calibrate", demand_file, "--scenario", scenario, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["target"] == {"measure": "cycle_service_level", "value": 0.95}
    assert out["modes"] == ["monte_carlo", "replay"]
    assert [row["sku"] for row in out["per_sku"]] == ["BOLT", "NUT"]
    for row in out["per_sku"]:
        assert row["demand_class"] == "smooth"
        assert {"demand_model", "sigma_source", "flagged"} <= set(row)
        for mode in ("monte_carlo", "replay"):
            item = row[mode]
            assert 0.0 <= item["achieved"] <= 1.0
            assert item["gap_points"] == pytest.approx(100 * (item["achieved"] - 0.95))
            assert item["flagged"] == (abs(item["gap_points"]) > 3)
            assert isinstance(item["reasons"], list)
    assert [(r["mode"], r["demand_class"], r["items"]) for r in out["summary"]] == [
        ("monte_carlo", "smooth", 2), ("replay", "smooth", 2)]  # fmt: skip


def test_calibrate_table_and_a_scenario_without_target(demand_file, tmp_path, capsys) -> None:
    scenario = write_scenario(tmp_path, buffers={"method": "fill_rate", "fill_rate": 0.9})
    assert main(["calibrate", demand_file, "--scenario", scenario, "--sku", "NUT"]) == 0
    text = capsys.readouterr().out
    assert "Target: fill rate 90.0%" in text and "Per demand class" in text and "NUT" in text
    scenario = write_scenario(tmp_path, buffers={"method": "days_of_cover"})
    assert main(["calibrate", demand_file, "--scenario", scenario]) == 2
    assert "needs a service target" in capsys.readouterr().err


@pytest.mark.parametrize(
    "buffers, measure, value",
    [
        ({}, "cycle_service_level", 0.95),
        ({"method": "fill_rate", "fill_rate": 0.97}, "fill_rate", 0.97),
        ({"method": "days_of_cover"}, None, None),
    ],
)
def test_run_json_has_each_skus_target_and_gap(demand_file, tmp_path, capsys, buffers, measure,
                                               value) -> None:  # fmt: skip
    scenario = write_scenario(tmp_path, buffers=buffers)
    assert main(["run", demand_file, "--scenario", scenario, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    for row in out["per_sku"]:
        if measure is None:
            assert row["target"] is None and row["gap"] is None
            continue
        assert row["target"] == {"measure": measure, "value": value}
        assert row["gap"] == pytest.approx(row[measure] - value)
