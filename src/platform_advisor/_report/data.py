"""Everything the report shows, as plain data: built once, rendered as HTML or Markdown."""

from __future__ import annotations

from datetime import date
from typing import Any

from .._audit import fact_date, older_than
from .._catalog import Catalog
from .._models import Requirements
from .._models.readiness import ReadinessFile
from .._render.common import basis_text, breakdown_lines, caveat, cost, money
from .._scoring import Result
from .._scoring.facts import facts_of, holds
from .words import w

SHORTLIST = 5


def _holds_all(conditions: list[Any], facts: dict[str, Any]) -> bool:
    return all(holds(facts.get(c.field), c.op, c.value) for c in conditions)


def build(
    result: Result,
    req: Requirements,
    catalog: Catalog,
    readiness: ReadinessFile,
    lang: str,
    today: date,
    robustness: Any | None = None,
    stability: list[Any] | None = None,
) -> dict[str, Any]:
    cur = req.business.currency
    ranking = result.ranking
    groups = list(catalog.groups)
    data: dict[str, Any] = {"lang": lang, "name": req.name, "file": result.file, "currency": cur}

    if ranking:
        first = ranking[0]
        runners = ", ".join(r.name for r in ranking[1:3])
        three = cost(first.tco.three_year, first.tco) if first.tco.three_year is not None else w("unknown", lang)
        if lang == "sv":
            summary = [
                f"För {req.name} passar {first.name} bäst ({first.score:.1f} poäng, {first.coverage:.0%} av "
                f"underlaget känt), före {runners}.",
                f"Tre års ägandekostnad beräknas till {three}; {len(result.excluded)} plattformar uteslöts.",
            ]
        else:
            summary = [
                f"For {req.name}, {first.name} fits best ({first.score:.1f} points, {first.coverage:.0%} of "
                f"the data known), ahead of {runners}.",
                f"Its three-year cost of ownership is estimated at {three}; {len(result.excluded)} "
                "platforms were excluded.",
            ]
        note = caveat(result)
        if note:
            summary.append(_caveat_sv(result) if lang == "sv" else note)
    else:
        summary = ["No platform passed the knock-outs." if lang != "sv" else "Ingen plattform klarade kraven."]
    data["summary"] = summary

    b, o, s = req.business, req.organisation, req.systems
    none = w("none", lang)
    budget = (
        (f"{money(req.budget.monthly, cur)}{w('per_month', lang)}" if req.budget.monthly is not None else "-")
        + (f", {money(req.budget.one_off, cur)} {w('one_off_lower', lang)}" if req.budget.one_off is not None else "")
        + (f" ({w('hard', lang)})" if req.budget.hard else "")
    )
    data["card"] = [
        (w("card_model", lang), b.model + (f" → {b.model_future}" if b.model_future else "")),
        (w("card_revenue", lang), f"{money(b.online_revenue, cur)} {w('per_year', lang)}"),
        (w("card_markets", lang), ", ".join(b.markets)),
        (w("card_products", lang), f"{b.skus:,}".replace(",", " ")),
        (w("card_marketplaces", lang), ", ".join(b.marketplaces) or none),
        (w("card_systems", lang), " / ".join(x or "-" for x in (s.erp, s.crm, s.pim))),
        (w("card_team", lang), f"{o.developers} / {o.it_maturity}"),
        (w("card_budget", lang), budget),
        (w("card_must", lang), ", ".join(catalog.capabilities[c].name for c in req.must_have) or none),
    ]
    data["goals"] = list(req.goals.smart_goals)

    data["groups"] = [{"id": g, "name": catalog.groups[g].name} for g in groups]
    data["ranking"] = [
        {
            "rank": r.rank,
            "platform": r.platform,
            "name": r.name,
            "score": r.score,
            "coverage": r.coverage,
            "by_group": {g: round(sum(r.contributions.get(c, 0.0) for c in catalog.criteria_in(g)), 2) for g in groups},
            "tco": {
                "monthly": r.tco.monthly,
                "one_off": r.tco.one_off,
                "three_year": r.tco.three_year,
                "at_least": r.tco.partial,
                "basis": basis_text(r.tco),
            },
            "flags": [f.text for f in r.flags],
        }
        for r in ranking[:10]
    ]
    data["costs"] = cost_section(ranking[:3])
    data["near_misses"] = [  # the result lists the closest first
        {"name": e.name, "reason": "; ".join(k.text for k in e.reasons), "would_rank": e.would_rank}
        for e in result.excluded
        if e.near_miss
    ]
    data["excluded"] = [
        {"name": e.name, "reasons": [k.text for k in e.reasons]} for e in result.excluded if not e.near_miss
    ]

    if robustness is not None:
        data["acceptability"] = [
            {"name": catalog.platforms[p].name, "shares": robustness.shares[p][:3]}
            for p in sorted(robustness.platforms, key=lambda p: -robustness.shares[p][0])[:SHORTLIST]
        ]
    if stability:
        data["stability"] = [
            {"name": catalog.groups[iv.target].name, "current": iv.current, "low": iv.low, "high": iv.high}
            for iv in stability
        ]

    evidence = []
    limit = catalog.evidence.stale_after_months
    for r in ranking[:3]:
        plat = catalog.platforms[r.platform]
        rows = []
        for _, crit, rating, src in catalog.rated_facts(r.platform):
            rows.append(
                {
                    "criterion": crit.name,
                    "rating": rating.value,
                    "note": rating.note,
                    "source": None if src is None else src.title,
                    "url": None if src is None else src.url,
                    "evidence": None if src is None else src.evidence.value,
                    "as_of": None if src is None else src.as_of.isoformat(),
                    # dated like the audit: by the page's own date when it shows one
                    "stale": w("stale", lang).format(months=limit)
                    if src and older_than(fact_date(src), limit, today)
                    else None,
                }
            )
        evidence.append({"name": plat.name, "rows": rows})
    data["evidence"] = evidence

    facts = facts_of(req, catalog)
    data["roles"] = [
        {
            "area": role.area,
            "name": role.name.get(lang),
            "what": role.what.get(lang),
            "in_house": _holds_all(role.in_house, facts),
        }
        for role in readiness.roles
    ]
    data["checklist"] = [
        {
            "text": item.text.get(lang),
            "status": (
                "done"
                if item.done_when and _holds_all(item.done_when, facts)
                else "todo"
                if item.done_when
                else "check"
            ),
        }
        for item in readiness.checklist
        if _holds_all(item.applies_when, facts)
    ]
    data["partner_questions"] = [q.get(lang) for q in readiness.partner_questions]
    data["generated"] = today.isoformat()
    return data


