"""Conditions: the facts a weight rule, cost driver, interview question or readiness item may
test, and how one condition is tested.

The facts are the requirements file flattened to dotted paths, plus a few derived facts that
a condition cannot write as a path (a revenue in euros, a count). The valid paths are read off
the requirements model, so a field added to the model can be tested at once and a field
renamed there is an error in every catalogue file that still names the old one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from types import UnionType
from typing import TYPE_CHECKING, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

if TYPE_CHECKING:
    from ._models import ExchangeRates, Requirements
    from ._models.catalog import Condition

B2B = ("b2b", "hybrid")
# IT maturity as a level, for segment fit's gap and the derived fact a policy can test
MATURITY = {"low": 0, "medium": 1, "high": 2}


@dataclass(frozen=True)
class Derived:
    """A fact worked out from the answers; `source` is the requirements field it rests on,
    to explain a rule in the merchant's own answers. `meaning` is what `advisor catalog
    fields` prints for catalogue editors (the criteria files point there, not to a copy)."""

    source: str
    compute: Callable[[dict[str, Any], ExchangeRates], Any]
    meaning: str


def _in_eur(amount: Any, currency: Any, rates: ExchangeRates) -> Any:
    if not isinstance(amount, int | float) or isinstance(amount, bool) or not currency:
        return None
    # an interview in progress may hold a currency the rates do not know yet: no fact then
    with contextlib.suppress(KeyError, ValueError):
        return rates.convert(amount, currency, "EUR")
    return None


def _revenue_eur(f: dict[str, Any], rates: ExchangeRates) -> Any:
    return _in_eur(f.get("business.online_revenue"), f.get("business.currency"), rates)


def _budget_eur(f: dict[str, Any], rates: ExchangeRates) -> Any:
    return _in_eur(f.get("budget.one_off"), f.get("business.currency"), rates)


# Computed on partial answers too (the interview asks as it goes): a count of lists not given
# yet is 0, a system not named yet is not there.
DERIVED: dict[str, Derived] = {
    "derived.revenue_eur": Derived(
        "business.online_revenue", _revenue_eur, "yearly online revenue in euros, at the catalogue's rates"
    ),
    "derived.market_count": Derived(
        "business.markets", lambda f, _: len(f.get("business.markets") or []), "number of markets sold to"
    ),
    "derived.marketplace_count": Derived(
        "business.marketplaces",
        lambda f, _: len(f.get("business.marketplaces") or []),
        "number of marketplaces sold on",
    ),
    "derived.has_erp": Derived("systems.erp", lambda f, _: f.get("systems.erp") is not None, "an ERP is named"),
    "derived.has_crm": Derived("systems.crm", lambda f, _: f.get("systems.crm") is not None, "a CRM is named"),
    "derived.has_pim": Derived("systems.pim", lambda f, _: f.get("systems.pim") is not None, "a PIM is named"),
    "derived.is_b2b": Derived(
        "business.model", lambda f, _: f.get("business.model") in B2B, f"business model is {' or '.join(B2B)}"
    ),
    "derived.b2b_later": Derived(
        "business.model_future",
        lambda f, _: f.get("business.model") == "b2c" and f.get("business.model_future") in B2B,
        f"b2c now, {' or '.join(B2B)} planned",
    ),
    "derived.one_off_budget_eur": Derived(
        "budget.one_off", _budget_eur, "one-off budget in euros, at the catalogue's rates"
    ),
    "derived.it_maturity_level": Derived(
        "organisation.it_maturity",
        lambda f, _: MATURITY.get(f.get("organisation.it_maturity", "medium")),
        "IT maturity as a number: low 0, medium 1, high 2 (medium when not given)",
    ),
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


def facts(data: dict[str, Any], rates: ExchangeRates) -> dict[str, Any]:
    """Every path of a requirements mapping (complete or not) and the derived facts."""
    flat = flatten(data)
    for key, derived in DERIVED.items():
        value = derived.compute(flat, rates)
        if value is not None:
            flat[key] = value
    return flat


def facts_of(req: Requirements, rates: ExchangeRates) -> dict[str, Any]:
    return facts(req.model_dump(mode="json"), rates)


def holds(actual: Any, op: str, expected: Any) -> bool:
    """Evaluate one condition; a missing fact satisfies only `absent`."""
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


def all_hold(conditions: Iterable[Condition], known: dict[str, Any]) -> bool:
    return all(holds(known.get(c.field), c.op, c.value) for c in conditions)


def _fields_of(model: type[BaseModel], prefix: str) -> Iterator[str]:
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        yield path
        ann = info.annotation
        # `X | None` is tested like X: the path exists once the answer is given
        if get_origin(ann) in (Union, UnionType):
            ann = next((a for a in get_args(ann) if a is not type(None)), ann)
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            yield from _fields_of(ann, path + ".")
        elif get_origin(ann) is dict:
            key = get_args(ann)[0]
            if get_origin(key) is Literal:  # a mapping with fixed keys: systems.master_data.stock
                yield from (f"{path}.{k}" for k in get_args(key))


@cache
def requirement_fields() -> tuple[str, ...]:
    """Every path of the requirements model a condition may name."""
    from ._models import Requirements

    return tuple(_fields_of(Requirements, ""))


@cache
def condition_fields() -> tuple[str, ...]:
    """Every field a condition may test: the requirements paths and the derived facts."""
    return (*requirement_fields(), *DERIVED)
