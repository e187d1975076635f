"""Score and rank every platform for one requirements file."""

from __future__ import annotations

import math
from dataclasses import replace

from .._catalog import Catalog, median_known
from .._conditions import facts_of
from .._models import Requirements
from .fit import Adjustments, below_plan, for_answers, values_for
from .knockouts import Knockouts
from .result import Excluded, Expectations, Flag, Knockout, Ranked, Result, place_among
from .tco import Costs, Reference, Tco, cap_partial_costs, reference_cost
from .weights import Weights, derive_weights


def _round_parts(parts: dict[str, float], total: float, by_id: list[int] | None = None) -> dict[str, float]:
    """Round to cents so the rounded parts add up exactly to the rounded total.

    `by_id`: the positions of `parts`' keys in id order, when the caller rounds many dicts
    with the same keys (every platform of a file): the tie-break order is then sorted once."""
    keys = list(parts)
    cents = [v * 100 for v in parts.values()]
    floors = [math.floor(c) for c in cents]
    # round(total, 2) is the score shown: 27.075 is 27.07499.. there but rounds to 2708 cents here
    remainder = round(round(total, 2) * 100) - sum(floors)
    if remainder > 0:  # the largest remainders get the missing cents; ties by id
        gaps = [f - c for f, c in zip(floors, cents, strict=True)]
        if by_id is None:
            by_id = sorted(range(len(keys)), key=keys.__getitem__)
        # a stable sort on the gap alone keeps id order among equal gaps: float keys, no tuples
        for i in sorted(by_id, key=gaps.__getitem__)[:remainder]:
            floors[i] += 1
    return dict(zip(keys, [f / 100 for f in floors], strict=True))


def _medians(
    catalog: Catalog, values: dict[str, dict[str, float | None]], adjust: Adjustments, cached: bool = True
) -> dict[str, float]:
    """Per criterion, the median known value across the catalogue: what an unknown is taken as.

    An unknown is neither rewarded nor punished relative to the field; coverage says how much
    of a score rests on such stand-ins. With no known value at all, the midpoint 0.5 is used.
    Only criteria whose values depend on the requirements (cost, fit, a capped ERP or CRM
    integration) are recomputed; the rest are the catalogue's own medians. An unknown cost is
    taken as the median among the platforms whose segment fits this business (peers).
    `cached` False: some rating was taken on a lower plan for this file, so the rated medians
    are this file's own, not the ones kept for its answers.
    """
    out = dict(catalog.rated_medians)
    dynamic = adjust.dynamic
    if adjust.separable and cached:
        # the adjusted rated criteria (needs, connectors, adequacy) hold the rated part of the
        # values, the same for every file with the same answers: their medians are too
        rated = for_answers(catalog, "medians", adjust.rated_key)
        if not rated:
            rows = list(values.values())
            rated.update((cid, median_known(rows, cid)) for cid in dynamic if cid not in adjust.computed)
        out.update(rated)
        dynamic = [cid for cid in dynamic if cid in adjust.computed]
    segment = next((c for c, crit in catalog.criteria.items() if crit.computed == "segment"), None)
    floor = catalog.policy.unknowns.peer_segment_fit
    for cid in dynamic:
        rows = list(values.values())
        if catalog.criteria[cid].computed == "tco" and segment is not None:
            # an unknown price is likely priced like the platforms made for a business this
            # size, not like the whole catalogue (whose median is 0 for a small shop)
            peers = [v for v in rows if (f := v.get(segment)) is not None and f >= floor]
            if any(v.get(cid) is not None for v in peers):
                rows = peers
        out[cid] = median_known(rows, cid)
    return out


