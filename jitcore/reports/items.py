"""The item master as a file: one row per SKU, the attributes under their labels, so it can be
edited in a spreadsheet and read back (:func:`jitcore.items.read_items`)."""

from __future__ import annotations

from collections.abc import Sequence

from jitcore.items import ITEM_FIELDS, items_frame
from jitcore.reports.cells import csv_bytes
from jitcore.scenario import Scenario


def items_csv(scenario: Scenario, skus: Sequence[str]) -> bytes:
    """The item master of ``skus`` as UTF-8 CSV with the labels of :data:`ITEM_FIELDS` as
    headers, readable again by :func:`read_items`."""
    frame = items_frame(scenario, skus)
    frame.columns = ["SKU", *(spec.label for spec in ITEM_FIELDS.values())]
    return csv_bytes(frame)


def items_file_name(data_name: str) -> str:
    """``item_master_<data set>.csv``, without spaces."""
    return f"item_master_{data_name or 'data'}.csv".replace(" ", "_")
