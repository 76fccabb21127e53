"""Plan views: the per-SKU buffer table with labelled columns and units, the formulas behind one
SKU's buffers with its numbers plugged in (LaTeX), and the EOQ cost curve.

Sources (as in :mod:`jitcore.buffers.formulas`): Chopra & Meindl, *Supply Chain Management*,
6th ed., ch. 11-12 (C&M); Silver, Pyke & Thomas (2017), *Inventory and Production Management in
Supply Chains*, 4th ed., ch. 4 and 6 (SPT); Harris (1913) for the EOQ; Heizer & Render,
*Operations Management*, ch. 16, for the kanban count.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from scipy.stats import norm

from jitcore.buffers import BufferSettings, BufferTable, SkuBuffer, eoq_curve
from jitcore.charts.theme import COLORS, FONT_SIZE, style
from jitcore.vocabulary import period_word

#: Table columns: field of :class:`SkuBuffer` -> (label with units; {p} = period word, help).
COLUMNS: dict[str, tuple[str, str]] = {
    "sku": ("SKU", "The item."),
    "safety_stock": ("Safety stock (units)", "SS = k·σ over L+R (or the chosen rule)."),
    "reorder_point": ("Reorder point s (units)", "s = d·(L+R) + SS: order when the inventory "
                      "position falls to this."),
    "order_up_to": ("Order-up-to S (units)", "S = d·(L+R) + SS: each review orders up to this."),
    "eoq": ("EOQ (units)", "Economic order quantity √(2·D·K/h)."),
    "order_quantity": ("Order quantity Q (units)", "EOQ or the fixed quantity, after MOQ and "
                       "order multiple."),
    "kanban_cards": ("Kanban cards N", "N = ⌈d·(L+R)·(1+α)/C⌉."),
    "container_size": ("Container C (units)", "Units per kanban container."),
    "mean_demand": ("Demand d (units/{p})", "Average demand per period used for the plan."),
    "demand_sd": ("Demand σ (units/{p})", "Standard deviation of demand per period."),
    "lead_time": ("Lead time L ({p}s)", "Expected periods from order to receipt (incl. slips)."),
    "lead_time_sd": ("Lead-time σ ({p}s)", "Standard deviation of the lead time."),
    "review_period": ("Review R ({p}s)", "Periods between two reviews (heijunka: revisions)."),
    "sigma_exposure": ("σ over L+R (units)", "Uncertainty of demand over the lead time plus "
                       "review period, the exposure the safety stock covers."),
    "safety_factor": ("Safety factor k", "Safety stock ÷ σ over L+R."),
    "annual_demand": ("Annual demand D (units/yr)", "d × periods per year."),
    "expected_cycle_service_level": ("Expected cycle service (%)", "P(demand over L+R ≤ s): "
                                     "chance of no stockout per cycle under the SKU's demand "
                                     "model (Φ(k) when normal)."),
    "expected_fill_rate": ("Expected fill rate (%)", "Share of demand served from stock under "
                           "the review the simulation does and the SKU's demand model."),
    "demand_model": ("Demand model", "How demand varies around the forecast, for the safety "
                     "stock and the simulation alike."),
    "sigma_source": ("σ source", "Where the uncertainty over L+R comes from."),
    "model_reason": ("Why this model", "What in the SKU's history or forecast chose the model."),
}  # fmt: skip
#: Columns of words, not numbers.
TEXT_COLUMNS = ("sku", "demand_model", "sigma_source", "model_reason")
PERCENT_COLUMNS = ("expected_cycle_service_level", "expected_fill_rate")
INTEGER_COLUMNS = ("kanban_cards",)


def column_label(field: str, frequency: str) -> str:
    """The table header of a :class:`SkuBuffer` field, with units in the data's period."""
    return COLUMNS[field][0].format(p=period_word(frequency))


def plan_table(table: BufferTable, frequency: str) -> pd.DataFrame:
    """One row per SKU with labelled columns (units in the headers); rates in percent."""
    frame = table.frame()[list(COLUMNS)].copy()
    for name in PERCENT_COLUMNS:
        frame[name] = 100.0 * frame[name]
    return frame.rename(columns={name: column_label(name, frequency) for name in COLUMNS})


def column_help(frequency: str) -> dict[str, str]:
    """Header -> explanation, for tooltips."""
    return {column_label(name, frequency): text for name, (_, text) in COLUMNS.items()}


# --- formulas ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Formula:
    """One formula: a title, the general form and the SKU's numbers (LaTeX), and its source."""

    title: str
    general: str
    numbers: str
    source: str


def _n(value: float, digits: int = 4) -> str:
    """A number for LaTeX: thousands separated with a thin space, ``digits`` significant."""
    if not math.isfinite(value):
        return r"\text{–}"
    text = f"{value:,.0f}" if abs(value) >= 10 ** (digits - 1) else f"{value:.{digits}g}"
    return text.replace(",", r"\,")


