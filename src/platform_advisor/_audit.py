"""Catalogue audit: what each fact rests on, which facts are stale, unsourced, mirrored or unknown.

A fact is one rating, capability status, connector, pricing figure, plan, market or segment
block. Its evidence is that of the source it names (vendor documentation, a third party, an
editor's estimate) or `unknown` when its value is. It is dated by its page's own date when the
page shows one, else by when an editor read it: a page from 2013 read last week is still old.

Findings, each a list of fact locations (`ratings.cms`, `connectors.erp.fortnox`):
- stale: older than the limit in `criteria/evidence.yaml` (or `--max-age`);
- unsourced: known, but with no source of its own: a connector given as a bare level that leans
  on its block's shared `source` (and the shared `connectors.source` itself). The model still
  accepts both, so that a file can move to one source per connector step by step; the audit
  lists them so that `--fail-on unsourced` holds the line. An estimate is not unsourced: it is
  marked as one, and counted in the evidence shares;
- mirror: the page is a copy or machine summary (`mirrors` in `criteria/evidence.yaml`);
- money estimates: pricing figures and plans resting on an estimate, which feed the cost directly.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from ._catalog import Catalog
from ._models import Evidence, Platform, Range, Source

EVIDENCE_KINDS = ("vendor_docs", "third_party", "estimate", "unknown")


@dataclass(frozen=True)
class Fact:
    where: str  # e.g. "ratings.cms"
    source: Source | None
    known: bool
    money: bool = False  # feeds the cost model directly
    shared: bool = False  # rests on a block-wide source, not one of its own

    @property
    def evidence(self) -> str:
        if not self.known:
            return "unknown"
        # validate rejects a known fact without a source; count one as the weakest evidence
        return self.source.evidence.value if self.source is not None else Evidence.estimate.value


@dataclass(frozen=True)
class PlatformAudit:
    platform: str
    name: str
    facts: int
    evidence: dict[str, int] = field(default_factory=dict)  # kind -> facts resting on it
    stale: list[str] = field(default_factory=list)
    unsourced: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    mirror: list[str] = field(default_factory=list)
    money_estimates: list[str] = field(default_factory=list)
    mirror_sources: dict[str, str] = field(default_factory=dict)  # source key -> url
    coverage: dict[str, float] = field(default_factory=dict)  # group -> share of criteria known
    oldest: date | None = None

    def share(self, kind: str) -> float:
        return self.evidence.get(kind, 0) / self.facts if self.facts else 0.0


@dataclass(frozen=True)
class RatesAudit:
    as_of: date
    age_months: int
    limit_months: int
    stale: bool
    mirror: list[str] = field(default_factory=list)  # source urls that are copies


@dataclass(frozen=True)
class Audit:
    today: date
    max_age_months: int
    platforms: list[PlatformAudit]
    rates: RatesAudit

    def count(self, finding: str) -> int:
        """Facts with one finding across the catalogue; the exchange rates count as one fact."""
        n = sum(len(getattr(p, finding)) for p in self.platforms)
        if finding == "stale":
            n += self.rates.stale
        elif finding == "mirror":
            n += len(self.rates.mirror)
        return n

    @property
    def facts(self) -> int:
        return sum(p.facts for p in self.platforms)

    def share(self, kind: str) -> float:
        total = self.facts
        return sum(p.evidence.get(kind, 0) for p in self.platforms) / total if total else 0.0


def facts_of(p: Platform) -> list[Fact]:
    out = [Fact(f"ratings.{cid}", p.source_for(r.source), r.value != "unknown") for cid, r in p.ratings.items()]
    out += [
        Fact(f"capabilities.{cap}", p.source_for(e.source), e.status.value != "unknown")
        for cap, e in p.capabilities.items()
    ]
    conns = p.connectors
    for kind, entries in conns.kinds().items():
        for cid, entry in entries.items():
            src = p.source_for(conns.source_of(entry))
            out.append(Fact(f"connectors.{kind}.{cid}", src, True, shared=isinstance(entry, str)))
    for name, part in p.pricing.parts().items():
        ref = part.source if isinstance(part, Range) and part.source else p.pricing.source
        out.append(Fact(f"pricing.{name}", p.source_for(ref), part != "unknown", money=True))
    for i, plan in enumerate(p.pricing.plans):
        out.append(Fact(f"pricing.plans.{i}", p.source_for(plan.source), True, money=True))
    if p.markets is not None:
        out.append(Fact("markets", p.source_for(p.markets.source), True))
        if p.markets.admin_source is not None:
            out.append(Fact("markets.admin_languages", p.source_for(p.markets.admin_source), True))
        if p.markets.support_source is not None:
            out.append(Fact("markets.support_languages", p.source_for(p.markets.support_source), True))
    if p.segment is not None:
        out.append(Fact("segment", p.source_for(p.segment.source), True))
    return out


def fact_date(source: Source) -> date:
    """The page's own date when it shows one, else when an editor read it."""
    return source.published or source.as_of


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


