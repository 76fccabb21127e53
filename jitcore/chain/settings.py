"""Settings of a serial supply chain: its stages (lead time, policy, forecast, costs), how
information flows between them, the end-customer demand and the length of the run."""

from __future__ import annotations

import math
from typing import Literal

from pydantic import Field, ValidationError, model_validator

from jitcore.errors import ScenarioError
from jitcore.settings import Settings, amount, share, whole

ChainPolicy = Literal["order_up_to", "pout", "kanban", "manual"]
ChainForecast = Literal["moving_average", "exponential"]
Information = Literal["local", "shared", "vmi", "shared_vmi"]

#: Stage names from the customer upwards; the last stage of a chain is always the factory.
STAGE_NAMES: tuple[str, ...] = ("retailer", "wholesaler", "distributor", "factory")
MAX_STAGES = len(STAGE_NAMES)
#: Paths × periods of one run at most (about ten seconds on one core).
MAX_PATH_PERIODS = 10_000_000

#: Plain-language names, for menus and reports.
CHAIN_POLICY_NAMES: dict[str, str] = {
    "order_up_to": "Order-up-to (follows the forecast)",
    "pout": "Proportional order-up-to (POUT, smoothing)",
    "kanban": "Kanban (replace what was taken)",
    "manual": "Orders typed by a person",
}
FORECAST_NAMES: dict[str, str] = {
    "moving_average": "Moving average",
    "exponential": "Exponential smoothing",
}
INFORMATION_NAMES: dict[str, str] = {
    "local": "Local: each stage sees only its customer's orders",
    "shared": "Shared: every stage sees end-customer demand",
    "vmi": "VMI: the wholesaler manages the retailer's stock",
    "shared_vmi": "VMI with end-customer demand shared with every stage",
}


def stage_names(count: int) -> tuple[str, ...]:
    """``count`` stage names from the customer upwards, the last one the factory:
    1 → retailer; 2 → retailer, factory; 3 → retailer, wholesaler, factory; 4 → all four."""
    if count == 1:
        return STAGE_NAMES[:1]
    return (*STAGE_NAMES[: count - 1], STAGE_NAMES[-1])


class StageSettings(Settings):
    """One stage: how long its replenishment takes, how it orders and what stock costs it.

    ``lead_time`` L is the transport (or, at the factory, production) delay: an order placed at
    the end of period ``t`` that the supplier can ship arrives at the start of ``t + 1 + L``, so
    a level set at a review covers ``exposure = L + 1`` periods (review every period).
    """

    name: str = Field("stage", min_length=1, max_length=40, description="stage name")
    lead_time: int = whole(2, "lead time L in periods", low=0, high=12)
    policy: ChainPolicy = Field("order_up_to", description="how the stage orders")
    forecast: ChainForecast = Field("moving_average", description="forecast of demand per period")
    window: int = whole(4, "moving average window p in periods", low=1, high=52)
    alpha: float = share(0.2, "exponential smoothing constant", positive=True)
    smoothing_periods: float = Field(
        4.0, ge=1.0, le=100.0, description="POUT proportional controller Ti in periods (1 = OUT)"
    )
    container: float = amount(
        1.0, "kanban container size in units (orders are multiples)", high=1e6, positive=True
    )
    safety_stock: float | None = amount(
        None, "safety stock in units; empty = the chain's safety factor", high=1e9
    )
    holding_cost: float = amount(0.5, "money per unit on hand per period", high=1e6)
    backorder_cost: float = amount(1.0, "money per unit backordered per period", high=1e6)

    @property
    def exposure(self) -> int:
        """Periods of demand the order-up-to level covers: ``L + 1``."""
        return self.lead_time + 1


class ChainDemand(Settings):
    """End-customer demand per period: i.i.d. normal around a mean (cut at zero), the mean
    stepping to ``step_to`` from period ``step_period`` when set (the Beer Game's 4 → 8)."""

    mean: float = amount(100.0, "mean demand per period in units", high=1e7, positive=True)
    sd: float = amount(10.0, "standard deviation per period in units", high=1e7)
    step_period: int | None = whole(
        None, "first period of the new mean; empty = no step", low=1, high=5000
    )
    step_to: float | None = amount(None, "mean from step_period on", high=1e7)