def cost_section(ranked: Any) -> list[dict[str, Any]]:
    """Each shortlisted platform's 3-year cost part by part (in English: the figures are the point)."""
    return [
        {"name": r.name, "three_year": cost(r.tco.three_year, r.tco), "lines": breakdown_lines(r.tco)} for r in ranked
    ]


def load_readiness(root: Any) -> ReadinessFile:
    """criteria/readiness.yaml, validated, with every condition's field checked."""
    from .._catalog import DERIVED_FACTS, _all_fields
    from .._errors import InputError
    from .._validate import suggest, validate
    from .._yaml import load_file

    path = root / "criteria" / "readiness.yaml"
    doc = load_file(path, str(path))
    spec = validate(ReadinessFile, doc)
    fields = (
        set(_all_fields())
        | set(DERIVED_FACTS)
        | {f"systems.master_data.{k}" for k in ("products", "prices", "stock", "customers")}
    )
    problems = []
    for section, items in (("roles", spec.roles), ("checklist", spec.checklist)):
        for i, item in enumerate(items):
            for key in ("in_house", "applies_when", "done_when"):
                for j, cond in enumerate(getattr(item, key, [])):
                    if cond.field not in fields:
                        problems.append(
                            doc.problem(
                                (section, i, key, j, "field"),
                                f"unknown field {cond.field!r}" + suggest(cond.field, fields),
                            )
                        )
    if problems:
        raise InputError(problems)
    return spec


def _caveat_sv(result: Result) -> str:
    first = result.ranking[0]
    text = f"{first.name} hamnar först men bara {first.coverage:.0%} av underlaget är känt"
    alt = next((r for r in result.ranking if r.platform == result.best_covered), None)
    if alt is not None:
        return text + f"; bäst underbyggda alternativ är {alt.name} (#{alt.rank}, {alt.coverage:.0%} känt)."
    return text + "; ingen rankad plattform är väl underbyggd, så kontrollera fakta innan ni bestämmer er."
