"""Knock-out reasons and flags in the reader's language.

The scoring core writes each reason in English (`Knockout.text`, `Flag.text`) and tags it
with a kind, a subject and the figures the sentence states (`args`). A renderer calls
`knockout(...)` or `flag(...)`: English returns the core's own text unchanged; another
language looks up `knockout.<kind>` or `flag.<kind>` in messages.yaml with those figures.
A kind this module does not know yet falls back to the English text, so a new flag shows
up (in English) rather than disappearing; the test of reports in every language catches it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._catalog import Catalog
from .._models import Requirements
from .._scoring.result import Excluded, Flag, Knockout, Ranked
from . import money, name, num, pct, t

if TYPE_CHECKING:  # a type only: rendering a flag needs no scoring
    from .._analysis.whatif import IfConfirmed


def capability(catalog: Catalog, cap: str, lang: str) -> str:
    english = catalog.capabilities[cap].name if cap in catalog.capabilities else cap
    return name("capability", cap, lang, english)


def veto(catalog: Catalog, lang: str) -> str:
    """The affordability limit as a reader sees it: 4, or 2,5 in Swedish."""
    factor = catalog.policy.cost.affordability_veto
    return num(factor, lang, 0 if factor == int(factor) else 1)


def knockout(k: Knockout, ex: Excluded, req: Requirements | None, catalog: Catalog, lang: str) -> str:
    """`req` gives the budgets and the basis of the cost reference; without it (a renderer that
    has only the result) they are worked back from the knock-out's ratio."""
    if lang == "en":
        return k.text
    cur = req.business.currency if req is not None else ex.tco.currency
    if k.kind == "must_have" and k.status in ("custom", "absent", "unknown"):
        status = t(f"status.{k.status}", lang)
        return t("knockout.must_have", lang, capability=capability(catalog, k.subject, lang), status=status)
    if k.kind == "erp":
        erp = name("connector", f"erp.{k.subject}", lang, str(catalog.connectors.erp.get(k.subject, k.subject)))
        return t("knockout.erp", lang, erp=erp, least=catalog.policy.unknowns.api_route_min_rating)
    if k.kind == "budget" and k.subject in ("monthly", "one_off"):
        tco = ex.tco
        point = tco.monthly if k.subject == "monthly" else tco.one_off
        low = tco.monthly_low if k.subject == "monthly" else tco.one_off_low
        cheapest = point if low is None else low
        budget = _amount(k.args.get("budget"))
        unknown = k.subject == "monthly" and any(u != "implementation" for u in tco.unknown)
        return t(
            f"knockout.budget_{k.subject}",
            lang,
            cost=money(cheapest, cur, lang),
            estimate=money(point, cur, lang),
            budget=money(budget, cur, lang),
            at_least=t("knockout.at_least", lang) if unknown else "",
        )
    reference = _amount(k.args.get("reference"))
    if k.kind == "affordability" and reference and ex.tco.three_year is not None:
        three = ex.tco.three_year
        # a renderer with the result only says "the reference"; with the requirements, which one
        kind = "reference" if req is None else str(k.args.get("basis", "reference"))
        basis = t(f"knockout.basis_{kind}", lang, share=pct(catalog.policy.cost.revenue_share_reference, lang))
        return t(
            "knockout.affordability_partial" if ex.tco.partial else "knockout.affordability",
            lang,
            cost=money(three, cur, lang),
            times=num(three / reference, lang, 1),
            basis=basis,
            reference=money(reference, cur, lang),
            veto=veto(catalog, lang),
        )
    return k.text


