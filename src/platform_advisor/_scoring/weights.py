"""From business facts to criterion weights: defaults, then rules, industry profile and preset,
then the held groups (policy.held), then priorities.

Every change is recorded as a step with the reason, so a person can see which answer moved
which weight ("why these weights").
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .._catalog import Catalog
from .._conditions import all_hold, facts_of
from .._errors import InputError, Problem
from .._models import Requirements

# A priority of 2.5 on the 0-5 scale means "as important as an average criterion"; 5 means "as
# important as the heaviest one", and never less than twice an average.
PRIORITY_MIDPOINT = 2.5
PRIORITY_TOP = 5


@dataclass(frozen=True)
class WeightStep:
    """One change to the weights: a rule, an industry, a preset, a held group or a priority."""

    target: str  # criterion or group id
    kind: str  # "rule" | "industry" | "preset" | "held" | "priority"
    ref: str  # rule id, industry id, preset id, "policy.held" or the priority value
    factor: float | None  # multiplier for rules and presets
    reason: str


@dataclass(frozen=True)
class Weights:
    """A file's criterion weights and the steps that made them."""

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

    _hold(raw, catalog, steps)
    if req.priorities:
        _apply_priorities(req.priorities, raw, catalog, steps)
    if sum(raw.values()) <= 0:
        raise InputError([Problem(path, None, None, "every criterion has weight 0; raise at least one priority")])
    return Weights(raw=raw, steps=tuple(steps))


def _hold(raw: dict[str, float], catalog: Catalog, steps: list[WeightStep]) -> None:
    """Scale each held group by (the other criteria's total) / (their default total).

    Rules, the industry profile and the preset multiply what a business needs from the platform's
    features (a pure B2B seller's B2B criteria x8); without this, every such multiplier shrank the
    share of segment and market fit and of cost with it, so a wholesaler's 3-year cost weighed 4.9%
    where it weighs 9.7% by default: as if selling to businesses made the budget matter half as
    much. A factor aimed at a held group's own criteria (a small shop's cost x1.6) still counts."""
    held = {cid for gid in catalog.policy.held.groups for cid in catalog.criteria_in(gid)}
    if not held:
        return
    others = sum(w for cid, w in raw.items() if cid not in held)
    default = sum(c.default_weight for cid, c in catalog.criteria.items() if cid not in held)
    if others <= 0 or default <= 0 or math.isclose(others, default):
        return
    factor = others / default
    for gid in catalog.policy.held.groups:
        for cid in catalog.criteria_in(gid):
            raw[cid] *= factor
        steps.append(WeightStep(gid, "held", "policy.held", round(factor, 2), catalog.policy.held.reason))


def priority_weight(priority: float, mean: float, heaviest: float) -> float:
    """The weight a priority stands for, on a scale set by the weights the rules produced.

    0 is nothing and 2.5 an average criterion (`mean`); above the midpoint the scale runs on to
    `heaviest` at 5, or to twice the mean when no criterion is heavier than that. Rules that stack
    (you sell B2B, only B2B, an industrial preset) can lift a criterion far above twice the mean;
    a plain "twice the mean" for 5 then ranked a criterion rated 5 of 5 below siblings nobody
    rated, and told the reader it was what they asked for."""
    if priority <= PRIORITY_MIDPOINT:
        return priority / PRIORITY_MIDPOINT * mean
    top = max(2 * mean, heaviest)
    return mean + (priority - PRIORITY_MIDPOINT) / (PRIORITY_TOP - PRIORITY_MIDPOINT) * (top - mean)


def _apply_priorities(
    priorities: dict[str, int], raw: dict[str, float], catalog: Catalog, steps: list[WeightStep]
) -> None:
    """Groups first, spread over their members by the members' shares, then criteria. Both scales
    are read off the weights before any priority (a group against the other groups' totals), and
    "the heaviest" is the heaviest of those the business left to the rules: what it rated itself
    is its own call, not a yardstick."""
    totals = {g: sum(raw[c] for c in catalog.criteria_in(g)) for g in catalog.groups}
    group_mean = sum(totals.values()) / len(totals) if totals else 0.0
    heaviest_group = max((t for g, t in totals.items() if g not in priorities), default=0.0)
    mean = sum(raw.values()) / len(raw) if raw else 0.0
    rated = {c for k in priorities for c in _targets(catalog, k)}
    heaviest = max((w for c, w in raw.items() if c not in rated), default=0.0)
    for gid in sorted(k for k in priorities if k in catalog.groups):
        members = catalog.criteria_in(gid)
        target_total = priority_weight(priorities[gid], group_mean, heaviest_group)
        current = sum(raw[c] for c in members)
        for cid in members:
            share = raw[cid] / current if current else 1 / len(members)
            raw[cid] = target_total * share
        reason = f"You rated {catalog.groups[gid].name} {priorities[gid]} of 5."
        steps.append(WeightStep(gid, "priority", str(priorities[gid]), None, reason))
    for cid in sorted(k for k in priorities if k not in catalog.groups):
        raw[cid] = priority_weight(priorities[cid], mean, heaviest)
        reason = f"You rated {catalog.criteria[cid].name} {priorities[cid]} of 5."
        steps.append(WeightStep(cid, "priority", str(priorities[cid]), None, reason))
