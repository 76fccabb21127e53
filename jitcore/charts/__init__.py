"""Plotly figure builders shared by the app, reports and exports (one module per page topic)."""