def formulas(
    buffer: SkuBuffer,
    settings: BufferSettings,
    *,
    frequency: str,
    ordering_cost: float,
    policy_kind: str = "order_up_to",
    fixed_safety_stock: bool = False,
) -> tuple[Formula, ...]:
    """The formulas behind one SKU's buffers with its numbers plugged in.

    ``fixed_safety_stock``: the SKU has a per-SKU safety stock override. The σ over the exposure
    is shown from its source: demand σ (``sqrt((L+R)·σ_d² + d²·σ_L²)``) or the forecast error
    measured in the backtest over ``L + R`` (``sqrt(σ_E(L+R)² + d²·σ_L²)``).
    """
    b = buffer
    d, L, R, sL = b.mean_demand, b.lead_time, b.review_period, b.lead_time_sd
    p = period_word(frequency)
    out = []
    lead_term = (d * sL) ** 2
    from_demand = settings.uncertainty == "demand_sd" or math.isclose(
        b.sigma_exposure, math.sqrt((L + R) * b.demand_sd**2 + lead_term), rel_tol=1e-9
    )
    if from_demand:
        out.append(
            Formula(
                "Uncertainty over the lead time plus review period",
                r"\sigma_{L+R} = \sqrt{(L+R)\,\sigma_d^2 + d^2\,\sigma_L^2}",
                rf"\sigma_{{L+R}} = \sqrt{{({_n(L)}+{_n(R)}) \times {_n(b.demand_sd)}^2 + "
                rf"{_n(d)}^2 \times {_n(sL)}^2}} = {_n(b.sigma_exposure)}\ \text{{units}}",
                f"C&M ch. 12 (safety stock with uncertain demand and lead time); d and σ_d per "
                f"{p}, L and R in {p}s.",
            )
        )
    else:
        base = math.sqrt(max(b.sigma_exposure**2 - lead_term, 0.0))
        out.append(
            Formula(
                "Uncertainty over the lead time plus review period",
                r"\sigma_{L+R} = \sqrt{\sigma_E(L+R)^2 + d^2\,\sigma_L^2}",
                rf"\sigma_{{L+R}} = \sqrt{{{_n(base)}^2 + {_n(d)}^2 \times {_n(sL)}^2}} = "
                rf"{_n(b.sigma_exposure)}\ \text{{units}}",
                f"σ_E(L+R): standard deviation of the forecast error summed over L + R = "
                f"{_n(L + R)} {p}s, measured in the forecast backtest; the lead-time term as in "
                "C&M ch. 12.",
            )
        )
    method = settings.method
    if fixed_safety_stock:
        out.append(
            Formula(
                "Safety stock",
                r"SS = \text{fixed for this SKU}",
                rf"SS = {_n(b.safety_stock)}\ \text{{units}}",
                "A per-SKU override in the scenario.",
            )
        )
    elif method == "service_level":
        csl = settings.cycle_service_level
        out.append(
            Formula(
                "Safety stock for a cycle service level",
                r"SS = k \cdot \sigma_{L+R}, \quad k = \Phi^{-1}(\text{CSL})",
                rf"k = \Phi^{{-1}}({_n(csl)}) = {_n(float(norm.ppf(csl)))}, \quad "
                rf"SS = {_n(b.safety_factor)} \times {_n(b.sigma_exposure)} = "
                rf"{_n(b.safety_stock)}\ \text{{units}}",
                "C&M ch. 12; SPT ch. 6 (specified probability of no stockout per cycle).",
            )
        )
    elif method == "fill_rate":
        cycle = {
            "reorder_point": ("Q", b.order_quantity),
            "min_max": ("Q", b.order_quantity),
            "vmi": ("Q", b.order_quantity),
            "kanban": ("C", b.container_size),
        }.get(policy_kind, ("d R", d * R))
        symbol, quantity = cycle
        out.append(
            Formula(
                "Safety stock for a fill rate",
                rf"\sigma_{{L+R}}\, G(k) = (1-\beta)\, {symbol}, \quad SS = k \cdot \sigma_{{L+R}}",
                rf"G(k) = \frac{{(1-{_n(settings.fill_rate)}) \times {_n(quantity)}}}"
                rf"{{{_n(b.sigma_exposure)}}} \Rightarrow k = {_n(b.safety_factor)}, \quad "
                rf"SS = {_n(b.safety_stock)}\ \text{{units}}",
                "SPT ch. 6 (specified fill rate), C&M ch. 12. G is the standard normal loss "
                f"function; {symbol} is the quantity replenished per cycle.",
            )
        )
    elif method == "days_of_cover":
        days = {"D": 1.0, "W": 7.0, "M": 365.25 / 12.0}.get(frequency, 1.0)
        out.append(
            Formula(
                "Safety stock as days of cover",
                r"SS = \text{days} \times d / \text{days per period}",
                rf"SS = {_n(settings.days_of_cover)} \times {_n(d)} / {_n(days)} = "
                rf"{_n(b.safety_stock)}\ \text{{units}}",
                "A rule of thumb: a fixed time of average demand.",
            )
        )
    else:
        out.append(
            Formula(
                "Safety stock, fixed",
                r"SS = \text{fixed units}",
                rf"SS = {_n(b.safety_stock)}\ \text{{units}}",
                "The same number for every SKU.",
            )
        )
    out.append(
        Formula(
            "Reorder point",
            r"s = d\,(L+R) + SS",
            rf"s = {_n(d)} \times ({_n(L)}+{_n(R)}) + {_n(b.safety_stock)} = "
            rf"{_n(b.reorder_point)}\ \text{{units}}",
            "C&M ch. 12 (R = 0 for continuous review); SPT ch. 6. Here R = 1 when stock is "
            "reviewed every period: an order placed at the end of a period arrives L + 1 "
            "periods later.",
        )
    )
    out.append(
        Formula(
            "Order-up-to level",
            r"S = d\,(L+R) + SS",
            rf"S = {_n(d)} \times ({_n(L)}+{_n(R)}) + {_n(b.safety_stock)} = "
            rf"{_n(b.order_up_to)}\ \text{{units}}",
            "SPT ch. 6; C&M ch. 12 (periodic review). Each review orders S minus the inventory "
            "position.",
        )
    )
    out.append(
        Formula(
            "Economic order quantity",
            r"Q^* = \sqrt{\frac{2\,D\,K}{h}}, \quad h = c \cdot i",
            rf"Q^* = \sqrt{{\frac{{2 \times {_n(b.annual_demand)} \times {_n(ordering_cost)}}}"
            rf"{{{_n(b.holding_cost_per_unit_year)}}}}} = {_n(b.eoq)}\ \text{{units}}",
            "Harris (1913); C&M ch. 11; SPT ch. 4. D annual demand, K cost per order, h holding "
            "cost per unit per year (unit cost × holding rate).",
        )
    )
    out.append(
        Formula(
            "Kanban cards",
            r"N = \left\lceil \frac{d\,(L+R)\,(1+\alpha)}{C} \right\rceil",
            rf"N = \left\lceil \frac{{{_n(d)} \times ({_n(L)}+{_n(R)}) \times (1+"
            rf"{_n(b.kanban_safety_factor)})}}{{{_n(b.container_size)}}} \right\rceil = "
            rf"{b.kanban_cards}",
            "Toyota formula (Heizer & Render, Operations Management, ch. 16). α is the safety "
            "factor, by default the safety stock as a share of the demand over L + R.",
        )
    )
    return tuple(out)