def score(req: Requirements, catalog: Catalog, file: str = "requirements", weights: Weights | None = None) -> Result:
    facts = facts_of(req, catalog.rates)  # once: the weights, the cost model and the fit adjustments test them
    own = derive_weights(req, catalog, file, facts)
    # `weights` given (a library caller's what-if, as the property tests do): the weights move
    # and the value of each rating holds, so what counts as this business's emphasis stays its
    # own; robustness and stability re-weigh a result's values the same way, without scoring
    weights = weights or own
    costs = Costs.of(req, catalog, facts)
    normalised = own.normalised()
    adjust = Adjustments.of(req, catalog, facts, normalised, costs.build)
    if catalog.plan_gated:
        costs = replace(costs, plan_floors=plan_floors(catalog, normalised, adjust.adequate))
    tcos = {pid: costs(p) for pid, p in catalog.platforms.items()}
    reference = reference_cost(req, tcos, catalog.policy.cost.revenue_share_reference)
    if costs.plan_floors and _fall_back_within_budget(req, catalog, costs, tcos, reference):
        reference = reference_cost(req, tcos, catalog.policy.cost.revenue_share_reference)

    values: dict[str, dict[str, float | None]] = {}
    notes: dict[str, list[str]] = {}
    fit_flags: dict[str, list[Flag]] = {}
    for pid, platform in catalog.platforms.items():
        values[pid], notes[pid], fit_flags[pid] = values_for(
            platform, catalog, tcos[pid], reference.amount, adjust, req
        )
    cost_criteria = tuple(cid for cid, source in adjust.computed.items() if source == "tco")
    bounds = cap_partial_costs(values, tcos, cost_criteria)
    medians = _medians(
        catalog,
        values,
        adjust,
        not any(below_plan(catalog.platforms[pid], catalog, tcos[pid]) for pid in catalog.plan_gated),
    )
    cap_partial_costs(values, tcos, cost_criteria, medians, bounds)
    policy = catalog.policy

    live = {cid: w for cid, w in weights.raw.items() if w > 0}
    total_weight = sum(live.values())
    scaled = {cid: 100 * w for cid, w in live.items()}  # (100 * w) * value / total, as written
    check = Knockouts.of(req, catalog, reference)
    excluded: list[Excluded] = []
    kept: list[tuple[tuple[float, float, float, str], str, float, float, dict[str, float], float, list[Flag]]] = []
    for pid, platform in catalog.platforms.items():
        tco = tcos[pid]
        known = values[pid]
        checked = check(platform, tco)
        if checked.knockouts:
            # its score had it not been knocked out, summed as below but without the dict
            total = sum(
                [s * (medians[cid] if (v := known[cid]) is None else v) / total_weight for cid, s in scaled.items()]
            )
            near, distance = _closeness(checked.knockouts, policy.near_miss.max_overshoot)
            excluded.append(
                Excluded(pid, platform.name, tuple(checked.knockouts), tco, round(total, 2), None, near, distance)
            )
            continue
        raw_points = {
            cid: s * (medians[cid] if (v := known[cid]) is None else v) / total_weight for cid, s in scaled.items()
        }
        total = sum(raw_points.values())
        penalty = 0.0
        if checked.to_verify:
            # scaled, not subtracted, so the contributions still add up to the score
            factor = (1 - policy.unknowns.verify_penalty) ** checked.to_verify
            penalty = total * (1 - factor)
            raw_points = {cid: v * factor for cid, v in raw_points.items()}
            total *= factor
        coverage = sum([w for cid, w in live.items() if known[cid] is not None]) / total_weight
        flags = [*checked.flags, *fit_flags[pid]]
        if coverage < policy.coverage.low:
            flags.append(Flag("coverage", "coverage", f"only {coverage:.0%} of the weighted data is known"))
        three = tco.three_year if tco.three_year is not None else math.inf
        key = (-round(total, 2), -round(coverage, 4), three, pid)
        kept.append((key, pid, total, coverage, raw_points, penalty, flags))

    kept.sort(key=lambda item: item[0])  # ranks are dense and final when each result is built
    ids = list(scaled)  # every platform's points have these keys, in this order
    by_id = sorted(range(len(ids)), key=ids.__getitem__)
    ranking = tuple(
        Ranked(
            rank=i,
            platform=pid,
            name=catalog.platforms[pid].name,
            score=round(total, 2),
            coverage=round(coverage, 4),
            contributions=_round_parts(raw_points, total, by_id),
            values=values[pid],
            tco=tcos[pid],
            notes=tuple(notes[pid]),
            used={cid: medians[cid] if v is None else v for cid, v in values[pid].items()},
            flags=tuple(flags),
            penalty=round(penalty, 2),
        )
        for i, (_, pid, total, coverage, raw_points, penalty, flags) in enumerate(kept, start=1)
    )
    out = tuple(
        replace(e, would_rank=place_among(ranking, e.would_score)) if e.near else e
        for e in sorted(excluded, key=lambda e: (not e.near, e.distance, -e.would_score, e.platform))
    )
    best_covered = None
    if ranking and ranking[0].coverage < policy.coverage.low:
        best_covered = next((r.platform for r in ranking if r.coverage >= policy.coverage.low), None)
    return Result(
        file,
        req.name,
        ranking,
        out,
        weights,
        check_expectations(req, ranking, out),
        best_covered=best_covered,
        adequate=adjust.adequate,
        adequate_need=adjust.adequate_need,
        needs={**dict(adjust.enough), **dict.fromkeys(adjust.adequate, adjust.adequate_need)},
    )


