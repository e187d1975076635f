"""TOPSIS as a cross-check on the weighted sum (Hwang and Yoon, 1981).

Vector-normalise each criterion, weight it, and rank by relative closeness to the ideal
(best on every criterion) and distance from the anti-ideal. All values are benefit-type here:
cost was already turned into "lower is better" when it was scored.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .._scoring import Result


@dataclass(frozen=True)
class CrossCheck:
    order: list[str]  # platform ids by TOPSIS closeness
    closeness: dict[str, float]
    moved: list[str]  # platforms in either top 3 but not both, or in another top-3 place


def topsis(result: Result) -> CrossCheck:
    weights = {c: w for c, w in result.weights.normalised().items() if w > 0}
    plats = result.ranking
    norms = {c: math.sqrt(sum(r.used[c] ** 2 for r in plats)) or 1.0 for c in weights}
    matrix = {r.platform: {c: weights[c] * r.used[c] / norms[c] for c in weights} for r in plats}
    best = {c: max(row[c] for row in matrix.values()) for c in weights}
    worst = {c: min(row[c] for row in matrix.values()) for c in weights}
    closeness = {}
    for pid, row in matrix.items():
        plus = math.sqrt(sum((row[c] - best[c]) ** 2 for c in weights))
        minus = math.sqrt(sum((row[c] - worst[c]) ** 2 for c in weights))
        closeness[pid] = minus / (plus + minus) if plus + minus else 0.0
    order = sorted(closeness, key=lambda p: (-closeness[p], p))
    wsm = [r.platform for r in plats[:3]]
    moved = sorted(
        {p for p in wsm + order[:3] if p not in wsm[:3] or p not in order[:3] or wsm.index(p) != order.index(p)}
    )
    return CrossCheck(order, closeness, moved)
