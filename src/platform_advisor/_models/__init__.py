"""Pydantic models: the single definition of every file format the advisor reads.

The model modules do without `from __future__ import annotations`: with it, pydantic evaluates
every field's annotation from its string when a class is made, about 12 ms of every start-up
for these ~70 classes (a model validator's own class is `Self`).
"""

from .catalog import (
    CapabilitiesFile,
    CapabilityEntry,
    CapabilityStatus,
    ConnectorsFile,
    CriteriaFile,
    Criterion,
    Evidence,
    ExchangeRates,
    Group,
    Platform,
    Preset,
    PresetsFile,
    Pricing,
    Range,
    Rating,
    Rule,
    RulesFile,
    Source,
)
from .requirements import Requirements

__all__ = [
    "CapabilitiesFile",
    "CapabilityEntry",
    "CapabilityStatus",
    "ConnectorsFile",
    "CriteriaFile",
    "Criterion",
    "Evidence",
    "ExchangeRates",
    "Group",
    "Platform",
    "Preset",
    "PresetsFile",
    "Pricing",
    "Range",
    "Rating",
    "Requirements",
    "Rule",
    "RulesFile",
    "Source",
]
