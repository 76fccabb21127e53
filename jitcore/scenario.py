"""The Scenario: one serialisable, hashable object holding every what-if setting.

A scenario groups the forecast, buffer, policy, supply, cost and simulation settings plus
optional per-SKU overrides. It round-trips through JSON (``to_json`` / ``from_json``) with a
``schema_version``; invalid input raises :class:`~jitcore.errors.ScenarioError` naming the
setting, what was given and what is allowed.

Units: quantities are units of the item; times are *periods* of the demand data (days, weeks
or months); money is in the currency label of :class:`CostSettings`.

Period convention (shared by the simulator and the buffer formulas): within period ``t`` the
order of events is (1) receive the shipments due at ``t``, (2) serve demand, backorders first,
(3) review and order. An order placed at the end of period ``t`` with lead time ``L`` arrives at
the start of period ``t + L + 1`` (``L = 0`` is next-period delivery). Stock must therefore
cover the demand of ``L + R`` periods, the *exposure*, where ``R`` is the review period
(``R = 1`` for policies that review every period).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import Field, ValidationError, model_validator

from jitcore.buffers import BufferSettings
from jitcore.costs import CostSettings
from jitcore.engine.settings import SimulationSettings
from jitcore.errors import ScenarioError
from jitcore.forecast import ForecastSettings
from jitcore.formatting import EXCERPT_CHARS, excerpt
from jitcore.jsontext import load_json
from jitcore.policies import POLICY_NAMES, PolicyKind, PolicySettings
from jitcore.settings import Settings
from jitcore.supply import SupplySettings

SCHEMA_VERSION = 1
#: Most per-SKU overrides in one scenario: more SKUs than a laptop plans at once.
MAX_OVERRIDES = 20_000

__all__ = [
    "POLICY_NAMES",
    "BufferSettings",
    "CostSettings",
    "ForecastSettings",
    "PolicyKind",
    "PolicySettings",
    "Scenario",
    "SimulationSettings",
    "SkuOverride",
    "SupplySettings",
]


class SkuOverride(Settings):
    """Settings and attributes of one SKU (its row of the item master); empty fields keep the
    scenario's value. ``supplier`` and ``category`` only group SKUs (Portfolio page);
    ``cycle_service_level`` / ``fill_rate`` are this SKU's service target when the buffers are
    set by that target (e.g. from the service-target optimisation)."""

    sku: str = Field(min_length=1, max_length=200, description="the SKU these settings apply to")
    supplier: str | None = Field(None, max_length=120, description="supplier of the SKU")
    category: str | None = Field(None, max_length=120, description="category of the SKU")
    unit_cost: float | None = Field(None, gt=0.0)
    ordering_cost: float | None = Field(None, ge=0.0)
    lead_time: int | None = Field(None, ge=0, le=104)
    lead_time_sd: float | None = Field(None, ge=0.0, le=52.0)
    min_order_quantity: float | None = Field(None, ge=0.0)
    order_multiple: float | None = Field(None, ge=0.0)
    container_size: float | None = Field(None, gt=0.0)
    safety_stock: float | None = Field(None, ge=0.0, description="fixed safety stock in units")
    cycle_service_level: float | None = Field(
        None, gt=0.0, lt=1.0, description="cycle service level target of this SKU"
    )
    fill_rate: float | None = Field(
        None, gt=0.0, lt=1.0, description="fill rate target of this SKU"
    )


class Scenario(Settings):
    """Every setting of one what-if run. Frozen, hashable, JSON round-trip with a schema version."""

    schema_version: int = Field(SCHEMA_VERSION, description="format version of this file")
    name: str = Field("Base", max_length=80, description="scenario name shown in reports")
    forecast: ForecastSettings = Field(default_factory=ForecastSettings)
    buffers: BufferSettings = Field(default_factory=BufferSettings)
    policy: PolicySettings = Field(default_factory=PolicySettings)
    supply: SupplySettings = Field(default_factory=SupplySettings)
    costs: CostSettings = Field(default_factory=CostSettings)
    simulation: SimulationSettings = Field(default_factory=SimulationSettings)
    sku_overrides: tuple[SkuOverride, ...] = Field(
        (), max_length=MAX_OVERRIDES, description="settings that differ per SKU"
    )

    @model_validator(mode="after")
    def _check(self) -> Scenario:
        if self.schema_version != SCHEMA_VERSION:
            raise ValueError(
                f"schema_version {self.schema_version} is not supported; this version reads "
                f"{SCHEMA_VERSION}"
            )
        skus = [o.sku for o in self.sku_overrides]
        if len(set(skus)) != len(skus):
            raise ValueError("sku_overrides lists the same SKU twice")
        low, high = self.policy.vmi_min_cover, self.policy.vmi_max_cover
        if low is not None and high is not None and high < low:
            raise ValueError("policy.vmi_max_cover must be at least policy.vmi_min_cover")
        return self

    # --- serialisation -------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Every setting as plain JSON-compatible data (every key present)."""
        return self.model_dump(mode="json")

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: Any) -> Scenario:
        """Validate plain data into a Scenario; missing keys take their defaults.

        Raises ScenarioError naming the setting, the value given and what is allowed.
        """
        if not isinstance(data, dict):
            raise ScenarioError(
                "A scenario must be a JSON object with settings.",
                "Start from `python -m jitcore scenario-template`.",
            )
        overrides = data.get("sku_overrides")
        if isinstance(overrides, list | tuple) and len(overrides) > MAX_OVERRIDES:
            raise ScenarioError(  # said before validating a million overrides one by one
                f"The scenario lists {len(overrides):,} per-SKU overrides; at most "
                f"{MAX_OVERRIDES:,} are allowed.",
                "Keep overrides for the SKUs whose settings differ from the scenario's.",
            )
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise _scenario_error(exc) from None

    @classmethod
    def from_json(cls, text: str | bytes) -> Scenario:
        """Read a scenario file: bytes in UTF-8 (with or without BOM), UTF-16 or UTF-32, within
        the size, depth and number limits of :func:`~jitcore.jsontext.load_json`."""
        return cls.from_dict(load_json(text, what="scenario file", error=ScenarioError))

    def with_setting(self, path: str, value: Any) -> Scenario:
        """A copy with one setting changed, by dotted path (``"policy.review_period"``), validated."""
        data = self.to_dict()
        node = data
        parts = path.split(".")
        for part in parts[:-1]:
            if not isinstance(node, dict) or part not in node:
                raise ScenarioError(
                    f"There is no setting {excerpt(path)}.", "Use a dotted name from the template."
                )
            node = node[part]
        if not isinstance(node, dict) or parts[-1] not in node:
            raise ScenarioError(
                f"There is no setting {excerpt(path)}.", "Use a dotted name from the template."
            )
        node[parts[-1]] = value
        return Scenario.from_dict(data)

    def override_for(self, sku: str) -> SkuOverride | None:
        """The override of ``sku``, or None; looked up in an index built once per scenario (a
        run asks once per SKU, so a scan would cost SKUs × overrides)."""
        if not self.sku_overrides:
            return None
        kept = self.__dict__.get("_overrides_by_sku")
        if kept is None or kept[0] is not self.sku_overrides:
            # kept beside the fields, not as one: equality, hashing and JSON ignore it, and
            # a copy with other overrides (a new tuple) builds its own
            kept = (self.sku_overrides, {item.sku: item for item in self.sku_overrides})
            self.__dict__["_overrides_by_sku"] = kept
        return kept[1].get(sku)


