"""Score and rank every platform for one requirements file."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, replace

from .._catalog import Catalog
from .._models import Requirements
from .fit import values_for
from .knockouts import knockouts
from .result import Excluded, Expectations, Ranked, Result
from .tco import Tco, estimate_tco
from .weights import Weights, derive_weights

# Without a budget, the 3-year cost is compared with this share of 3 years' revenue.
REVENUE_SHARE_REFERENCE = 0.05


def _round_parts(parts: dict[str, float], total: float) -> dict[str, float]:
    """Round to cents so the rounded parts add up exactly to the rounded total."""
    target = round(total * 100)
    floors = {k: math.floor(v * 100) for k, v in parts.items()}
    remainder = target - sum(floors.values())
    if remainder > 0:  # the largest remainders get the missing cents; ties by id
        for _, k in sorted((floors[k] - v * 100, k) for k, v in parts.items())[:remainder]:
            floors[k] += 1
    return {k: floors[k] / 100 for k in parts}


def _medians(values: dict[str, dict[str, float | None]], criteria: list[str]) -> dict[str, float]:
    """Per criterion, the median known value across the catalogue: what an unknown is taken as.

    An unknown is neither rewarded nor punished relative to the field; coverage says how much
    of a score rests on such stand-ins. With no known value at all, the midpoint 0.5 is used.
    """
    out: dict[str, float] = {}
    for cid in criteria:
        known = [x for v in values.values() if (x := v[cid]) is not None]
        out[cid] = statistics.median(known) if known else 0.5
    return out


@dataclass(frozen=True)
class Reference:
    amount: float
    basis: str  # in words, for messages


def reference_cost(req: Requirements, tcos: dict[str, Tco]) -> Reference:
    """What a 3-year cost is compared with: the 3-year budget, else a share of revenue,
    else (no budget, no revenue) twice the cheapest platform's cost."""
    b = req.budget
    if b.monthly is not None or b.one_off is not None:
        return Reference(36 * (b.monthly or 0) + (b.one_off or 0), "your 3-year budget")
    if req.business.online_revenue > 0:
        return Reference(
            3 * REVENUE_SHARE_REFERENCE * req.business.online_revenue,
            f"{REVENUE_SHARE_REFERENCE:.0%} of three years' online revenue",
        )
    known = [t.three_year for t in tcos.values() if t.three_year is not None and t.three_year > 0]
    return Reference(2 * min(known) if known else 0.0, "twice the cheapest platform's 3-year cost")


def score(req: Requirements, catalog: Catalog, file: str = "requirements", weights: Weights | None = None) -> Result:
    weights = weights or derive_weights(req, catalog, file)
    cur = req.business.currency
    tcos = {
        pid: estimate_tco(p.pricing, req.business.online_revenue, cur, catalog.rates)
        for pid, p in catalog.platforms.items()
    }
    reference = reference_cost(req, tcos)

    values: dict[str, dict[str, float | None]] = {}
    notes: dict[str, list[str]] = {}
    for pid, platform in catalog.platforms.items():
        values[pid], notes[pid] = values_for(platform, req, catalog, tcos[pid], reference.amount)
    medians = _medians(values, list(catalog.criteria))

    excluded: list[Excluded] = []
    scored: list[tuple[tuple[float, float, float, str], Ranked]] = []
    live = {cid: w for cid, w in weights.raw.items() if w > 0}
    total_weight = sum(live.values())
    for pid, platform in catalog.platforms.items():
        tco = tcos[pid]
        known = values[pid]
        filled: dict[str, float] = {
            cid: value if (value := known[cid]) is not None else medians[cid] for cid in catalog.criteria
        }
        raw_points = {cid: 100 * w * filled[cid] / total_weight for cid, w in live.items()}
        total = sum(raw_points.values())
        reasons = knockouts(platform, req, catalog, tco, reference)
        if reasons:
            excluded.append(Excluded(pid, platform.name, tuple(reasons), tco, round(total, 2)))
            continue
        coverage = sum(w for cid, w in live.items() if known[cid] is not None) / total_weight
        ranked = Ranked(
            rank=0,
            platform=pid,
            name=platform.name,
            score=round(total, 2),
            coverage=round(coverage, 4),
            contributions=_round_parts(raw_points, total),
            values=known,
            tco=tco,
            notes=tuple(notes[pid]),
            used=filled,
        )
        three = tco.three_year if tco.three_year is not None else math.inf
        scored.append(((-round(total, 2), -round(coverage, 4), three, pid), ranked))

    scored.sort(key=lambda item: item[0])
    ranking = tuple(replace(r, rank=i) for i, (_, r) in enumerate(scored, start=1))
    ranked_scores = [r.score for r in ranking]
    out = tuple(
        replace(e, would_rank=1 + sum(s > e.would_score for s in ranked_scores)) if e.near_miss else e
        for e in sorted(excluded, key=lambda e: e.platform)
    )
    return Result(file, req.name, ranking, out, weights, check_expectations(req, ranking, out))


def check_expectations(
    req: Requirements, ranking: tuple[Ranked, ...], excluded_list: tuple[Excluded, ...]
) -> Expectations:
    exp = req.expect
    if exp is None:
        return Expectations(True, (), False)
    order = [r.platform for r in ranking]
    excluded = {e.platform for e in excluded_list}
    failures: list[str] = []

    def where(pid: str) -> str:
        if pid in excluded:
            return "excluded"
        return f"#{order.index(pid) + 1}" if pid in order else "not ranked"

    if exp.top_1 and (not order or order[0] not in exp.top_1):
        got = f"{order[0]} ({ranking[0].score:.2f})" if order else "nothing ranked"
        failures.append(f"top_1: expected one of {', '.join(exp.top_1)} first; got {got}")
    if exp.top_3_includes and not set(order[:3]) & set(exp.top_3_includes):
        places = ", ".join(f"{p} {where(p)}" for p in exp.top_3_includes)
        failures.append(f"top_3_includes: none of them in the top 3 ({places}); top 3 is {', '.join(order[:3])}")
    for pid in exp.not_top_5:
        if pid in order[:5]:
            failures.append(f"not_top_5: {pid} is {where(pid)}")
    for pid in exp.excluded:
        if pid not in excluded:
            failures.append(f"excluded: {pid} was not excluded (it is {where(pid)})")
    return Expectations(not failures, tuple(failures), True)
