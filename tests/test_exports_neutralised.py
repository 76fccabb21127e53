"""Every export path with SKU names a spreadsheet would evaluate: no CSV field and no Excel
cell of user text is a formula (OWASP CSV injection)."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from jitcore.cli import main
from jitcore.pipeline import plan_scenario
from jitcore.reports import plan_csv
from jitcore.scenario import Scenario
from tests.injection import (
    FILE_NAMES,
    INJECTION_NAMES,
    assert_csv_safe,
    assert_xlsx_safe,
    injection_demand,
    write_injection_file,
)


def fast_scenario() -> Scenario:
    return Scenario.from_dict(
        {"forecast": {"method": "moving_average"}, "simulation": {"paths": 20, "timeline_paths": 3}}
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("injection")
    scenario = folder / "scenario.json"
    scenario.write_text(fast_scenario().to_json())
    return folder, write_injection_file(folder / "demand.csv"), str(scenario)


def test_plan_csv(files) -> None:
    table = plan_scenario(injection_demand(), fast_scenario())
    assert_csv_safe(plan_csv(table), INJECTION_NAMES)


@pytest.mark.parametrize(
    "command, option",
    [("profile", "--csv"), ("run", "--timeline"), ("plan", "--csv")],
)
def test_command_line_csv(files, command, option, capsys) -> None:
    folder, demand, scenario = files
    out = folder / f"{command}.csv"
    extra = [] if command == "profile" else ["--scenario", scenario]
    assert main([command, demand, *extra, option, str(out)]) == 0
    capsys.readouterr()
    assert_csv_safe(out.read_bytes(), FILE_NAMES)


@pytest.mark.parametrize("command", ["profile", "run", "plan"])
def test_command_line_csv_into_a_folder_is_a_user_error(files, command, capsys) -> None:
    folder, demand, scenario = files
    option = "--timeline" if command == "run" else "--csv"
    assert main([command, demand, option, str(folder)]) == 2
    err = capsys.readouterr().err
    assert "it is a folder" in err and "Traceback" not in err


def test_json_keeps_names_exact(files, capsys) -> None:
    folder, demand, scenario = files
    assert main(["run", demand, "--scenario", scenario, "--json"]) == 0
    names = [row["sku"] for row in json.loads(capsys.readouterr().out)["per_sku"]]
    assert sorted(names) == sorted(FILE_NAMES)


def test_supply_demand_downloads(files) -> None:
    from jitcore.pipeline import run_scenario
    from jitcore.reports import supply_demand as exports

    result = run_scenario(injection_demand(), fast_scenario())
    baseline = result.kpis_for(INJECTION_NAMES[1])
    for sku in INJECTION_NAMES:
        assert_csv_safe(exports.timeline_csv(result, sku), [sku])
        assert_csv_safe(exports.kpis_csv(result, sku, baseline), [sku])
        payload = exports.sku_workbook(result, sku, baseline)
        assert assert_xlsx_safe(payload, [sku]) == ["KPIs", "Timeline", "Paths"]
    kpis = pd.read_excel(io.BytesIO(payload), sheet_name="KPIs").set_index("name")
    mine = result.kpis_for(INJECTION_NAMES[-1])
    assert kpis.loc["total_cost", "value"] == pytest.approx(mine.total_cost, rel=1e-12)
    assert kpis.loc["fill_rate", "change"] == pytest.approx(
        mine.fill_rate - baseline.fill_rate, rel=1e-12
    )
    paths = pd.read_excel(io.BytesIO(payload), sheet_name="Paths")
    assert len(paths) == 3 * len(result.dates)  # timeline_paths × periods
    name = exports.download_name(result, INJECTION_NAMES[0], "kpis", "csv")
    assert name == "supply_demand_kpis_HYPERLINK_http_x_Base.csv"


def test_report_workbook_of_the_injection_names() -> None:
    from jitcore.reports.content import report_content
    from jitcore.reports.workbook import report_workbook

    baseline = fast_scenario().with_setting("supply.lead_time", 4)
    content = report_content(injection_demand(), fast_scenario(), baseline)
    assert_xlsx_safe(report_workbook(content), INJECTION_NAMES)


def test_workshop_debrief_csv_of_injection_team_names() -> None:
    from dataclasses import replace

    from jitcore.lessons.exercises import EXERCISES_BY_KEY, debrief_csv
    from tests.test_lessons_exercises import _attempts

    attempts = [
        replace(a, team=name) for a, name in zip(_attempts(), INJECTION_NAMES, strict=False)
    ]
    payload = debrief_csv(attempts, EXERCISES_BY_KEY).encode("utf-8")
    assert_csv_safe(payload, INJECTION_NAMES[: len(attempts)])


def test_item_master_csv_of_injection_names() -> None:
    from jitcore.reports.items import items_csv

    assert_csv_safe(items_csv(fast_scenario(), INJECTION_NAMES), INJECTION_NAMES)
