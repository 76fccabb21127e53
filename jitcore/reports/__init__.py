"""Exports: results written to files people keep, send and open elsewhere (CSV today; Excel,
HTML, PDF and images belong here too). No streamlit: the app, the command line and scripts
call the same builders, each returning bytes and a file name.

* :mod:`~jitcore.reports.plan` — the buffer plan as CSV (:func:`plan_csv`).
"""

from jitcore.reports.plan import plan_csv, plan_file_name

__all__ = ["plan_csv", "plan_file_name"]