def _describe_field(loc: tuple[Any, ...]) -> str:
    """The description of the field at ``loc`` (for the hint), or ''."""
    model: Any = Scenario
    for part in loc:
        fields = getattr(model, "model_fields", None)
        if not fields or part not in fields:
            return ""
        info = fields[part]
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, Settings):
            model = annotation
        else:
            return info.description or ""
    return ""


def _shown(given: Any) -> str:
    """A given value as JSON, cut to a short excerpt (a 40 MB value is never echoed)."""
    if isinstance(given, int) and not isinstance(given, bool):
        return excerpt(given)
    if isinstance(given, list | tuple) and len(given) > 10:
        return f"a list of {len(given):,} items"
    if isinstance(given, str) and len(given) > EXCERPT_CHARS:
        return excerpt(given)
    text = json.dumps(given, default=str)
    return (
        text
        if len(text) <= EXCERPT_CHARS
        else f"{text[:EXCERPT_CHARS]}… ({len(text):,} characters)"
    )


def _scenario_error(exc: ValidationError) -> ScenarioError:
    """Turn pydantic's errors into one plain-language ScenarioError."""
    lines = []
    hints = []
    for error in exc.errors()[:5]:
        loc = tuple(error["loc"])
        name = ".".join(str(p) for p in loc) or "scenario"
        kind = error["type"]
        given = error.get("input")
        if kind == "extra_forbidden":
            lines.append(f"'{name}' is not a known setting")
            hints.append("remove it or check its spelling against the scenario template")
            continue
        if kind == "missing":
            lines.append(f"'{name}' is missing")
            continue
        message = str(error["msg"]).replace("Value error, ", "")
        message = message.replace("Input should be", "it must be")
        message = message.replace("Input should", "it should")
        for kind_word in ("String", "Tuple", "List", "Value"):
            message = message.replace(f"{kind_word} should", "it should")
        if not loc:
            lines.append(message)
            continue
        shown = "an object" if isinstance(given, dict) else _shown(given)
        lines.append(f"'{name}' is {shown}, but {message}")
        description = _describe_field(loc)
        if description:
            hints.append(f"'{name}' is the {description}")
    more = len(exc.errors()) - len(lines)
    text = "; ".join(lines) + (f" (and {more} more)" if more > 0 else "")
    hint = "; ".join(hints)
    hint = hint[:1].upper() + hint[1:]
    return ScenarioError(
        f"Invalid scenario setting: {text}.",
        (hint + ". " if hint else "")
        + "Start from `python -m jitcore scenario-template` for every key and its default.",
    )


def default_scenario() -> Scenario:
    """The complete default scenario (what ``scenario-template`` prints)."""
    return Scenario()
