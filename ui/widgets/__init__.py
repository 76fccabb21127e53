"""Settings widgets for the sections of the working Scenario, shared by the Plan, Supply & demand
and Trade-offs pages.

Every function renders the widgets of one section into the current container, each showing the
scenario's value (and following it when it changes elsewhere, see :func:`ui.state.sync`), and
returns the scenario with that section updated. An invalid combination (e.g. a VMI maximum
below the minimum) shows a plain error under the widgets and returns the section unchanged, so
the user's earlier settings are kept. Widget keys are ``f"{key}_{field}"``: give each page its
own ``key`` so two pages never share widget state.

Typical use::

    s = state.scenario()
    new = widgets.policy_settings(s, key="sd", frequency=data.frequency)
    new = widgets.supply_settings(new, key="sd", frequency=data.frequency)
    if new != s:
        state.set_scenario(new)

The widgets are data: :mod:`ui.widgets.fields` holds one spec per setting (kind, label, bounds,
step, help, conversions), :mod:`ui.widgets.render` draws a spec and applies values,
:mod:`ui.widgets.sections` lists which settings each section shows and when, and
:mod:`ui.widgets.describe` names settings in plain words.
"""

from ui.widgets.describe import describe_changes
from ui.widgets.fields import FIELDS
from ui.widgets.sections import (
    buffer_settings,
    cost_settings,
    order_settings,
    policy_settings,
    simulation_settings,
    supply_settings,
)

__all__ = [
    "FIELDS",
    "buffer_settings",
    "cost_settings",
    "describe_changes",
    "order_settings",
    "policy_settings",
    "simulation_settings",
    "supply_settings",
]
