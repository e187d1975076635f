"""Flatten a requirements file into the facts that weight rules test."""

from __future__ import annotations

from typing import Any

from .._catalog import Catalog
from .._models import Requirements

# Which requirements field each derived fact is computed from, to explain a rule in the
# merchant's own answers.
DERIVED_FROM = {
    "derived.revenue_eur": "business.online_revenue",
    "derived.market_count": "business.markets",
    "derived.marketplace_count": "business.marketplaces",
    "derived.has_erp": "systems.erp",
    "derived.has_crm": "systems.crm",
    "derived.has_pim": "systems.pim",
    "derived.is_b2b": "business.model",
    "derived.b2b_later": "business.model_future",
    "derived.one_off_budget_eur": "budget.one_off",
}


def flatten(data: Any) -> dict[str, Any]:
    """{"a": {"b": 1}} -> {"": {...}, "a": {"b": 1}, "a.b": 1}: every path, at every depth."""
    facts: dict[str, Any] = {}

    def walk(value: Any, prefix: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{prefix}{key}.")
        facts[prefix.rstrip(".")] = value

    walk(data, "")
    return facts


def facts_of(req: Requirements, catalog: Catalog) -> dict[str, Any]:
    facts = flatten(req.model_dump(mode="json"))
    b = req.business
    facts.update(
        {
            "derived.revenue_eur": catalog.rates.convert(b.online_revenue, b.currency, "EUR"),
            "derived.market_count": len(b.markets),
            "derived.marketplace_count": len(b.marketplaces),
            "derived.has_erp": req.systems.erp is not None,
            "derived.has_crm": req.systems.crm is not None,
            "derived.has_pim": req.systems.pim is not None,
            "derived.is_b2b": b.model in ("b2b", "hybrid"),
            "derived.b2b_later": b.model == "b2c" and b.model_future in ("b2b", "hybrid"),
            "derived.one_off_budget_eur": None
            if req.budget.one_off is None
            else catalog.rates.convert(req.budget.one_off, b.currency, "EUR"),
        }
    )
    return facts


def holds(actual: Any, op: str, expected: Any) -> bool:
    """Evaluate one rule condition; a missing fact satisfies only `absent`."""
    if op == "present":
        return actual not in (None, [], {})
    if op == "absent":
        return actual in (None, [], {})
    if actual is None:
        return False
    if op == "eq":
        return bool(actual == expected)
    if op == "ne":
        return bool(actual != expected)
    if op == "in":
        return actual in (expected or [])
    if op == "contains":
        return isinstance(actual, list) and expected in actual
    try:
        if op == "gt":
            return bool(actual > expected)
        if op == "gte":
            return bool(actual >= expected)
        if op == "lt":
            return bool(actual < expected)
        if op == "lte":
            return bool(actual <= expected)
    except TypeError:
        return False
    raise ValueError(f"unknown operator {op!r}")  # pragma: no cover - the model restricts ops
