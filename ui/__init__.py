"""The app layer around :mod:`jitcore`: everything the pages share (imports streamlit).

* :mod:`ui.state` — session state: active data, SKU, working scenario and baseline; widget
  memory (one rule for every widget); the last settings that worked;
* :mod:`ui.cache` — every ``st.cache_*`` of the app, keyed on the data and frozen settings;
* :mod:`ui.sidebar` — the sidebar every page shows (active data, SKU, scenario file);
* :mod:`ui.format` — KPI cards and table formats (the numbers themselves come from
  :mod:`jitcore.formatting`);
* :mod:`ui.messages` — user errors as messages; :mod:`ui.samples` — the bundled data sets;
* :mod:`ui.widgets` — the settings widgets that edit one section of the scenario;
* :mod:`ui.views` — the parts of the longer pages, one module per view.

Pages read widgets, call the core through :mod:`ui.cache` and draw views; they never define
their own state scheme, cache or number format.
"""

from ui.deep_link import run_through_app as _run_through_app

_run_through_app()  # a page opened by its own address on a fresh server: see ui.deep_link
