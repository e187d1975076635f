"""Weight stability intervals, exactly.

Give group g the share x of all weight and rescale the other groups proportionally. Every
platform's score is then linear in x:  S_p(x) = x*A_p + (1-x)*B_p, where A_p is its score on g
alone and B_p its score on everything else. #1 stays #1 while S_top(x) >= S_q(x) for every q,
which is an intersection of half-lines: an interval, computed without sampling.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .._catalog import Catalog
from .._scoring import Result


@dataclass(frozen=True)
class Interval:
    target: str  # group (or criterion) id
    current: float
    low: float
    high: float
    below_leader: str | None  # who leads just below `low` (None when low is 0)
    above_leader: str | None  # who leads just above `high` (None when high is 1)


def _proportions(members: Iterable[str], weights: dict[str, float], catalog: Catalog) -> dict[str, float]:
    members = list(members)
    total = sum(weights[c] for c in members)
    if total > 0:
        return {c: weights[c] / total for c in members}
    defaults = {c: catalog.criteria[c].default_weight for c in members}
    total = sum(defaults.values())
    return {c: (defaults[c] / total if total else 1 / len(members)) for c in members}


def linear_parts(result: Result, catalog: Catalog, members: set[str]) -> tuple[float, dict[str, tuple[float, float]]]:
    """(current share of `members`, {platform: (A, B)}) with scores in points."""
    w = result.weights.normalised()
    inside = _proportions(sorted(members), w, catalog)
    outside = _proportions([c for c in catalog.criteria if c not in members], w, catalog)
    parts = {
        r.platform: (
            100 * sum(p * r.used[c] for c, p in inside.items()),
            100 * sum(p * r.used[c] for c, p in outside.items()),
        )
        for r in result.ranking
    }
    return sum(w[c] for c in members), parts


def crossing(top: tuple[float, float], other: tuple[float, float]) -> float | None:
    """The share x at which `other` catches up with `top`, if the lines cross."""
    a = top[1] - other[1]  # lead at x = 0
    b = top[0] - other[0]  # lead at x = 1
    if a == b:
        return None
    return a / (a - b)


def interval_for(result: Result, catalog: Catalog, target: str) -> Interval:
    members = set(catalog.criteria_in(target)) if target in catalog.groups else {target}
    current, parts = linear_parts(result, catalog, members)
    top = result.ranking[0].platform
    low, high = 0.0, 1.0
    below = above = None
    for q, pq in parts.items():
        if q == top:
            continue
        a = parts[top][1] - pq[1]
        b = parts[top][0] - pq[0]
        x = crossing(parts[top], pq)
        if x is None:
            continue
        if b - a > 0 and x > low:  # top's lead grows with x: q leads below x
            low, below = x, q
        elif b - a < 0 and x < high:  # top's lead shrinks with x: q leads above x
            high, above = x, q
    low, high = max(0.0, min(low, current)), min(1.0, max(high, current))
    return Interval(target, current, low, high, below if low > 0 else None, above if high < 1 else None)


def stability(result: Result, catalog: Catalog) -> list[Interval]:
    if len(result.ranking) < 2:
        return []
    return [interval_for(result, catalog, gid) for gid in catalog.groups]
