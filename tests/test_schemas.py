"""The committed JSON Schemas match the models, and every catalogue file and example passes them."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from platform_advisor._schema import SCHEMAS, render
from platform_advisor._yaml import load_file

from .conftest import REPO


def _as_json(value: Any) -> Any:
    """What an editor's YAML-to-JSON view sees: every mapping key is text."""
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_committed_schema_matches_the_models(name: str) -> None:
    committed = (REPO / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == render(name), f"schemas/{name}.schema.json is stale: run `advisor catalog schema --out schemas`"


FILES = [(name, path) for name, (_, pattern) in SCHEMAS.items() for path in sorted(REPO.glob(pattern))]


@functools.cache  # one check of each schema against the meta-schema, not one per file
def _validator(name: str) -> jsonschema.Draft7Validator:
    schema = json.loads((REPO / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@pytest.mark.parametrize(("name", "path"), FILES, ids=[str(p.relative_to(REPO)) for _, p in FILES])
def test_file_validates_against_its_schema(name: str, path: Path) -> None:
    _validator(name).validate(_as_json(load_file(path).data))
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{name}.schema.json"


def test_schemas_catch_mistakes() -> None:
    schema = json.loads((REPO / "schemas" / "requirements.schema.json").read_text(encoding="utf-8"))
    bad = {"version": 1, "name": "X", "business": {"model": "b2x", "currency": "SEK", "markets": ["SE"]}, "oops": 1}
    errors = sorted(e.message for e in jsonschema.Draft7Validator(schema).iter_errors(bad))
    assert any("'oops' was unexpected" in e for e in errors)
    assert any("'b2x' is not one of" in e for e in errors)