class ChainSettings(Settings):
    """A serial chain of 1-4 stages, the customer's demand and the run.

    ``information``: ``local`` (each stage forecasts from its customer's orders), ``shared``
    (every stage forecasts end-customer demand; it still ships what its customer orders), or
    ``vmi`` (the wholesaler sees the retailer's stock and end-customer demand and plans the two
    as one echelon; stages above stay local), or ``shared_vmi`` (both). ``periods`` includes the first ``warmup``
    periods, which are left out of the KPIs.
    """

    stages: tuple[StageSettings, ...] = Field(
        default_factory=lambda: tuple(StageSettings(name=n) for n in STAGE_NAMES),
        description="stages from the customer upwards",
    )
    information: Information = Field("local", description="what each stage sees")
    demand: ChainDemand = Field(default_factory=ChainDemand)
    safety_factor: float = amount(1.65, "safety stock = factor × demand sd × √exposure", high=5.0)
    periods: int = whole(260, "simulated periods, warm-up included", low=2, high=5000)
    warmup: int = whole(52, "first periods left out of the KPIs", low=0, high=4999)
    paths: int = whole(200, "simulated demand paths", low=1, high=20_000)
    seed: int = Field(42, ge=0, le=2**63 - 1, description="random seed (same seed, same result)")
    whole_units: bool = Field(False, description="round demand and rule orders to whole units")
    timeline_paths: int = whole(1, "paths whose weeks are kept", low=0, high=100)

    @model_validator(mode="after")
    def _check(self) -> ChainSettings:
        if not 1 <= len(self.stages) <= MAX_STAGES:
            raise ValueError(
                f"a chain has 1 to {MAX_STAGES} stages (retailer only up to retailer → factory), "
                f"not {len(self.stages)}"
            )
        if self.warmup >= self.periods:
            raise ValueError(
                f"the warm-up ({self.warmup} periods) leaves no period of the {self.periods}-period "
                "run for the KPIs; make it shorter than the run"
            )
        if self.paths * self.periods > MAX_PATH_PERIODS:
            raise ValueError(
                f"{self.paths} paths × {self.periods} periods is more than the "
                f"{MAX_PATH_PERIODS:,} path-periods a run may take; use fewer paths or periods"
            )
        if (self.demand.step_period is None) != (self.demand.step_to is None):
            raise ValueError(
                "a demand step needs both the period it starts (step_period) and the new mean "
                "(step_to); set both or neither"
            )
        return self

    @property
    def shares_demand(self) -> bool:
        """Every stage forecasts end-customer demand."""
        return self.information in ("shared", "shared_vmi")

    @property
    def vendor_managed(self) -> bool:
        """The wholesaler plans the retailer's stock with its own (needs two stages or more)."""
        return self.information in ("vmi", "shared_vmi") and len(self.stages) > 1

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(stage.name for stage in self.stages)

    def safety_stocks(self) -> tuple[float, ...]:
        """Each stage's safety stock in units: its own, or ``safety_factor × σ × √(L + 1)``."""
        return tuple(
            stage.safety_stock
            if stage.safety_stock is not None
            else self.safety_factor * self.demand.sd * math.sqrt(stage.exposure)
            for stage in self.stages
        )

    def manual_stages(self) -> tuple[int, ...]:
        """Indices of the stages whose orders are typed by a person."""
        return tuple(i for i, stage in enumerate(self.stages) if stage.policy == "manual")

    def with_stages(self, **changes: object) -> ChainSettings:
        """The same chain with ``changes`` applied to every stage (``lead_time=1``), validated."""
        data = self.model_dump()
        data["stages"] = [{**stage, **changes} for stage in data["stages"]]
        return chain_settings(data)

    def with_changes(self, **changes: object) -> ChainSettings:
        """The same chain with chain-level ``changes`` (``information="shared"``), validated."""
        return chain_settings({**self.model_dump(), **changes})


def chain_settings(data: dict) -> ChainSettings:
    """Validate plain data into :class:`ChainSettings`; a bad value raises a ScenarioError
    naming the setting, the value given and what is allowed."""
    try:
        return ChainSettings.model_validate(data)
    except ValidationError as exc:
        problems: list[str] = []
        for error in exc.errors():
            # one line for a setting every stage shares ("stages.0.lead_time" … "stages.3.…")
            loc = [str(part) for part in error["loc"]]
            name = ".".join(loc) or "chain"
            message = str(error["msg"]).replace("Value error, ", "")
            message = message.replace("Input should be", "it must be")
            text = f"'{name}' is {error.get('input')!r}, but {message}" if loc else message
            if len(loc) == 3 and loc[0] == "stages":
                text = f"the stages' '{loc[2]}' is {error.get('input')!r}, but {message}"
            if text not in problems:
                problems.append(text)
        problems = problems[:3]
        raise ScenarioError(
            "The chain settings are not valid: " + "; ".join(problems) + ".",
            "Change the setting named to an allowed value.",
        ) from None


def uniform_chain(
    stages: int = 4,
    *,
    lead_time: int = 2,
    policy: ChainPolicy = "order_up_to",
    forecast: ChainForecast = "moving_average",
    window: int = 4,
    alpha: float = 0.2,
    smoothing_periods: float = 4.0,
    **chain: object,
) -> ChainSettings:
    """A chain of ``stages`` alike stages (named from the customer up) and the chain-level
    settings in ``chain`` (``information``, ``demand``, ``paths`` …), validated."""
    if not 1 <= stages <= MAX_STAGES:
        raise ScenarioError(
            f"A chain has 1 to {MAX_STAGES} stages, not {stages}.",
            "Choose between 1 (retailer only) and 4 (retailer to factory).",
        )
    stage = {
        "lead_time": lead_time,
        "policy": policy,
        "forecast": forecast,
        "window": window,
        "alpha": alpha,
        "smoothing_periods": smoothing_periods,
    }
    built = [{"name": name, **stage} for name in stage_names(stages)]
    demand = chain.get("demand")
    if isinstance(demand, ChainDemand):
        chain = {**chain, "demand": demand.model_dump()}
    return chain_settings({**chain, "stages": built})