def _fall_back_within_budget(
    req: Requirements, catalog: Catalog, costs: Costs, tcos: dict[str, Tco], reference: Reference
) -> bool:
    """A higher plan that a rating needs, where it breaks the budget and the cheaper plan does
    not, is not the plan the merchant would take: the cheaper one stays, with its lower ratings.
    Changes `tcos` in place; True when any changed."""
    check = Knockouts.of(req, catalog, reference)
    plain = replace(costs, plan_floors={})
    changed = False
    for pid in costs.plan_floors:
        platform = catalog.platforms[pid]
        if not _over_budget(check(platform, tcos[pid]).knockouts):
            continue
        cheaper = plain(platform)
        if not _over_budget(check(platform, cheaper).knockouts):
            wanted = tcos[pid]
            note = f"{wanted.plan} would be needed for the ratings you emphasise, but it is over your budget"
            tcos[pid] = replace(cheaper, plan_note=note if cheaper.plan_note is None else cheaper.plan_note)
            changed = True
    return changed


def _over_budget(reasons: list[Knockout]) -> bool:
    return any(k.kind in ("budget", "affordability") for k in reasons)


def plan_floors(
    catalog: Catalog, weights: dict[str, float], adequate: tuple[str, ...]
) -> dict[str, tuple[int, tuple[tuple[str, str], ...]]]:
    """Per platform whose ratings need a plan, the lowest plan the business is priced on and the
    criteria that put it there: those it emphasises (weighted, and not among the criteria counted
    in full from an adequate rating). A criterion it does not emphasise keeps the cheaper plan
    and its rating there (`below_plan`): paying for a higher plan would buy it little."""
    wanted = {cid for cid, share in weights.items() if share > 0} - set(adequate)
    floors: dict[str, tuple[int, tuple[tuple[str, str], ...]]] = {}
    for pid, gated in catalog.plan_gated.items():
        need = [(i, cid) for cid, i, _ in gated if cid in wanted]
        if need:
            top = max(i for i, _ in need)
            floors[pid] = (top, tuple((cid, catalog.criteria[cid].name) for i, cid in need if i == top))
    return floors


def _closeness(reasons: list[Knockout], max_overshoot: float) -> tuple[bool, float]:
    """(near, distance): a single must-have or ERP reason is near (the merchant can weigh it);
    so are budget and affordability overshoots that are all within `max_overshoot`. Distance
    orders near-misses: a fact to verify (0), then overshoots by how far, then custom work,
    then known absence."""
    distance = 0.0
    money = [k for k in reasons if k.kind in ("budget", "affordability")]
    other = [k for k in reasons if k not in money]
    for k in money:
        distance += math.inf if k.ratio is None else max(0.0, k.ratio - 1)
    for k in other:
        distance += {"unknown": 0.0, "custom": 0.5}.get(k.status or "", 1.0)
    money_near = all(k.ratio is not None and k.ratio <= max_overshoot for k in money)
    near = (not other and money_near) or (len(reasons) == 1 and not money)
    return near, distance


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