def older_than(earlier: date, months: int, today: date) -> bool:
    """More than `months` calendar months before `today` (six months and a day is older than six)."""
    total = earlier.month - 1 + months
    year, month = earlier.year + total // 12, total % 12 + 1
    days = calendar.monthrange(year, month)[1]
    return date(year, month, min(earlier.day, days)) < today


def audit_platform(p: Platform, catalog: Catalog, today: date, max_age_months: int) -> PlatformAudit:
    facts = facts_of(p)
    known = [f for f in facts if f.known]
    dated = [fact_date(f.source) for f in known if f.source is not None]
    evidence = {kind: 0 for kind in EVIDENCE_KINDS}
    for f in facts:
        evidence[f.evidence] += 1
    policy = catalog.evidence
    mirrored = {key: s.url for key, s in p.sources.items() if s.url and policy.mirror_for(s.url)}
    # A computed criterion is known when the facts it is computed from are. Industry fit is left
    # out: it is computed from the capabilities, which are facts of their own.
    computed_known = {
        "tco": all(part != "unknown" for part in p.pricing.parts().values()),
        "segment": p.segment is not None,
        "market": p.markets is not None,
    }
    coverage: dict[str, float] = {}
    for gid in catalog.groups:
        members = [cid for cid in catalog.criteria_in(gid) if catalog.criteria[cid].computed != "industry"]
        if not members:
            continue
        ok = 0
        for cid in members:
            computed = catalog.criteria[cid].computed
            if computed is not None:
                ok += computed_known[computed]
            else:
                r = p.ratings.get(cid)
                ok += r is not None and r.value != "unknown"
        coverage[gid] = ok / len(members)
    return PlatformAudit(
        platform=p.id,
        name=p.name,
        facts=len(facts),
        evidence=evidence,
        stale=[f.where for f in known if f.source and older_than(fact_date(f.source), max_age_months, today)],
        unsourced=[f.where for f in known if f.source is None or f.shared]
        + (["connectors.source"] if p.connectors.source is not None else []),
        unknown=[f.where for f in facts if not f.known],
        mirror=[f.where for f in known if f.source is not None and f.source.url in mirrored.values()],
        money_estimates=[f.where for f in known if f.money and f.evidence == Evidence.estimate.value],
        mirror_sources=mirrored,
        coverage=coverage,
        oldest=min(dated) if dated else None,
    )


def audit(catalog: Catalog, today: date, max_age_months: int | None = None) -> Audit:
    policy = catalog.evidence
    limit = max_age_months if max_age_months is not None else policy.stale_after_months
    rates = catalog.rates
    return Audit(
        today=today,
        max_age_months=limit,
        platforms=[audit_platform(p, catalog, today, limit) for p in catalog.platforms.values()],
        rates=RatesAudit(
            as_of=rates.as_of,
            age_months=months_between(rates.as_of, today),
            limit_months=policy.rates_stale_after_months,
            stale=older_than(rates.as_of, policy.rates_stale_after_months, today),
            mirror=[url for url in rates.sources if policy.mirror_for(url)],
        ),
    )
