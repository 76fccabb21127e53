"""Exports: the buffer plan as CSV keeps every field under its plain name."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from jitcore.buffers import BufferSettings, BufferTable, SkuDemandStats, plan_sku
from jitcore.reports import plan_csv, plan_file_name
from tests.test_charts_plan import _terms


def test_plan_csv_round_trips() -> None:
    settings = BufferSettings()
    table = BufferTable(
        (plan_sku(SkuDemandStats("A,1", 100.0, 20.0), settings, _terms(review_period=1.0)),)
    )
    back = pd.read_csv(io.BytesIO(plan_csv(table)))
    expected = table.frame()
    assert list(back.columns) == list(expected.columns)
    assert back.loc[0, "sku"] == "A,1"
    for column in ("safety_stock", "reorder_point", "eoq", "kanban_cards"):
        assert back.loc[0, column] == pytest.approx(expected.loc[0, column], rel=1e-12)


def test_plan_file_name_has_no_spaces() -> None:
    assert plan_file_name("Teaching set W") == "buffer_plan_Teaching_set_W.csv"
    assert plan_file_name("") == "buffer_plan_data.csv"
