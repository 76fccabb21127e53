"""The comparison as files: the CSV reads back to the same numbers, a scenario name that a
spreadsheet would evaluate stays text, and the workbook reopens without a formula cell."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from jitcore.compare import compare_scenarios
from jitcore.reports.comparison import (
    COLUMNS,
    comparison_csv,
    comparison_file_name,
    comparison_frame,
    comparison_xlsx,
)
from jitcore.tradeoffs import COMPARED
from tests.tradeoffs_helpers import forecasts, normal_demand, scenario

BASE = scenario(paths=100)
SHORT = BASE.with_setting("supply.lead_time", 1)


@pytest.fixture(scope="module")
def comparison():
    return compare_scenarios(
        normal_demand(),
        {"Today": BASE, "=HYPERLINK(1)": SHORT},
        forecasts={BASE.forecast: forecasts()},
    )


def test_the_frame_holds_every_kpi_of_every_scenario(comparison) -> None:
    frame = comparison_frame(comparison)
    assert tuple(frame.columns) == COLUMNS
    assert len(frame) == 2 * len(COMPARED)
    short = frame[(frame["scenario"] == "=HYPERLINK(1)") & (frame["kpi"] == "average_on_hand")]
    row = short.iloc[0]
    assert row["value"] == comparison.kpis("=HYPERLINK(1)").average_on_hand
    assert row["change"] == pytest.approx(row["value"] - row["reference_value"], abs=1e-12)
    assert row["better"] == "better"  # a shorter lead time needs less stock
    today = frame[frame["scenario"] == "Today"]
    assert (today["change"] == 0).all() and (today["better"] == "").all()


def test_the_csv_reads_back_and_keeps_names_as_text(comparison) -> None:
    back = pd.read_csv(io.BytesIO(comparison_csv(comparison)), keep_default_na=False)
    assert set(back["scenario"]) == {"Today", "'=HYPERLINK(1)"}
    frame = comparison_frame(comparison)
    assert back["value"].to_numpy() == pytest.approx(frame["value"].to_numpy(), rel=1e-12)
    assert comparison_file_name("teaching weekly") == "comparison_teaching_weekly.csv"


def test_the_workbook_reopens_without_formulas(comparison) -> None:
    book = openpyxl.load_workbook(io.BytesIO(comparison_xlsx(comparison)))
    assert book.sheetnames == ["KPIs", "Costs"]
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    costs = book["Costs"]
    header = [c.value for c in costs[1]]
    assert header[:2] == ["scenario", "horizon"] and header[-1] == "total_cost"
    total = costs.cell(row=2, column=len(header)).value
    assert total == pytest.approx(comparison.kpis("Today").total_cost, rel=1e-12)