# --- EOQ curve -----------------------------------------------------------------------------------
def eoq_figure(
    buffer: SkuBuffer,
    *,
    ordering_cost: float,
    currency: str = "$",
    height: int = 420,
) -> go.Figure:
    """Annual ordering, holding and total cost against the order quantity, the EOQ marked."""
    curve = eoq_curve(
        annual_demand=buffer.annual_demand,
        ordering_cost=ordering_cost,
        holding_cost_per_unit_year=buffer.holding_cost_per_unit_year,
    )
    fig = go.Figure()
    for name, values, color, dash in (
        ("Ordering cost D/Q·K", curve.ordering, COLORS["ordering"], "dash"),
        ("Holding cost Q/2·h", curve.holding, COLORS["holding"], "dash"),
        ("Total", curve.total, COLORS["total"], None),
    ):
        fig.add_trace(
            go.Scatter(
                x=curve.quantities,
                y=values,
                mode="lines",
                name=name,
                line={"color": color, "width": 3, "dash": dash},
                hovertemplate=f"Q = %{{x:,.0f}} units: {currency}%{{y:,.0f}}/yr",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[curve.eoq],
            y=[curve.minimum_cost],
            mode="markers+text",
            marker={"size": 13, "color": COLORS["highlight"]},
            text=[f"EOQ {curve.eoq:,.0f}"],
            textposition="top center",
            textfont={"size": FONT_SIZE},
            name="EOQ",
            hovertemplate=f"EOQ %{{x:,.0f}} units: {currency}%{{y:,.0f}}/yr",
        )
    )
    fig = style(
        fig,
        title=f"{buffer.sku}: order quantity vs annual cost",
        x_title="Order quantity Q (units)",
        y_title=f"Cost per year ({currency})",
        height=height,
    )
    fig.update_layout(hovermode="closest", legend={"y": -0.25, "yanchor": "top"},
                      margin={"b": 130})  # fmt: skip
    top = float(curve.total.max())
    fig.update_yaxes(range=[0, min(top, 3 * curve.minimum_cost) * 1.1])
    return fig
