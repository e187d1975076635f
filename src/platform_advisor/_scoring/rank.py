"""Score and rank every platform for one requirements file."""

from __future__ import annotations

import math

from .._catalog import Catalog
from .._models import Requirements
from .result import Excluded, Expectations, Ranked, Result
from .knockouts import knockouts
from .tco import Tco, cost_value, estimate_tco
from .weights import Weights, derive_weights

# Without a budget, the 3-year cost is compared with this share of 3 years' revenue.
REVENUE_SHARE_REFERENCE = 0.05


def _round_parts(parts: dict[str, float], total: float) -> dict[str, float]:
    """Round to cents so the rounded parts add up exactly to the rounded total."""
    target = round(total * 100)
    floors = {k: math.floor(v * 100) for k, v in parts.items()}
    remainder = target - sum(floors.values())
    order = sorted(parts, key=lambda k: (-(parts[k] * 100 - floors[k]), k))
    for k in order[: max(0, remainder)]:
        floors[k] += 1
    return {k: floors[k] / 100 for k in parts}


def _reference(req: Requirements, tcos: dict[str, Tco]) -> float:
    b = req.budget
    if b.monthly is not None or b.one_off is not None:
        return 36 * (b.monthly or 0) + (b.one_off or 0)
    if req.business.online_revenue > 0:
        return 3 * REVENUE_SHARE_REFERENCE * req.business.online_revenue
    known = [t.three_year for t in tcos.values() if t.three_year is not None and t.three_year > 0]
    return 2 * min(known) if known else 0.0


def score(req: Requirements, catalog: Catalog, file: str = "requirements",
          weights: Weights | None = None) -> Result:
    weights = weights or derive_weights(req, catalog, file)
    cur = req.business.currency
    tcos = {
        pid: estimate_tco(p.pricing, req.business.online_revenue, cur, catalog.rates)
        for pid, p in catalog.platforms.items()
    }
    reference = _reference(req, tcos)

    excluded: list[Excluded] = []
    scored: list[tuple[tuple[float, float, float, str], Ranked]] = []
    for pid, platform in catalog.platforms.items():
        tco = tcos[pid]
        reasons = knockouts(platform, req, catalog, tco)
        if reasons:
            excluded.append(Excluded(pid, platform.name, tuple(reasons), tco))
            continue
        values: dict[str, float | None] = {}
        for cid, crit in catalog.criteria.items():
            if crit.computed == "tco":
                values[cid] = None if tco.three_year is None else cost_value(tco.three_year, reference)
            else:
                rating = platform.ratings.get(cid)
                values[cid] = rating.value / 5 if rating and isinstance(rating.value, int) else None
        live = {cid: w for cid, w in weights.raw.items() if w > 0}
        known_weight = sum(w for cid, w in live.items() if values[cid] is not None)
        coverage = known_weight / sum(live.values())
        raw_points = {
            cid: (100 * w * values[cid] / known_weight if known_weight else 0.0)  # type: ignore[operator]
            for cid, w in live.items() if values[cid] is not None
        }
        total = sum(raw_points.values())
        ranked = Ranked(
            rank=0, platform=pid, name=platform.name, score=round(total, 2),
            coverage=round(coverage, 4), contributions=_round_parts(raw_points, total),
            values=values, tco=tco,
        )
        three = tco.three_year if tco.three_year is not None else math.inf
        scored.append(((-round(total, 2), -round(coverage, 4), three, pid), ranked))

    scored.sort(key=lambda item: item[0])
    ranking = tuple(
        Ranked(**{**r.__dict__, "rank": i}) for i, (_, r) in enumerate(scored, start=1)
    )
    out = tuple(sorted(excluded, key=lambda e: e.platform))
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
