"""Everything the report shows, as a `model.Report`: built once, rendered as HTML or Markdown."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .._analysis.robustness import Acceptability
from .._analysis.stability import Interval
from .._analysis.whatif import if_confirmed
from .._audit import fact_date, older_than
from .._catalog import Catalog
from .._conditions import all_hold, facts_of
from .._i18n import day, money, name, num, pct, t
from .._i18n.results import confirm_lines, flag, knockout
from .._models import Requirements
from .._models.catalog import Criterion, Rating, Source
from .._models.readiness import ReadinessFile
from .._render.common import basis_text, breakdown_lines, caveat, cost
from .._scoring import Ranked, Result
from . import model
from .words import w

SHORTLIST = 5


def build(
    result: Result,
    req: Requirements,
    catalog: Catalog,
    readiness: ReadinessFile,
    lang: str,
    today: date,
    robustness: Acceptability | None = None,
    stability: list[Interval] | None = None,
) -> model.Report:
    cur = req.business.currency
    ranking = result.ranking
    groups = list(catalog.groups)

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

    b, o, s = req.business, req.organisation, req.systems
    none = t("common.none", lang)
    budget = (
        (f"{cash(req.budget.monthly)}{w('per_month', lang)}" if req.budget.monthly is not None else "")
        + (", " if req.budget.monthly is not None and req.budget.one_off is not None else "")
        + (f"{cash(req.budget.one_off)} {w('one_off_lower', lang)}" if req.budget.one_off is not None else "")
    ) or w("no_budget", lang)
    if req.budget.hard and (req.budget.monthly is not None or req.budget.one_off is not None):
        budget += f" ({w('hard', lang)})"
    trade = w(f"model.{b.model}", lang) + (f" → {w(f'model.{b.model_future}', lang)}" if b.model_future else "")
    systems = [
        (s.erp, "erp", catalog.connectors.erp),
        (s.crm, "crm", catalog.connectors.crm),
        (s.pim, "pim", catalog.connectors.pim),
    ]
    card = [
        (w("card_model", lang), trade),
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

    def to_confirm(r: Ranked) -> tuple[str, ...]:
        lines = confirm_lines(r.penalty, r.rank, if_confirmed(req, catalog, result, r.platform), catalog, lang)
        return (" ".join(lines),) if lines else ()

    def row(r: Ranked) -> model.Row:
        by_group = {g: round(sum(r.contributions.get(c, 0.0) for c in catalog.criteria_in(g)), 2) for g in groups}

        def shown(amount: float | None) -> str:
            return ("≥ " if r.tco.partial and amount is not None else "") + cash(amount)

        return model.Row(
            rank=r.rank,
            platform=r.platform,
            name=r.name,
            score=r.score,
            score_text=num(r.score, lang, 1),
            coverage=r.coverage,
            coverage_text=pct(r.coverage, lang),
            by_group=by_group,
            by_group_text={g: num(v, lang, 1) for g, v in by_group.items()},
            tco=model.Tco(r.tco.monthly, r.tco.one_off, r.tco.three_year, r.tco.partial, basis_text(r.tco, lang)),
            tco_text=model.CostTexts(shown(r.tco.monthly), shown(r.tco.one_off), shown(r.tco.three_year)),
            flags=tuple(flag(f, r, req, catalog, lang) for f in r.flags) + to_confirm(r),
        )

    acceptability: tuple[model.Acceptability, ...] = ()
    if robustness is not None:
        shares = robustness.shares
        acceptability = tuple(
            model.Acceptability(
                catalog.platforms[p].name, tuple(shares[p][:3]), tuple(pct(x, lang) for x in shares[p][:3])
            )
            for p in sorted(robustness.platforms, key=lambda p: -shares[p][0])[:SHORTLIST]
        )

    limit = catalog.evidence.stale_after_months

    def evidence_row(cid: str, crit: Criterion, rating: Rating, src: Source | None) -> model.EvidenceRow:
        return model.EvidenceRow(
            criterion=name("criterion", cid, lang, crit.name),
            rating=t("common.unknown", lang) if rating.value == "unknown" else rating.value,
            # catalogue notes are written in English; other languages show the rating alone
            note=rating.note if lang == "en" else None,
            # a linked source is named by its own title; an unlinked one (an editor's estimate,
            # a compiled list) is described in English, so other languages show its kind alone
            source=None if src is None or (lang != "en" and not src.url) else src.title,
            url=None if src is None else src.url,
            evidence=None if src is None else w(f"evidence_kind.{src.evidence.value}", lang),
            as_of=None if src is None else day(src.as_of, lang),
            # dated like the audit: by the page's own date when it shows one
            stale=w("stale", lang, months=limit) if src and older_than(fact_date(src), limit, today) else None,
        )

    facts = facts_of(req, catalog.rates)
    return model.Report(
        lang=lang,
        name=req.name,
        file=result.file,
        currency=cur,
        summary=tuple(summary),
        card=tuple(card),
        goals=tuple(req.goals.smart_goals),
        groups=tuple(model.GroupName(g, name("group", g, lang, catalog.groups[g].name)) for g in groups),
        ranking=tuple(row(r) for r in ranking[:10]),
        costs=cost_section(ranking[:3], lang),
        near_misses=tuple(  # the result lists the closest first
            model.NearMiss(e.name, "; ".join(knockout(k, e, req, catalog, lang) for k in e.reasons), e.would_rank)
            for e in result.excluded
            if e.near_miss
        ),
        excluded=tuple(
            model.Excluded(e.name, tuple(knockout(k, e, req, catalog, lang) for k in e.reasons))
            for e in result.excluded
            if not e.near_miss
        ),
        acceptability=acceptability,
        stability=tuple(
            model.Stability(
                name=name("group", iv.target, lang, catalog.groups[iv.target].name),
                current=iv.current,
                low=iv.low,
                high=iv.high,
                now_text=pct(iv.current, lang),
                range_text=f"{pct(iv.low, lang)}–{pct(iv.high, lang)}",
            )
            for iv in stability or ()
        ),
        evidence=tuple(
            model.EvidenceBlock(
                catalog.platforms[r.platform].name,
                tuple(evidence_row(*fact) for fact in catalog.rated_facts(r.platform)),
            )
            for r in ranking[:3]
        ),
        roles=tuple(
            model.Role(role.area, role.name.get(lang), role.what.get(lang), all_hold(role.in_house, facts))
            for role in readiness.roles
        ),
        checklist=tuple(
            model.CheckItem(
                item.text.get(lang),
                "done" if item.done_when and all_hold(item.done_when, facts) else "todo" if item.done_when else "check",
            )
            for item in readiness.checklist
            if all_hold(item.applies_when, facts)
        ),
        partner_questions=tuple(q.get(lang) for q in readiness.partner_questions),
        generated=day(today, lang),
        samples=num(robustness.samples if robustness is not None else 0, lang),
    )


def cost_section(ranked: Iterable[Ranked], lang: str = "en") -> tuple[model.CostBlock, ...]:
    """Each shortlisted platform's 3-year cost part by part, so a reader can redo the arithmetic."""
    return tuple(
        model.CostBlock(r.name, cost(r.tco.three_year, r.tco, lang), tuple(breakdown_lines(r.tco, lang)))
        for r in ranked
    )
