"""The smallest single change that would put #2 (or any challenger) ahead of a leader."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .._catalog import Catalog
from .._scoring import Ranked, Result
from .stability import crossing, linear_parts


@dataclass(frozen=True)
class WeightChange:
    target: str  # group or criterion id
    current: float  # share of all weight now
    needed: float  # share at which the challenger draws level


@dataclass(frozen=True)
class RatingChange:
    platform: str  # whose rating changes
    criterion: str
    current: int | None  # None: unknown in the catalogue (a stand-in was used)
    needed: int


def weight_change(result: Result, catalog: Catalog, leader: Ranked, challenger: Ranked) -> WeightChange | None:
    """Smallest move of one group's (or one criterion's) share that makes them draw level."""
    best: WeightChange | None = None
    targets = list(catalog.groups) + [
        c for c in catalog.criteria if len(catalog.criteria_in(catalog.criteria[c].group)) > 1
    ]
    for target in targets:
        members = set(catalog.criteria_in(target)) if target in catalog.groups else {target}
        current, parts = linear_parts(result, catalog, members)
        x = crossing(parts[leader.platform], parts[challenger.platform])
        if x is None or not 0 <= x <= 1:
            continue
        if best is None or abs(x - current) < abs(best.needed - best.current):
            best = WeightChange(target, current, x)
    return best


def rating_change(result: Result, catalog: Catalog, leader: Ranked, challenger: Ranked) -> RatingChange | None:
    """Fewest rating steps, on one criterion, that would put the challenger ahead.

    A rating counts as the business's need makes it count (`Result.needs`: a 5 and a 4 both
    fully meet a need of 4), so a step that would change nothing is never proposed. A rating
    the scorer adjusted otherwise (a connector cap, a headless pairing, a lower plan) has no
    simple what-if and is left out."""
    weights = result.weights.normalised()
    gap = leader.score - challenger.score
    best: tuple[int, float, RatingChange] | None = None
    platforms = catalog.platforms
    for cid, w in weights.items():
        if w <= 0 or catalog.criteria[cid].computed:
            continue
        need = result.needs.get(cid)

        def value(r: float, need: int | None = need) -> float:
            return r / 5 if need is None else min(1.0, r / need)

        for who, direction in ((challenger, 1), (leader, -1)):
            rating = platforms[who.platform].ratings.get(cid)
            current = rating.value if rating and isinstance(rating.value, int) else None
            used = who.used[cid]
            if current is not None and abs(value(current) - used) > 1e-9:
                continue
            # a stand-in for an unknown may fall between ratings
            base = float(current) if current is not None else used * 5
            for new in sorted(range(6), key=lambda r: abs(r - base)):
                delta = (value(new) - used) * direction
                if delta <= 1e-9:
                    continue
                gain = 100 * w * delta
                if gain > gap + 0.005:
                    key = (math.ceil(abs(new - base) - 1e-9), -gain)
                    if best is None or key < best[:2]:
                        best = (key[0], key[1], RatingChange(who.platform, cid, current, new))
                    break
    return best[2] if best else None
