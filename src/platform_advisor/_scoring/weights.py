"""From business facts to criterion weights: defaults, then rules, then preset, then priorities.

Every change is recorded as a step with the reason, so a person can see which answer moved
which weight ("why these weights").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .._catalog import Catalog
from .._conditions import all_hold, facts_of
from .._errors import InputError, Problem
from .._models import Requirements

# A priority of 2.5 on the 0-5 scale means "as important as an average criterion".
PRIORITY_MIDPOINT = 2.5


@dataclass(frozen=True)
class WeightStep:
    target: str  # criterion or group id
    kind: str  # "rule" | "industry" | "preset" | "priority"
    ref: str  # rule id, industry id, preset id or the priority value
    factor: float | None  # multiplier for rules and presets
    reason: str


@dataclass(frozen=True)
class Weights:
    raw: dict[str, float]  # per criterion, before normalising
    steps: tuple[WeightStep, ...]

    @property
    def total(self) -> float:
        return sum(self.raw.values())

    def normalised(self) -> dict[str, float]:
        total = self.total
        return {cid: w / total for cid, w in self.raw.items()}

    def group_share(self, catalog: Catalog) -> dict[str, float]:
        shares = self.normalised()
        return {g: sum(shares[c] for c in catalog.criteria_in(g)) for g in catalog.groups}


def _targets(catalog: Catalog, target: str) -> list[str]:
    return catalog.criteria_in(target) if target in catalog.groups else [target]


def derive_weights(
    req: Requirements, catalog: Catalog, path: str = "requirements", facts: dict[str, Any] | None = None
) -> Weights:
    """`facts`: the file's facts when the caller has them already (`score` does)."""
    raw = {cid: c.default_weight for cid, c in catalog.criteria.items()}
    steps: list[WeightStep] = []

    def apply(factors: dict[str, float], kind: str, ref: str, reason: str) -> None:
        for target, factor in factors.items():
            for cid in _targets(catalog, target):
                raw[cid] *= factor
            steps.append(WeightStep(target, kind, ref, factor, reason))

    facts = facts_of(req, catalog.rates) if facts is None else facts
    for rid, rule in catalog.rules.items():
        if all_hold(rule.when, facts):
            apply(rule.factors, "rule", rid, rule.reason)
    industry = catalog.industries.get(req.business.industry or "")
    if industry is not None:
        apply(industry.factors, "industry", req.business.industry or "", f"{industry.name}: {industry.reason}")
    if req.preset:
        preset = catalog.presets[req.preset]
        apply(preset.factors, "preset", req.preset, f"Preset '{preset.name}': {preset.rationale}")

    if req.priorities:
        scale = (sum(raw.values()) / len(raw)) / PRIORITY_MIDPOINT if raw else 1.0
        per_group = len(catalog.criteria) / max(len(catalog.groups), 1)
        groups = sorted(k for k in req.priorities if k in catalog.groups)
        crits = sorted(k for k in req.priorities if k not in catalog.groups)
        for gid in groups:
            members = catalog.criteria_in(gid)
            target_total = req.priorities[gid] * scale * per_group
            current = sum(raw[c] for c in members)
            for cid in members:
                share = raw[cid] / current if current else 1 / len(members)
                raw[cid] = target_total * share
            steps.append(
                WeightStep(
                    gid,
                    "priority",
                    str(req.priorities[gid]),
                    None,
                    f"You rated {catalog.groups[gid].name} {req.priorities[gid]} of 5.",
                )
            )
        for cid in crits:
            raw[cid] = req.priorities[cid] * scale
            steps.append(
                WeightStep(
                    cid,
                    "priority",
                    str(req.priorities[cid]),
                    None,
                    f"You rated {catalog.criteria[cid].name} {req.priorities[cid]} of 5.",
                )
            )
    if sum(raw.values()) <= 0:
        raise InputError([Problem(path, None, None, "every criterion has weight 0; raise at least one priority")])
    return Weights(raw=raw, steps=tuple(steps))
