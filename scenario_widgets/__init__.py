"""Settings widgets for the sections of the working Scenario, shared by the Plan, Supply & demand
and Trade-offs pages (app layer: imports streamlit).

Every function renders the widgets of one section into the current container, seeds them from
``scenario`` (so values survive page switches: keyed widgets lose their state when the page
changes) and returns the scenario with that section updated. An invalid combination (e.g. a VMI
maximum below the minimum) shows a plain error under the widgets and returns the section
unchanged, so the user's earlier settings are kept. Widget keys are ``f"{key}_{field}"``: give
each page its own ``key`` so two pages never share widget state.

Typical use::

    s = ui.scenario()
    scenario_widgets.follow_scenario("sd", s)  # a scenario loaded elsewhere wins
    new = scenario_widgets.policy_settings(s, key="sd", frequency=data.frequency)
    new = scenario_widgets.supply_settings(new, key="sd", frequency=data.frequency)
    if new != s:
        ui.set_scenario(new)
    scenario_widgets.remember_scenario("sd", ui.scenario())

The widgets are data: :mod:`scenario_widgets.fields` holds one spec per setting (kind, label,
bounds, step, help, conversions), :mod:`scenario_widgets.render` draws a spec and applies
values, :mod:`scenario_widgets.sections` lists which settings each section shows and when, and
:mod:`scenario_widgets.describe` names settings in plain words.
"""

from scenario_widgets.describe import LABELS, describe_changes
from scenario_widgets.fields import (
    BUFFER_METHODS,
    DEMAND_MODELS,
    FIELDS,
    FORECAST_UPDATING,
    LEAD_TIME_MAX,
    PATH_CHOICES,
    PERIOD_WORDS,
    POLICY_BUFFER_FIELDS,
    POLICY_FIELDS,
    POLICY_HELP,
    SIMULATION_MODES,
    UNCERTAINTY,
    Field,
)
from scenario_widgets.render import (
    apply_section,
    follow_scenario,
    period_word,
    remember_scenario,
    render,
    render_fields,
    reset_widgets,
    update_section,
)
from scenario_widgets.sections import (
    buffer_settings,
    cost_settings,
    order_settings,
    policy_settings,
    simulation_settings,
    supply_settings,
)

__all__ = [
    "BUFFER_METHODS",
    "DEMAND_MODELS",
    "FIELDS",
    "FORECAST_UPDATING",
    "LABELS",
    "LEAD_TIME_MAX",
    "PATH_CHOICES",
    "PERIOD_WORDS",
    "POLICY_BUFFER_FIELDS",
    "POLICY_FIELDS",
    "POLICY_HELP",
    "SIMULATION_MODES",
    "UNCERTAINTY",
    "Field",
    "apply_section",
    "buffer_settings",
    "cost_settings",
    "describe_changes",
    "follow_scenario",
    "order_settings",
    "period_word",
    "policy_settings",
    "remember_scenario",
    "render",
    "render_fields",
    "reset_widgets",
    "simulation_settings",
    "supply_settings",
    "update_section",
]