def flag(f: Flag, r: Ranked, req: Requirements | None, catalog: Catalog, lang: str) -> str:
    if lang == "en":
        return f.text
    if f.kind == "verify":
        return t("flag.verify", lang, capability=capability(catalog, f.subject, lang))
    if f.kind == "storefront":
        return t("flag.storefront", lang, capability=capability(catalog, f.subject, lang))
    if f.kind == "connector":
        label = _connector_label(catalog, f.subject, lang)
        return t("flag.connector", lang, system=label)
    if f.kind == "market":
        key = "flag.market_language" if f.args.get("case") == "language" else "flag.market"
        return t(key, lang, country=f.subject)
    if f.kind == "coverage":
        return t("flag.coverage", lang, share=pct(r.coverage, lang))
    if f.kind == "cost" and r.tco.three_year is not None:
        missing = ", ".join(t(f"part.{u}", lang) for u in r.tco.unknown)
        return t("flag.cost", lang, amount=money(r.tco.three_year, r.tco.currency, lang), missing=missing)
    if f.kind == "budget" and f.subject in ("monthly", "one_off"):
        return _budget_flag(f, r, lang)
    if f.kind == "segment" and f.subject == "revenue" and req is not None:
        return _segment(f, r, req, catalog, lang)
    if f.kind == "segment" and f.subject == "industry":
        seg = catalog.platforms[r.platform].segment
        built = [i for i in (seg.industries or []) if i in catalog.industries] if seg is not None else []
        names = ", ".join(name("industry", i, lang, catalog.industries[i].name) for i in built)
        return t("flag.segment_industry", lang, industries=names)
    return f.text


def _connector_label(catalog: Catalog, system: str, lang: str) -> str:
    for kind in ("erp", "crm", "pim", "marketplaces"):
        names: dict[str, Any] = getattr(catalog.connectors, kind, {})
        if system in names:
            return name("connector", f"{kind}.{system}", lang, str(names[system]))
    return system


def _segment(f: Flag, r: Ranked, req: Requirements, catalog: Catalog, lang: str) -> str:
    """The band the platform is usually chosen in, said the same way the core decided it."""
    platform = catalog.platforms[r.platform]
    band = platform.segment_band
    cur = platform.pricing.currency
    mine = catalog.rates.convert(req.business.online_revenue, req.business.currency, cur)
    low, high = max(band.low, 1.0), max(band.high, band.low, 1.0)
    if mine < low:
        return t("flag.segment_over", lang, amount=money(low, cur, lang))
    return t("flag.segment_under", lang, amount=money(high, cur, lang))


def _amount(value: float | str | None) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _budget_flag(f: Flag, r: Ranked, lang: str) -> str:
    """The three budget flags of knockouts._budget, from the case and budget they carry."""
    tco, cur = r.tco, r.tco.currency
    what = t(f"part.what_{f.subject}", lang)
    per = t("part.per_month", lang) if f.subject == "monthly" else ""
    case = f.args.get("case")
    if case == "unchecked":
        return t("flag.budget_unchecked", lang, what=what)
    if case == "known_parts":
        missing = ", ".join(t(f"part.{u}", lang) for u in tco.unknown if u != "implementation")
        return t("flag.budget_known_parts", lang, missing=missing)
    point = tco.monthly if f.subject == "monthly" else tco.one_off
    low = tco.monthly_low if f.subject == "monthly" else tco.one_off_low
    limit = _amount(f.args.get("budget"))
    if case != "may_exceed" or limit is None or point is None:
        return f.text
    by = max(1, round(100 * (point / limit - 1))) if limit > 0 else 0
    return t(
        "flag.budget_may_exceed",
        lang,
        by=by,
        what=what,
        estimate=money(point, cur, lang) + per,
        budget=money(limit, cur, lang) + per,
        cheapest=money(point if low is None else low, cur, lang) + per,
    )


def confirm_lines(penalty: float, rank: int, confirmed: IfConfirmed | None, catalog: Catalog, lang: str) -> list[str]:
    """What a platform's open must-haves cost, and where it would rank with its open questions
    (those must-haves, connectors to the business's systems) confirmed."""
    lines = [t("explain.penalty", lang, points=num(penalty, lang, 1))] if penalty else []
    if confirmed is not None:
        items = "; ".join(
            capability(catalog, subject, lang)
            if kind == "verify"
            else t("explain.confirm_connector", lang, system=_connector_label(catalog, subject, lang))
            for kind, subject in confirmed.items
        )
        key = "explain.if_confirmed_same" if confirmed.rank == rank else "explain.if_confirmed"
        lines.append(t(key, lang, items=items, rank=confirmed.rank, score=num(confirmed.score, lang, 1)))
    return lines
