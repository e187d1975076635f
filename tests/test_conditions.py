"""The condition vocabulary: each derived fact follows from the field it names, and every field
a catalogue condition names is one the requirements model has."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from platform_advisor._catalog import load_catalog
from platform_advisor._conditions import DERIVED, condition_fields, facts, facts_of, requirement_fields
from platform_advisor._interview.engine import Engine
from platform_advisor._models import Requirements

REPO = Path(__file__).resolve().parent.parent

BASE: dict[str, Any] = {
    "version": 1,
    "name": "Shop",
    "business": {"model": "b2c", "currency": "SEK", "markets": ["SE"], "online_revenue": 0},
}

# Per derived fact: (an edit of the requirements at the fact's source field, the fact before, after).
# The revenue is 1,000,000 SEK in euros at the shipped rates, worked out from the rates file itself.
CASES: dict[str, tuple[dict[str, Any], Any, Any]] = {
    "derived.revenue_eur": ({"business": {"online_revenue": 1_000_000}}, 0.0, "rate"),
    "derived.market_count": ({"business": {"markets": ["SE", "NO", "DK"]}}, 1, 3),
    "derived.marketplace_count": ({"business": {"marketplaces": ["amazon", "cdon"]}}, 0, 2),
    "derived.has_erp": ({"systems": {"erp": "fortnox"}}, False, True),
    "derived.has_crm": ({"systems": {"crm": "hubspot"}}, False, True),
    "derived.has_pim": ({"systems": {"pim": "akeneo"}}, False, True),
    "derived.is_b2b": ({"business": {"model": "hybrid"}}, False, True),
    "derived.b2b_later": ({"business": {"model_future": "b2b"}}, False, True),
    "derived.one_off_budget_eur": ({"budget": {"one_off": 1_000_000}}, None, "rate"),
    "derived.it_maturity_level": ({"organisation": {"it_maturity": "high"}}, 1, 2),
}


def _merged(edit: dict[str, Any]) -> dict[str, Any]:
    out = {k: dict(v) if isinstance(v, dict) else v for k, v in BASE.items()}
    for key, part in edit.items():
        out.setdefault(key, {}).update(part)
    return out


def test_every_derived_fact_has_a_case() -> None:
    assert set(CASES) == set(DERIVED)


@pytest.mark.parametrize("fact", sorted(DERIVED))
def test_a_derived_fact_follows_its_source_field(fact: str) -> None:
    rates = load_catalog().rates
    edit, before, after = CASES[fact]
    source = DERIVED[fact].source
    assert source in requirement_fields()
    ((section, part),) = edit.items()
    assert source == f"{section}.{next(iter(part))}", "the case must edit the field the fact names"
    if after == "rate":
        after = 1_000_000 / rates.rates["SEK"] * rates.rates["EUR"]
    assert facts_of(Requirements.model_validate(BASE), rates).get(fact) == before
    assert facts_of(Requirements.model_validate(_merged(edit)), rates)[fact] == after


def test_partial_answers_give_the_facts_a_complete_file_gives() -> None:
    """The interview tests conditions on the answers so far, with the same definitions."""
    rates = load_catalog().rates
    for fact, (edit, _, _) in CASES.items():
        data = _merged(edit)
        assert facts(data, rates).get(fact) == facts_of(Requirements.model_validate(data), rates)[fact]


def test_a_fact_whose_inputs_are_missing_is_absent_not_guessed() -> None:
    rates = load_catalog().rates
    known = facts({"business": {"currency": "SEK"}}, rates)
    assert "derived.revenue_eur" not in known
    assert known["derived.market_count"] == 0


def test_fields_come_from_the_model_including_fixed_mapping_keys() -> None:
    fields = condition_fields()
    for key in ("products", "prices", "stock", "customers"):
        assert f"systems.master_data.{key}" in fields
    assert "interview.lang" in fields  # a field of an optional block
    assert "business.online_revenue" in fields
    assert not any(f.startswith("derived.") for f in requirement_fields())


def test_every_condition_in_the_shipped_catalogue_names_a_known_field() -> None:
    """The loaders check this per file; this pins that nothing names a derived fact the
    definitions do not have (a typo would otherwise read as a field of its own)."""
    named = set()
    for path in (REPO / "criteria").glob("*.yaml"):
        named |= set(re.findall(r"field: (derived\.[a-z0-9_]+)", path.read_text(encoding="utf-8")))
        named |= set(re.findall(r"per: (derived\.[a-z0-9_]+)", path.read_text(encoding="utf-8")))
    assert named, "the catalogue uses derived facts"
    assert named <= set(DERIVED)


def test_the_interview_sees_the_derived_facts() -> None:
    catalog = load_catalog()
    engine = Engine(catalog.interview_spec(), catalog, "en")
    seen = engine.facts({})
    assert seen["derived.market_count"] == 0
    assert "derived.revenue_eur" not in seen
