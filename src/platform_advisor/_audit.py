"""Catalogue audit: which facts are stale, which rest on estimates, which are unknown.

A fact is one rating, capability status, connector block or pricing figure. Its date is the
`as_of` of the source it names; "unsourced" means it rests on an estimate with no URL behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ._catalog import Catalog
from ._models import Platform, Range, Source


@dataclass(frozen=True)
class Fact:
    where: str  # e.g. "ratings.cms"
    source: Source | None
    known: bool


@dataclass(frozen=True)
class PlatformAudit:
    platform: str
    name: str
    facts: int
    stale: list[str] = field(default_factory=list)
    unsourced: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    coverage: dict[str, float] = field(default_factory=dict)  # group -> share of criteria known
    oldest: date | None = None


def facts_of(p: Platform) -> list[Fact]:
    out = [Fact(f"ratings.{cid}", p.source_for(r.source), r.value != "unknown") for cid, r in p.ratings.items()]
    out += [
        Fact(f"capabilities.{cap}", p.source_for(e.source), e.status.value != "unknown")
        for cap, e in p.capabilities.items()
    ]
    conns = p.connectors
    for kind, entries in conns.kinds().items():
        for cid, entry in entries.items():
            out.append(Fact(f"connectors.{kind}.{cid}", p.source_for(conns.source_of(entry)), True))
    for name, part in p.pricing.parts().items():
        ref = part.source if isinstance(part, Range) and part.source else p.pricing.source
        out.append(Fact(f"pricing.{name}", p.source_for(ref), part != "unknown"))
    return out


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


def audit_platform(p: Platform, catalog: Catalog, today: date, max_age_months: int) -> PlatformAudit:
    facts = facts_of(p)
    known = [f for f in facts if f.known]
    dated = [f.source.as_of for f in known if f.source is not None]
    coverage: dict[str, float] = {}
    for gid in catalog.groups:
        members = catalog.criteria_in(gid)
        if not members:
            continue
        ok = 0
        for cid in members:
            if catalog.criteria[cid].computed == "tco":
                ok += all(part != "unknown" for part in p.pricing.parts().values())
            else:
                r = p.ratings.get(cid)
                ok += r is not None and r.value != "unknown"
        coverage[gid] = ok / len(members)
    return PlatformAudit(
        platform=p.id,
        name=p.name,
        facts=len(facts),
        stale=[f.where for f in known if f.source and months_between(f.source.as_of, today) > max_age_months],
        unsourced=[f.where for f in known if f.source is None or f.source.url is None],
        unknown=[f.where for f in facts if not f.known],
        coverage=coverage,
        oldest=min(dated) if dated else None,
    )


def audit(catalog: Catalog, today: date, max_age_months: int = 18) -> list[PlatformAudit]:
    return [audit_platform(p, catalog, today, max_age_months) for p in catalog.platforms.values()]
