"""The derived facts have one definition (`_conditions.DERIVED`): each is tied here to a
worked example, every one the catalogue files or the README name exists, and `advisor catalog
fields` lists them, so the criteria files can point to it instead of keeping a copy."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from platform_advisor._catalog import load_catalog
from platform_advisor._conditions import DERIVED, condition_fields, facts, requirement_fields

from .conftest import REPO, Run

# Per derived fact: answers (flattened paths) and the value the fact must take; a fact added to
# DERIVED without a line here fails `test_every_derived_fact_has_a_worked_example`.
EXAMPLES: dict[str, list[tuple[dict[str, Any], Any]]] = {
    "derived.revenue_eur": [
        ({"business": {"online_revenue": 2_000_000, "currency": "EUR"}}, 2_000_000),
        ({"business": {"currency": "EUR"}}, None),  # not answered yet: no fact
    ],
    "derived.market_count": [({"business": {"markets": ["SE", "NO", "DK"]}}, 3), ({}, 0)],
    "derived.marketplace_count": [({"business": {"marketplaces": ["amazon"]}}, 1), ({}, 0)],
    "derived.has_erp": [({"systems": {"erp": "sap_s4hana"}}, True), ({"systems": {"erp": None}}, False)],
    "derived.has_crm": [({"systems": {"crm": "hubspot"}}, True), ({}, False)],
    "derived.has_pim": [({"systems": {"pim": "akeneo"}}, True), ({}, False)],
    "derived.is_b2b": [
        ({"business": {"model": "b2b"}}, True),
        ({"business": {"model": "hybrid"}}, True),
        ({"business": {"model": "b2c"}}, False),
    ],
    "derived.b2b_later": [
        ({"business": {"model": "b2c", "model_future": "b2b"}}, True),
        ({"business": {"model": "b2b", "model_future": "hybrid"}}, False),  # already b2b
        ({"business": {"model": "b2c"}}, False),
    ],
    "derived.one_off_budget_eur": [
        ({"business": {"currency": "EUR"}, "budget": {"one_off": 40_000}}, 40_000),
        ({"business": {"currency": "EUR"}}, None),
    ],
    "derived.it_maturity_level": [
        ({"organisation": {"it_maturity": "low"}}, 0),
        ({"organisation": {"it_maturity": "high"}}, 2),
        ({}, 1),  # not given: the model's default, medium
    ],
}

CASES = [(name, answers, value) for name, examples in EXAMPLES.items() for answers, value in examples]


def test_every_derived_fact_has_a_worked_example() -> None:
    assert set(EXAMPLES) == set(DERIVED)


@pytest.mark.parametrize(("name", "answers", "expected"), CASES, ids=[c[0] for c in CASES])
def test_derived_fact_follows_its_definition(name: str, answers: dict[str, Any], expected: Any) -> None:
    got = facts(answers, load_catalog().rates).get(name)
    assert got == expected


@pytest.mark.parametrize("name", list(DERIVED))
def test_a_derived_fact_rests_on_a_requirements_field_and_says_what_it_means(name: str) -> None:
    assert DERIVED[name].source in requirement_fields()
    assert DERIVED[name].meaning.strip()


def _named_derived_facts(text: str) -> set[str]:
    # `derived.x / y / z` shorthand in prose would slip past this, so the files avoid it
    return set(re.findall(r"\bderived\.[a-z0-9_]*[a-z0-9]", text))


@pytest.mark.parametrize(
    "path", [*sorted((REPO / "criteria").glob("*.yaml")), REPO / "README.md"], ids=lambda p: p.name
)
def test_every_derived_fact_the_files_name_exists(path: Path) -> None:
    assert _named_derived_facts(path.read_text(encoding="utf-8")) <= set(DERIVED)


def test_catalog_fields_lists_every_condition_field(run: Callable[..., Run]) -> None:
    r = run("catalog", "fields", "--format", "json")
    assert r.code == 0
    rows = json.loads(r.out)
    assert [row["field"] for row in rows] == list(condition_fields())
    derived = {row["field"]: row["derived_from"] for row in rows if row["derived_from"]}
    assert derived == {name: d.source for name, d in DERIVED.items()}


def test_catalog_fields_as_a_table_keeps_whole_field_names(run: Callable[..., Run]) -> None:
    r = run("catalog", "fields", "--format", "table")
    assert r.code == 0
    for name in DERIVED:
        assert name in r.out
