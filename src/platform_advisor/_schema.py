"""JSON Schemas for every file format, derived from the pydantic models (never written by hand).

pydantic emits JSON Schema 2020-12; yaml-language-server wants draft-07, so `$defs` become
`definitions` and references follow.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from ._models import (
    CapabilitiesFile,
    ConnectorsFile,
    CriteriaFile,
    ExchangeRates,
    Platform,
    PresetsFile,
    Requirements,
    RulesFile,
)
from ._models.costs import ComplexityFile, RatesFile
from ._models.evidence import EvidenceFile
from ._models.interview import InterviewFile
from ._models.policy import IndustriesFile, MarketsFile, PolicyFile
from ._models.readiness import ReadinessFile

# schema name -> (model, the files it describes, relative to a catalogue or project root)
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "platform": (Platform, "platforms/*.yaml"),
    "criteria": (CriteriaFile, "criteria/criteria.yaml"),
    "capabilities": (CapabilitiesFile, "criteria/capabilities.yaml"),
    "connectors": (ConnectorsFile, "criteria/connectors.yaml"),
    "exchange_rates": (ExchangeRates, "criteria/exchange_rates.yaml"),
    "presets": (PresetsFile, "criteria/presets.yaml"),
    "rules": (RulesFile, "criteria/rules.yaml"),
    "evidence": (EvidenceFile, "criteria/evidence.yaml"),
    "industries": (IndustriesFile, "criteria/industries.yaml"),
    "markets": (MarketsFile, "criteria/markets.yaml"),
    "policy": (PolicyFile, "criteria/policy.yaml"),
    "rates": (RatesFile, "criteria/rates.yaml"),
    "complexity": (ComplexityFile, "criteria/complexity.yaml"),
    "interview": (InterviewFile, "criteria/interview.yaml"),
    "readiness": (ReadinessFile, "criteria/readiness.yaml"),
    "requirements": (Requirements, "examples/*.yaml"),
}


def _draft07(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$defs":
                out["definitions"] = _draft07(value)
            elif key == "$ref" and isinstance(value, str):
                out[key] = value.replace("#/$defs/", "#/definitions/")
            else:
                out[key] = _draft07(value)
        return out
    if isinstance(node, list):
        return [_draft07(v) for v in node]
    return node


def schema(name: str) -> dict[str, Any]:
    model, files = SCHEMAS[name]
    body = _draft07(model.model_json_schema(mode="validation"))
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": f"https://platform-advisor.invalid/schemas/{name}.schema.json",
        "description": f"platform-advisor {name} file ({files}). Generated from the pydantic models; "
        "regenerate with `advisor catalog schema --out schemas`.",
        **body,
    }


def render(name: str) -> str:
    return json.dumps(schema(name), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
