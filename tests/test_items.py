"""The item master: reading (encodings, number formats, headers), round-trip through the CSV
export, clear messages for unknown SKUs and bad values, and its effect on cost and stock."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jitcore.cli import main
from jitcore.costs import holding_cost_per_unit_period
from jitcore.errors import IntakeError, JitError
from jitcore.intake import read_demand
from jitcore.items import (
    apply_items,
    items_frame,
    items_from_frame,
    read_items,
    replace_items,
)
from jitcore.pipeline import plan_scenario, run_scenario
from jitcore.reports.items import items_csv
from jitcore.scenario import Scenario, SkuOverride
from tests.conftest import SAMPLE_DIR

TEACHING = SAMPLE_DIR / "teaching_weekly_long.csv"
SKUS = ("INTERMITTENT-01", "LUMPY-01", "PROMO-01", "SEASONAL-01", "STABLE-01", "TREND-01")

GERMAN = (
    "Stammdaten Lager Nord\n\n"
    "Artikel;Einkaufspreis;Lieferzeit (Tage);MOQ;Lieferant;Warengruppe;Servicegrad\n"
    "STABLE-01;12,50;14;100;Acme;Werkzeug;97\n"
    "TREND-01;1.234,00;21;;Beta;Teile;\n"
    "NOPE-9;3,5;7;;Acme;Werkzeug;90\n"
).encode("cp1252")


def _scenario(**simulation) -> Scenario:
    data = Scenario().to_dict()
    data["forecast"]["method"] = "moving_average"
    data["simulation"].update({"paths": 40, "timeline_paths": 0, **simulation})
    return Scenario.from_dict(data)


def test_german_item_master_with_title_rows_decimal_comma_and_days() -> None:
    master = read_items(GERMAN, filename="stamm.csv", skus=SKUS, frequency="W")
    stable, trend = master.items
    assert (stable.sku, stable.unit_cost, stable.min_order_quantity) == ("STABLE-01", 12.5, 100)
    assert stable.lead_time == 2 and trend.lead_time == 3  # 14 and 21 days in weeks
    assert (stable.supplier, stable.category, trend.supplier) == ("Acme", "Werkzeug", "Beta")
    assert trend.unit_cost == 1234.0  # thousands point, decimal comma
    assert stable.cycle_service_level == pytest.approx(0.97)  # 97 read as a percentage
    assert trend.cycle_service_level is None and trend.min_order_quantity is None
    assert master.unknown_skus == ("NOPE-9",)
    assert any("Left out 1 SKU not in the demand data: 'NOPE-9'" in n for n in master.notes)
    assert any("4 SKUs of the data are not in the item master" in n for n in master.notes)


def test_round_trip_through_the_csv_export() -> None:
    items = (
        SkuOverride(sku="STABLE-01", unit_cost=12.25, lead_time=3, lead_time_sd=0.5,
                    min_order_quantity=50, order_multiple=10, container_size=25,
                    ordering_cost=80, supplier="Acme, Inc.", category="Tools"),
        SkuOverride(sku="TREND-01", unit_cost=0.99, fill_rate=0.985, safety_stock=4.0),
    )  # fmt: skip
    scenario = apply_items(Scenario(), items)
    payload = items_csv(scenario, SKUS)
    master = read_items(payload, filename="items.csv", skus=SKUS)
    assert master.items == items
    assert apply_items(Scenario(), master.items) == scenario
    # the editor's frame round-trips too
    frame = items_frame(scenario, SKUS)
    assert items_from_frame(frame) == items
    assert replace_items(Scenario(), items_from_frame(frame), SKUS) == scenario


@settings(max_examples=40, deadline=None)
@given(
    cost=st.decimals(min_value="0.01", max_value="99999.99", places=2),
    comma=st.booleans(),
)
def test_unit_costs_in_either_number_format_read_exactly(cost, comma) -> None:
    value = float(cost)
    if comma:
        text = f"{value:,.2f}".replace(",", " ").replace(".", ",")
        body = f"sku;unit cost\nA;{text}\nB;1,5\n"
    else:
        body = f'sku,unit cost\nA,"{value:,.2f}"\nB,1.5\n'
    master = read_items(body.encode(), filename="items.csv")
    assert master.items[0].unit_cost == pytest.approx(value, rel=1e-12)
    assert master.items[1].unit_cost == 1.5


def test_bad_values_name_row_column_and_value() -> None:
    with pytest.raises(IntakeError, match=r"Row 3 .* 'abc' in the column 'Unit cost'"):
        read_items(b"SKU,Unit cost\nA,2\nB,abc\n", filename="i.csv")
    with pytest.raises(IntakeError, match=r"Row 2 .*SKU 'A'.*'Unit cost' is -5"):
        read_items(b"SKU,Unit cost\nA,-5\n", filename="i.csv")
    with pytest.raises(IntakeError, match="no SKU column"):
        read_items(b"Name,Unit cost\nA,2\n", filename="i.csv")
    with pytest.raises(IntakeError, match="no item attribute"):
        read_items(b"SKU,Colour\nA,red\n", filename="i.csv")
    with pytest.raises(IntakeError, match="None of the 2 SKUs of the item master"):
        read_items(b"SKU,Unit cost\nX,2\nY,3\n", filename="i.csv", skus=SKUS)
    frame = items_frame(Scenario(), SKUS[:1])
    frame.loc[0, "lead_time_sd"] = -1.0
    with pytest.raises(JitError, match="Lead time σ of SKU 'INTERMITTENT-01' is -1.0"):
        items_from_frame(frame)


def test_price_or_value_column_of_the_demand_file() -> None:
    body = (
        b"date,sku,qty,price,sales value\n"
        b"2024-01-01,A,10,2.00,20\n2024-01-08,A,5,3.00,15\n2024-01-15,A,0,2.50,0\n"
        b"2024-01-01,B,4,,10\n2024-01-08,B,6,,20\n"
    )
    master = read_items(body, filename="d.csv", sku_column="sku", quantity_column="qty")
    a, b = master.items
    assert a.unit_cost == 2.5  # the median price of its rows
    assert b.unit_cost == pytest.approx(30 / 10)  # Σ value / Σ quantity where no price


def test_item_master_changes_cost_and_stock() -> None:
    demand = read_demand(TEACHING)
    base = _scenario()
    skus = ["STABLE-01", "TREND-01"]
    items = read_items(
        b"SKU,Unit cost,Lead time\nSTABLE-01,20,2\nTREND-01,10,7\n", filename="i.csv", skus=SKUS
    ).items
    changed = apply_items(base, items)
    before = run_scenario(demand, base, skus=skus)
    after = run_scenario(demand, changed, skus=skus)
    # STABLE-01: same lead time (2, the default), unit cost 10 → 20: the same stock at twice
    # the holding cost per unit (holding = unit cost × rate / periods per year)
    s0, s1 = before.kpis_for("STABLE-01"), after.kpis_for("STABLE-01")
    assert s1.average_on_hand == pytest.approx(s0.average_on_hand)
    assert s1.holding_cost == pytest.approx(2 * s0.holding_cost)
    rate = holding_cost_per_unit_period(20.0, base.costs.holding_rate, 52.0)
    window = len(after.dates) - base.simulation.warmup_periods
    assert s1.holding_cost == pytest.approx(rate * s1.average_on_hand * window, rel=1e-9)
    # TREND-01: lead time 2 → 7 weeks: more safety stock (σ over a longer exposure), more stock
    plan0, plan1 = plan_scenario(demand, base, skus=skus), plan_scenario(demand, changed, skus=skus)
    assert plan1.get("TREND-01").exposure == plan0.get("TREND-01").exposure + 5
    assert plan1.get("TREND-01").safety_stock > plan0.get("TREND-01").safety_stock
    assert plan1.get("TREND-01").order_up_to > plan0.get("TREND-01").order_up_to
    # the order-up-to level covers mean demand over the longer exposure
    grown = plan1.get("TREND-01").order_up_to - plan0.get("TREND-01").order_up_to
    assert grown > 5 * plan0.get("TREND-01").mean_demand
    assert after.kpis_for("TREND-01").average_on_hand > before.kpis_for("TREND-01").average_on_hand


def test_per_sku_service_target_sets_that_skus_buffers() -> None:
    demand = read_demand(TEACHING)
    base = _scenario()
    high = apply_items(base, [SkuOverride(sku="STABLE-01", cycle_service_level=0.99)])
    plan0, plan1 = plan_scenario(demand, base), plan_scenario(demand, high)
    assert plan1.get("STABLE-01").safety_stock > plan0.get("STABLE-01").safety_stock
    assert plan1.get("TREND-01") == plan0.get("TREND-01")
    uniform = base.with_setting("buffers.cycle_service_level", 0.99)
    assert plan1.get("STABLE-01") == plan_scenario(demand, uniform).get("STABLE-01")


@pytest.mark.parametrize("command", ["run", "plan", "sweep", "calibrate"])
def test_every_scenario_command_takes_items(command, tmp_path, capsys) -> None:
    scenario = tmp_path / "s.json"
    scenario.write_text(_scenario(paths=10).to_json())
    items = tmp_path / "items.csv"
    items.write_text("SKU,Unit cost,Lead time\nSTABLE-01,40,4\nNOPE,1,1\n")
    extra = {"sweep": ["--param", "supply.yield_rate", "--values", "1.0"]}.get(command, [])
    args = [command, str(TEACHING), "--scenario", str(scenario), "--sku", "STABLE-01", "--json"]
    assert main([*args, *extra]) == 0
    plain = capsys.readouterr().out
    assert main([*args, *extra, "--items", str(items)]) == 0
    captured = capsys.readouterr()
    assert "Left out 1 SKU not in the demand data: 'NOPE'" in captured.err
    assert json.loads(captured.out) != json.loads(plain)
    if command == "plan":
        row = json.loads(captured.out)["per_sku"][0]
        assert row["lead_time"] == 4.0
    if command == "run":
        kpis = json.loads(captured.out)["per_sku"][0]
        assert kpis["holding_cost"] > 4 * json.loads(plain)["per_sku"][0]["holding_cost"]
    assert main([*args, *extra, "--items", str(tmp_path / "missing.csv")]) == 2
    assert "item master" in capsys.readouterr().err


def test_excel_item_master(tmp_path) -> None:
    path = tmp_path / "items.xlsx"
    pd.DataFrame(
        {"Item": ["STABLE-01", "LUMPY-01"], "Unit price": [3.5, 7.0], "Vendor": ["A", "B"]}
    ).to_excel(path, index=False)
    master = read_items(path, skus=SKUS)
    assert [(i.sku, i.unit_cost, i.supplier) for i in master.items] == [
        ("STABLE-01", 3.5, "A"), ("LUMPY-01", 7.0, "B")]  # fmt: skip


def test_items_from_the_demand_files_own_value_column(tmp_path, capsys) -> None:
    rows = ["date,sku,qty,sales value"]
    for week in range(10):
        day = f"2024-{1 + week // 4:02d}-{1 + 7 * (week % 4):02d}"
        rows += [f"{day},A,{10 + week},{2.0 * (10 + week)}", f"{day},B,4,{4 * 7.5}"]
    demand = tmp_path / "shop.csv"
    demand.write_text("\n".join(rows) + "\n")
    scenario = tmp_path / "s.json"
    scenario.write_text(_scenario(paths=5).to_json())
    args = ["plan", str(demand), "--scenario", str(scenario), "--json", "--items", str(demand)]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "unit cost from 'sales value / qty'" in captured.err
    costs = {r["sku"]: r["holding_cost_per_unit_year"] for r in json.loads(captured.out)["per_sku"]}
    rate = Scenario().costs.holding_rate
    assert costs == pytest.approx({"A": 2.0 * rate, "B": 7.5 * rate})
