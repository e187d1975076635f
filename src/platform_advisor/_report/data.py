"""Everything the report shows, as plain data: built once, rendered as HTML or Markdown."""

from __future__ import annotations

from datetime import date
from typing import Any

from .._audit import fact_date, older_than
from .._catalog import Catalog
from .._conditions import all_hold, facts_of
from .._i18n import day, money, name, num, pct, t
from .._i18n.results import flag, knockout
from .._models import Requirements
from .._models.readiness import ReadinessFile
from .._render.common import basis_text, breakdown_lines, caveat, cost
from .._scoring import Result
from .words import w

SHORTLIST = 5


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

    def cash(amount: float | None) -> str:
        return money(amount, cur, lang)

    if ranking:
        first = ranking[0]
        names = [r.name for r in ranking[1:3]]
        runners = f" {w('and', lang)} ".join(names)
        args = {"name": req.name, "best": first.name, "score": num(first.score, lang, 1)}
        args["known"] = pct(first.coverage, lang)
        lead = w("summary_best", lang, runners=runners, **args) if names else w("summary_alone", lang, **args)
        three = cost(first.tco.three_year, first.tco, lang)
        summary = [lead, w("summary_cost", lang, cost=three, excluded=len(result.excluded))]
        note = caveat(result, lang)
        if note:
            summary.append(note)
    else:
        summary = [w("summary_none", lang)]
    data["summary"] = summary

    b, o, s = req.business, req.organisation, req.systems
    none = t("common.none", lang)
    budget = (
        (f"{cash(req.budget.monthly)}{w('per_month', lang)}" if req.budget.monthly is not None else "")
        + (", " if req.budget.monthly is not None and req.budget.one_off is not None else "")
        + (f"{cash(req.budget.one_off)} {w('one_off_lower', lang)}" if req.budget.one_off is not None else "")
    ) or w("no_budget", lang)
    if req.budget.hard and (req.budget.monthly is not None or req.budget.one_off is not None):
        budget += f" ({w('hard', lang)})"
    model = w(f"model.{b.model}", lang) + (f" → {w(f'model.{b.model_future}', lang)}" if b.model_future else "")
    systems = [
        (s.erp, "erp", catalog.connectors.erp),
        (s.crm, "crm", catalog.connectors.crm),
        (s.pim, "pim", catalog.connectors.pim),
    ]
    data["card"] = [
        (w("card_model", lang), model),
        *(
            [(w("card_industry", lang), name("industry", b.industry, lang, catalog.industries[b.industry].name))]
            if b.industry in catalog.industries
            else []
        ),
        (w("card_revenue", lang), f"{cash(b.online_revenue)} {w('per_year', lang)}"),
        (w("card_markets", lang), ", ".join(b.markets)),
        (w("card_products", lang), num(b.skus, lang)),
        (
            w("card_marketplaces", lang),
            ", ".join(str(catalog.connectors.marketplaces.get(m, m)) for m in b.marketplaces) or none,
        ),
        (
            w("card_systems", lang),
            " / ".join(name("connector", f"{k}.{x}", lang, str(n.get(x, x))) if x else none for x, k, n in systems),
        ),
        (w("card_team", lang), f"{num(o.developers, lang)} / {w(f'maturity.{o.it_maturity}', lang)}"),
        (w("card_budget", lang), budget),
        (
            w("card_must", lang),
            ", ".join(name("capability", c, lang, catalog.capabilities[c].name) for c in req.must_have) or none,
        ),
    ]
    data["goals"] = list(req.goals.smart_goals)

    data["groups"] = [{"id": g, "name": name("group", g, lang, catalog.groups[g].name)} for g in groups]
    data["ranking"] = [
        {
            "rank": r.rank,
            "platform": r.platform,
            "name": r.name,
            "score": r.score,
            "score_text": num(r.score, lang, 1),
            "coverage": r.coverage,
            "coverage_text": pct(r.coverage, lang),
            "by_group": {g: round(sum(r.contributions.get(c, 0.0) for c in catalog.criteria_in(g)), 2) for g in groups},
            "tco": {
                "monthly": r.tco.monthly,
                "one_off": r.tco.one_off,
                "three_year": r.tco.three_year,
                "at_least": r.tco.partial,
                "basis": basis_text(r.tco, lang),
            },
            "tco_text": {
                k: ("≥ " if r.tco.partial and getattr(r.tco, k) is not None else "") + cash(getattr(r.tco, k))
                for k in ("monthly", "one_off", "three_year")
            },
            "flags": [flag(f, r, req, catalog, lang) for f in r.flags],
        }
        for r in ranking[:10]
    ]
    data["costs"] = cost_section(ranking[:3], lang)
    for row in data["ranking"]:
        row["by_group_text"] = {g: num(v, lang, 1) for g, v in row["by_group"].items()}
    data["near_misses"] = [  # the result lists the closest first
        {
            "name": e.name,
            "reason": "; ".join(knockout(k, e, req, catalog, lang) for k in e.reasons),
            "would_rank": e.would_rank,
        }
        for e in result.excluded
        if e.near_miss
    ]
    data["excluded"] = [
        {"name": e.name, "reasons": [knockout(k, e, req, catalog, lang) for k in e.reasons]}
        for e in result.excluded
        if not e.near_miss
    ]

    if robustness is not None:
        data["acceptability"] = [
            {
                "name": catalog.platforms[p].name,
                "shares": robustness.shares[p][:3],
                "shares_text": [pct(x, lang) for x in robustness.shares[p][:3]],
            }
            for p in sorted(robustness.platforms, key=lambda p: -robustness.shares[p][0])[:SHORTLIST]
        ]
    if stability:
        data["stability"] = [
            {
                "name": name("group", iv.target, lang, catalog.groups[iv.target].name),
                "current": iv.current,
                "low": iv.low,
                "high": iv.high,
                "text": [pct(iv.current, lang), f"{pct(iv.low, lang)}–{pct(iv.high, lang)}"],
            }
            for iv in stability
        ]

    evidence = []
    limit = catalog.evidence.stale_after_months
    for r in ranking[:3]:
        plat = catalog.platforms[r.platform]
        rows = []
        for cid, crit, rating, src in catalog.rated_facts(r.platform):
            rows.append(
                {
                    "criterion": name("criterion", cid, lang, crit.name),
                    "rating": t("common.unknown", lang) if rating.value == "unknown" else rating.value,
                    # catalogue notes are written in English; other languages show the rating alone
                    "note": rating.note if lang == "en" else None,
                    # a linked source is named by its own title; an unlinked one (an editor's
                    # estimate, a compiled list) is described in English, so other languages
                    # show its kind alone
                    "source": None if src is None or (lang != "en" and not src.url) else src.title,
                    "url": None if src is None else src.url,
                    "evidence": None if src is None else w(f"evidence_kind.{src.evidence.value}", lang),
                    "as_of": None if src is None else day(src.as_of, lang),
                    # dated like the audit: by the page's own date when it shows one
                    "stale": w("stale", lang, months=limit)
                    if src and older_than(fact_date(src), limit, today)
                    else None,
                }
            )
        evidence.append({"name": plat.name, "rows": rows})
    data["evidence"] = evidence

    facts = facts_of(req, catalog.rates)
    data["roles"] = [
        {
            "area": role.area,
            "name": role.name.get(lang),
            "what": role.what.get(lang),
            "in_house": all_hold(role.in_house, facts),
        }
        for role in readiness.roles
    ]
    data["checklist"] = [
        {
            "text": item.text.get(lang),
            "status": (
                "done" if item.done_when and all_hold(item.done_when, facts) else "todo" if item.done_when else "check"
            ),
        }
        for item in readiness.checklist
        if all_hold(item.applies_when, facts)
    ]
    data["partner_questions"] = [q.get(lang) for q in readiness.partner_questions]
    data["generated"] = day(today, lang)
    data["samples"] = num(10_000, lang)
    return data


def cost_section(ranked: Any, lang: str = "en") -> list[dict[str, Any]]:
    """Each shortlisted platform's 3-year cost part by part, so a reader can redo the arithmetic."""
    return [
        {"name": r.name, "three_year": cost(r.tco.three_year, r.tco, lang), "lines": breakdown_lines(r.tco, lang)}
        for r in ranked
    ]
