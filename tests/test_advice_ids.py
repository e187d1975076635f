"""Every catalogue id that the advice files name still exists.

The weight rules, presets, interview, readiness advice and industry profiles refer to criteria,
groups, capabilities, connectors, presets, industries and interview questions by id. A renamed
or removed id would otherwise make a rule silently never fire or a question offer nothing. The
walk knows which keys hold ids; a key it does not know fails the test, so that a new kind of
reference is classified here rather than missed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from platform_advisor import load_catalog
from platform_advisor._catalog import Catalog

from .conftest import REPO
from .helpers import load_yaml

FILES = ["rules", "presets", "interview", "readiness", "industries"]

# Keys whose values are text, numbers, field paths or choices, never catalogue ids.
PLAIN = {
    "name", "description", "rationale", "reason", "text", "help", "label", "en", "sv", "what",
    "area", "kind", "default", "optional", "min", "max", "op", "value", "choices", "field",
    "default_from", "partner_questions", "done_when", "in_house", "applies_when", "when",
    "answer_from", "checklist", "roles", "questions", "preset_rules", "rules", "presets",
    "industries", "id", "da", "nb", "suggest", "plausible", "max_from",
}  # fmt: skip
# Mappings whose keys are the file's own ids (a rule, preset or industry being defined).
OWN_IDS = {"rules", "presets", "industries"}


def _ids(catalog: Catalog, questions: set[str]) -> dict[str, set[str]]:
    conns = catalog.connectors
    ids = {
        "weight target": catalog.weight_targets,
        "capability": set(catalog.capabilities),
        "preset": set(catalog.presets),
        "erp": set(conns.erp),
        "crm": set(conns.crm),
        "pim": set(conns.pim),
        "marketplace": set(conns.marketplaces),
        "industry": set(catalog.industries),
        "question": questions,
    }
    lists = {
        "erp": ids["erp"],
        "crm": ids["crm"],
        "pim": ids["pim"],
        "marketplaces": ids["marketplace"],
        "capabilities": ids["capability"],
        "presets": ids["preset"],
        "industries": ids["industry"],
    }
    # a question may offer a list only if the catalogue has it, with something in it
    ids["list"] = {name for name, members in lists.items() if members}
    return ids


# A condition on one of these fields compares it with ids of a kind.
FIELD_KINDS = {
    "systems.erp": "erp",
    "systems.crm": "crm",
    "systems.pim": "pim",
    "business.marketplaces": "marketplace",
    "must_have": "capability",
    "preset": "preset",
    "business.industry": "industry",
}
KEY_KINDS = {"must_have": "capability", "proposes": "capability", "unlocks": "capability", "preset": "preset"}


def _refs(node: Any, path: str) -> Iterator[tuple[str, str, str]]:
    """(where, kind, id) for every id the node names; ("where", "unclassified", key) for unknown keys."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from _refs(item, f"{path}[{i}]")
        return
    if not isinstance(node, dict):
        return
    if {"field", "op"} <= set(node) or ({"field", "value"} <= set(node) and "kind" not in node):
        field = str(node["field"])
        values = node.get("value")
        kind = FIELD_KINDS.get(field)
        if field.startswith("interview.answers."):
            yield path + ".field", "question", field.removeprefix("interview.answers.")
        else:  # a requirements field: the file's own loader checks it exists
            yield path + ".field", "condition", field
        if kind is not None and values is not None:
            for v in values if isinstance(values, list) else [values]:
                if isinstance(v, str):
                    yield path + ".value", kind, v
    for key, value in node.items():
        where = f"{path}.{key}"
        if key == "factors":
            for target in value:
                yield where, "weight target", target
        elif key in KEY_KINDS:
            for v in value if isinstance(value, list) else [value]:
                if v is not None:
                    yield where, KEY_KINDS[key], v
        elif key == "choices_from":
            yield where, "list", value
        elif key in OWN_IDS and isinstance(value, dict):
            for own, body in value.items():
                yield from _refs(body, f"{where}.{own}")
        elif key in PLAIN:
            yield from _refs(value, where)
        else:
            yield where, "unclassified", str(key)


def _missing(refs: list[tuple[str, str, str]], ids: dict[str, set[str]]) -> list[tuple[str, str, str]]:
    return [r for r in refs if r[1] == "unclassified" or (r[1] in ids and r[2] not in ids[r[1]])]


def _files() -> list[Path]:
    return [p for name in FILES if (p := REPO / "criteria" / f"{name}.yaml").exists()]


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.stem)
def test_every_id_the_advice_names_exists(path: Path) -> None:
    catalog = load_catalog()
    interview = load_yaml((REPO / "criteria" / "interview.yaml").read_text(encoding="utf-8"))
    ids = _ids(catalog, {q["id"] for q in interview["questions"]})
    refs = list(_refs(load_yaml(path.read_text(encoding="utf-8")), path.stem))
    unclassified = [f"{where}" for where, kind, _ in refs if kind == "unclassified"]
    assert not unclassified, f"teach this test whether these keys name catalogue ids: {unclassified}"
    missing = [f"{where}: {kind} {ref!r}" for where, kind, ref in _missing(refs, ids)]
    assert not missing, "\n".join(missing)
    assert refs, "the walk found no ids or conditions at all: it no longer understands the file"


def test_the_walk_finds_a_renamed_id() -> None:
    """The walk itself: a rule naming a criterion, a capability and an ERP that do not exist."""
    catalog = load_catalog()
    ids = _ids(catalog, {"punchout"})
    doc = {
        "rules": {
            "r": {
                "when": [
                    {"field": "systems.erp", "op": "in", "value": ["fortnox", "fortknox"]},
                    {"field": "must_have", "op": "contains", "value": "b2b_punchout"},
                    {"field": "interview.answers.punchot", "op": "eq", "value": True},
                ],
                "factors": {"erp_integraton": 2, "b2b": 1},
                "reason": "x",
            }
        },
        "preset_rules": [{"preset": "small_b2b", "when": []}],
        "proposes_later": ["x"],
    }
    missing = sorted(f"{kind} {ref}" for _, kind, ref in _missing(list(_refs(doc, "doc")), ids))
    assert missing == [
        "erp fortknox",
        "preset small_b2b",
        "question punchot",
        "unclassified proposes_later",
        "weight target erp_integraton",
    ]
