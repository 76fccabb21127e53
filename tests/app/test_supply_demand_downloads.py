"""The Supply & demand page's download row: timeline and KPIs as CSV and Excel, for the SKU
shown, named after it."""

from __future__ import annotations

from tests.app.session import open_app


def test_download_row_offers_the_timeline_and_kpis() -> None:
    at = open_app("pages/supply_demand.py", timeout=120)
    labels = [b.proto.label for b in at.get("download_button")]
    for label in ("Timeline (CSV)", "KPIs (CSV)", "Both (Excel)"):
        assert label in labels
    assert any("means over the paths" in c.value for c in at.caption)
