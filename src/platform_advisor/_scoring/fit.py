"""Criterion values for one platform and one business.

Rated criteria are the catalogue rating / 5 (None when unknown). Computed criteria:
- tco: the 3-year cost against the reference (see tco.cost_value).
- segment: 1 inside the revenue band the platform is typically chosen for, falling linearly
  with the log10 distance outside it, to 0 at `policy.segment.span_decades`; less when the
  platform presumes more IT maturity or in-house developers than the business has, and
  `policy.segment.other_industry` less when it is built for named industries and the business
  is in another.
- market: per market of the business, weighted parts for a storefront in a local language,
  the local payment methods and the local carriers (criteria/markets.yaml; also when reached
  through a checkout or delivery service the platform connects to, `connectors.through`); for
  the home market (the first) also being sold and supported there, and an admin and the vendor's own
  support in its language (for a small business: `policy.market.admin_when`, `support_when`;
  for the latter, a home market the platform is not sold in counts `unsold_home` as a whole).
  The home market counts `policy.market.home`, the other markets share the rest.
- industry: the mean over the industry profile's proposed capabilities of what each status
  counts (policy.industry; custom work counts `custom_in_house` when the business builds with
  its own developers), an unknown capability taken at the median of what the platforms that
  state it count; None without an industry or when every status is unknown.

A headless-first platform (headless readiness at least `policy.pairing.min_headless`) is
taken with a paired service for the criteria it leaves out on purpose (CMS, DAM,
personalisation): at least `policy.pairing.rating` there, noted.

Integration ratings describe a platform in general, but a merchant needs a connector for
*its* ERP or CRM. A listed connector keeps the rating, and iPaaS readiness then takes the
ERP integration's value (no iPaaS is needed for that link, so it is neither rewarded twice
nor held against the platform). A list known to be complete without it (or a system
named `other`) caps the rating at a custom integration; a list nobody has confirmed caps it
at a plausible, unconfirmed route and flags "connector to verify". Unknown is not absent.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from typing import Any

from .._catalog import Catalog
from .._conditions import MATURITY, all_hold, facts_of
from .._models import Platform, Requirements
from .._models.catalog import CapabilityStatus
from .result import Flag
from .storefront import headless_first
from .tco import Tco, cost_value

_SPECIFIC = {"erp_integration": "erp", "crm_marketing_integration": "crm"}


@dataclass(frozen=True)
class Adjustments:
    """What one requirements file changes in the catalogue's values, worked out once per file."""

    computed: dict[str, str]  # criterion -> what it is computed from ("tco", "segment", ...)
    specific: tuple[tuple[str, str, str], ...]  # (criterion, system kind, the merchant's system)
    ipaas: bool  # iPaaS readiness is a criterion and the merchant has an ERP
    enough: tuple[tuple[str, int], ...] = ()  # (criterion, the rating that fully meets this business's need)
    labels: tuple[str, ...] = ()  # per entry of `specific`: the system's short display name
    adequate: tuple[str, ...] = ()  # rated criteria this business did not emphasise (policy.adequate)
    adequate_need: int = 5  # the rating that fully meets them
    build: str | None = None  # who builds the shop (the cost model's build mode)
    admin_language: bool = True  # whether the admin's language counts in market fit (policy.market.admin_when)
    support_language: bool = True  # whether the vendor's support language counts (policy.market.support_when)
    # No adjustment of a rated value reads a computed criterion, so the rated part of the
    # values is worked out apart from the file's costs, segment and markets, once per `rated_key`.
    separable: bool = False
    rated_key: tuple[object, ...] = ()  # everything that part depends on besides the platform

    @property
    def dynamic(self) -> list[str]:
        """Criteria whose values depend on the file: their medians are recomputed."""
        out = [*self.computed, *(cid for cid, _, _ in self.specific)]
        out += [cid for cid, _ in self.enough if cid not in out]
        out += [cid for cid in self.adequate if cid not in out]
        return out + (["ipaas_readiness"] if self.ipaas and "ipaas_readiness" not in out else [])

    @classmethod
    def of(
        cls,
        req: Requirements,
        catalog: Catalog,
        facts: dict[str, Any] | None = None,
        weights: dict[str, float] | None = None,
        build: str | None = None,
    ) -> Adjustments:
        """`weights`: the normalised criterion weights; without them no criterion counts as
        not emphasised (policy.adequate is not applied)."""
        computed = {cid: str(crit.computed) for cid, crit in catalog.criteria.items() if crit.computed is not None}
        specific = tuple(
            (cid, kind, system)
            for cid, kind in _SPECIFIC.items()
            if (system := getattr(req.systems, kind)) is not None and cid in catalog.criteria
        )
        ipaas = req.systems.erp is not None and "ipaas_readiness" in catalog.criteria
        facts = facts_of(req, catalog.rates) if facts is None else facts
        enough = []
        for cid, rule in catalog.policy.enough.items():
            fact = facts.get(rule.by)
            if cid not in catalog.criteria or not isinstance(fact, int | float):
                continue
            need = next((step.need for step in rule.steps if fact < step.below), rule.otherwise)
            if 0 < need < 5:
                enough.append((cid, need))
        labels = tuple(
            getattr(catalog.connectors, kind).get(system, system).split(" (")[0].split(",")[0]
            for _, kind, system in specific
        )
        adequate: tuple[str, ...] = ()
        adequacy = catalog.policy.adequate
        if adequacy is not None and weights:
            # an enough rule already says what this business needs on its criterion
            sized = {cid for cid in catalog.policy.enough if cid in catalog.criteria}
            limit = adequacy.below / len(weights)
            if adequacy.need < 5:
                adequate = tuple(
                    cid for cid, share in weights.items() if share < limit and cid not in computed and cid not in sized
                )
        need = adequacy.need if adequacy is not None else 5
        admin = all_hold(catalog.policy.market.admin_when, facts)
        support = all_hold(catalog.policy.market.support_when, facts)
        touched = [cid for cid, _ in enough] + [cid for cid, _, _ in specific] + list(catalog.policy.pairing.criteria)
        separable = not any(cid in computed for cid in [*touched, "ipaas_readiness"])
        key = (tuple(enough), specific, labels, ipaas, adequate, need)
        return cls(
            computed, specific, ipaas, tuple(enough), labels, adequate, need, build, admin, support, separable, key
        )


# Answer combinations whose worked-out tables a catalogue keeps (`for_answers`). A batch
# repeats a few; generated or very varied requirements would otherwise grow the cache by
# ~100 KB per combination for as long as the catalogue lives.
KEEP_ANSWERS = 256


def for_answers(catalog: Catalog, kind: str, key: tuple[object, ...]) -> dict[Any, Any]:
    """The table of `kind` for one combination of answers, the same for every file giving
    them, to fill as it is used; once KEEP_ANSWERS are kept, a fresh one not kept."""
    kept: dict[tuple[object, ...], dict[Any, Any]] = catalog.fit_cache.setdefault(("answers", (kind,)), {})
    found = kept.get(key)
    if found is None:
        found = {}
        if len(kept) < KEEP_ANSWERS:
            kept[key] = found
    return found


def connector_status(platform: Platform, catalog: Catalog, kind: str, system: str) -> str:
    """native | app for a listed connector (any member of a family such as visma counts),
    absent when the list is known complete or the system is `other`, else unknown."""
    # asked two or three times per platform and file (values, the ERP knock-out) about the few
    # systems merchants name; it depends on the catalogue alone
    key = (platform.id, ("connector", kind, system))
    found = catalog.fit_cache.get(key)
    if found is None:
        found = catalog.fit_cache[key] = _connector_status(platform, catalog, kind, system)
    return str(found)


def _connector_status(platform: Platform, catalog: Catalog, kind: str, system: str) -> str:
    conns = platform.connectors
    levels = [conns.status(kind, member) for member in catalog.connectors.members(system)]
    for level in ("native", "app"):
        if level in levels:
            return level
    if system == "other" or "absent" in levels:
        return "absent"
    return "unknown"


def values_for(
    platform: Platform, catalog: Catalog, tco: Tco, reference: float, adjust: Adjustments, req: Requirements
) -> tuple[dict[str, float | None], list[str], list[Flag]]:
    """Normalised values (0..1, None when unknown), notes on any adjustment, and flags to check."""
    flags: list[Flag] = []
    computed: dict[str, float | None] = {}
    for cid, source in adjust.computed.items():
        if source == "tco":
            computed[cid] = None if tco.three_year is None else cost_value(tco.three_year, reference)
        elif source == "segment":
            computed[cid] = _segment(platform, catalog, req, flags, adjust.build)
        elif source == "market":
            computed[cid] = _market(
                platform, catalog, req, flags, adjust.admin_language, adjust.support_language, adjust.build
            )
        elif source == "industry":
            computed[cid] = _industry(platform, catalog, req, adjust.build)
    below = below_plan(platform, catalog, tco)
    if not adjust.separable or below:
        values = {**catalog.rated_values[platform.id], **computed}
        notes: list[str] = []
        for cid, rating, full, plan in below:
            notes.append(f"{catalog.criteria[cid].name}: rated {rating} on {tco.plan} ({full} from {plan})")
            values[cid] = rating / 5
        _adjust_rated(platform, catalog, adjust, values, notes, flags)
        return values, notes, flags
    # The rated part depends on the platform and a few answers only, and a batch repeats
    # those answers: worked out once per combination (46 platforms x ~30 criteria per file).
    rated, rated_notes, rated_flags = _rated_part(platform, catalog, adjust)
    flags.extend(rated_flags)
    # the computed criteria come after the rated ones, as the catalogue's values are keyed
    return {**rated, **computed}, list(rated_notes), flags


def below_plan(platform: Platform, catalog: Catalog, tco: Tco) -> list[tuple[str, int, str, str]]:
    """(criterion, the rating on the plan the estimate assumes, the rating on the plan it needs,
    that plan) for each rating that needs a higher plan than the estimate's."""
    gated = catalog.plan_gated.get(platform.id)
    if not gated or tco.plan is None:
        return []
    chosen = next(i for i, plan in enumerate(platform.pricing.plans) if plan.name == tco.plan)
    out = []
    for cid, i, rating in gated:
        if chosen < i:
            full = platform.ratings[cid]
            out.append((cid, rating, str(full.value), str(full.plan)))
    return out


def _rated_part(
    platform: Platform, catalog: Catalog, adjust: Adjustments
) -> tuple[dict[str, float | None], tuple[str, ...], tuple[Flag, ...]]:
    per_platform = for_answers(catalog, "rated", adjust.rated_key)
    found = per_platform.get(platform.id)
    if found is None:
        values = dict(catalog.rated_values[platform.id])
        notes: list[str] = []
        flags: list[Flag] = []
        _adjust_rated(platform, catalog, adjust, values, notes, flags)
        found = per_platform[platform.id] = (values, tuple(notes), tuple(flags))
    return found


def _adjust_rated(
    platform: Platform,
    catalog: Catalog,
    adjust: Adjustments,
    values: dict[str, float | None],
    notes: list[str],
    flags: list[Flag],
) -> None:
    """The needs, the headless pairing, the connector caps and adequacy, in that order, on
    `values` (which hold the computed criteria too unless `adjust.separable`)."""
    for cid, need in adjust.enough:
        value = values.get(cid)
        if value is not None:
            values[cid] = _share_of_need(value, need)
            needs = catalog.policy.enough[cid].needs
            notes.append(f"{catalog.criteria[cid].name}: rated {value * 5:.0f}, against the {need} {needs}")
    pairing = catalog.policy.pairing
    if headless_first(platform, catalog):
        paired = pairing.rating / 5
        for cid in pairing.criteria:
            value = values.get(cid)
            if value is not None and value < paired:
                values[cid] = paired
                notes.append(
                    f"{catalog.criteria[cid].name}: rated {paired * 5:.0f} as a paired headless service "
                    f"instead of its own {value * 5:.0f} (headless-first)"
                )
    policy = catalog.policy.unknowns
    for (cid, kind, system), label in zip(adjust.specific, adjust.labels, strict=True):
        status = connector_status(platform, catalog, kind, system)
        if status in ("native", "app"):
            if kind == "erp" and adjust.ipaas:
                # a ready connector makes the iPaaS route moot: the link is as good as the ERP
                # integration itself, neither a second reward nor a penalty
                values["ipaas_readiness"] = values.get(cid)
            continue
        value = values.get(cid)
        cap = policy.custom_integration_cap if status == "absent" else policy.connector_to_verify_cap
        if status == "unknown":
            flags.append(Flag("connector", system, f"connector for {label}: to verify"))
        if value is None:
            continue
        rating = round(value * 5)
        if rating > cap:
            why = "custom integration" if status == "absent" else "a route nobody has confirmed"
            known = "no connector" if status == "absent" else "no known connector"
            notes.append(
                f"{catalog.criteria[cid].name}: {known} for {label}, so rated {cap} ({why}) instead of {rating}"
            )
            values[cid] = cap / 5
    # last, so that a capped or paired rating is what is held against the need
    need = adjust.adequate_need
    for cid in adjust.adequate:
        value = values.get(cid)
        if value is not None:
            values[cid] = _share_of_need(value, need)


def _share_of_need(value: float, need: int) -> float:
    """A value (rating / 5) as the share of a need on the 0-5 scale that it meets, at most 1."""
    # a comparison, not min(): some 1,200 calls per file (the adequate criteria of every platform)
    share = value * 5 / need
    return 1.0 if share > 1.0 else share


def _segment(
    platform: Platform, catalog: Catalog, req: Requirements, flags: list[Flag], build: str | None = None
) -> float | None:
    """`build`: the build mode the cost model works with, stated or suggested."""
    revenue = req.business.online_revenue
    if revenue <= 0:
        return None  # nothing to compare with; the catalogue median stands in
    policy = catalog.policy.segment
    seg = platform.segment
    band = platform.segment_band
    mine = catalog.rates.convert(revenue, req.business.currency, platform.pricing.currency)
    low, high = max(band.low, 1.0), max(band.high, band.low, 1.0)
    ratio = low / mine if mine < low else (mine / high if mine > high else 1.0)
    value = max(0.0, 1 - math.log10(ratio) / policy.span_decades)
    if ratio >= policy.named_at:
        cur = platform.pricing.currency
        if mine < low:
            text = f"over-dimensioned for a business your size (typically chosen from {_short(low)} {cur} a year)"
        else:
            text = f"likely to be outgrown (typically chosen up to {_short(high)} {cur} a year)"
        flags.append(Flag("segment", "revenue", text))
    if seg is not None:
        org = req.organisation
        gap = MATURITY[seg.it_maturity] - MATURITY[org.it_maturity]
        if gap > 0:
            value -= policy.maturity_step * gap
        # without an agency, the developers it presumes must be the business's own; the mode
        # the estimate assumes counts, stated or suggested, not only a stated one
        if seg.developers > org.developers and (build or org.build) in ("diy", "in_house"):
            value -= policy.missing_developers
        industry = req.business.industry
        if seg.industries is not None and industry is not None and industry not in seg.industries:
            value -= policy.other_industry
            names = ", ".join(catalog.industries[i].name for i in seg.industries if i in catalog.industries)
            flags.append(Flag("segment", "industry", f"built for other industries: {names}"))
    return min(1.0, max(0.0, value))


def _short(amount: float) -> str:
    for size, unit in ((1e9, " bn"), (1e6, " M"), (1e3, " k")):
        if amount >= size:
            return f"{amount / size:.3g}{unit}"
    return f"{amount:.0f}"


def _market(
    platform: Platform,
    catalog: Catalog,
    req: Requirements,
    flags: list[Flag],
    admin: bool = True,
    support: bool = True,
    build: str | None = None,
) -> float | None:
    # depends only on the platform, the markets, whether the admin and support languages count
    # and who builds, so a batch works each combination out once
    markets = tuple(req.business.markets)
    in_house = build == "in_house"
    key = (platform.id, markets, admin, support, in_house)
    cached = catalog.fit_cache.get(key)
    if cached is None:
        found: list[Flag] = []
        cached = (_market_fit(platform, catalog, markets, found, (admin, support), in_house), tuple(found))
        catalog.fit_cache[key] = cached
    flags.extend(cached[1])
    return cached[0]


def _market_fit(
    platform: Platform,
    catalog: Catalog,
    markets: tuple[str, ...],
    flags: list[Flag],
    asked: tuple[bool, bool],
    in_house: bool = False,
) -> float | None:
    """The home market (the first) counts `policy.market.home` of the fit, the others share the
    rest. Being sold and supported, an admin in the staff's language and the vendor's support in
    it (`asked`: whether those two count) are asked of the home market only: a Swedish brand
    selling into Germany is served by its platform's Swedish partners, while its German shoppers
    need German pages, payments and carriers. For the business `support_when` describes, a home
    market the platform is not sold in counts `policy.market.unsold_home` as a whole. A missing
    payment or carrier link counts `policy.market.in_house_link` when the business's own
    developers build (`in_house`), and an unknown one half-way between that and a ready link."""
    admin, support = asked
    mk = platform.markets
    if mk is None:
        return None
    p = catalog.policy.market
    missing = p.in_house_link if in_house else 0.0
    unsure = (1.0 + missing) / 2
    per_market: list[float] = []
    for i, code in enumerate(markets):
        home = i == 0
        got = total = 0.0
        sold = True
        expected = catalog.markets.get(code)
        if home:
            sold = mk.countries == "global" or code in mk.countries
            if not sold:
                flags.append(Flag("market", code, f"not sold or supported in {code}"))
            got, total = p.sold * (1.0 if sold else p.unsold), p.sold
            # the staff's admin and the vendor's support, each in a language of the market
            asks = ((admin, mk.admin_languages, p.admin), (support, mk.support_languages, p.support))
            for counts, spoken, part in asks:
                if counts and expected is not None and spoken != "unknown" and part:
                    ok = any(lang in spoken for lang in expected.languages)
                    got, total = got + part * ok, total + part
        if expected is not None:
            langs = mk.storefront_languages
            if langs != "unknown":
                ok = langs == "any" or any(lang in langs for lang in expected.languages)
                if not ok and not home:
                    flags.append(
                        Flag("market", code, f"no storefront in a language of {code}", args={"case": "language"})
                    )
                got, total = got + p.language * ok, total + p.language
            for weight, kind, wanted in (
                (p.payments, "payments", expected.payments),
                (p.carriers, "shipping", expected.carriers),
            ):
                if wanted:
                    # through a listed service too: an embedded checkout, a delivery-management service
                    have = [connector_status(platform, catalog, kind, cid) for cid in wanted]
                    share = sum(1.0 if s in ("native", "app") else unsure if s == "unknown" else missing for s in have)
                    got, total = got + weight * share / len(wanted), total + weight
        if home and not sold and support and p.unsold_home is not None:
            got, total = p.unsold_home, 1.0
        if total:
            per_market.append(got / total)
        elif home:
            return None
    if not per_market:
        return None
    if len(per_market) == 1:
        return per_market[0]
    exports = per_market[1:]
    return p.home * per_market[0] + (1 - p.home) * sum(exports) / len(exports)


def _industry(platform: Platform, catalog: Catalog, req: Requirements, build: str | None = None) -> float | None:
    # depends only on the platform, the industry and who builds, so a batch works each out once
    key = (platform.id, ("industry", req.business.industry or "", build or ""))
    if key not in catalog.fit_cache:
        catalog.fit_cache[key] = _industry_fit(platform, catalog, req.business.industry, build)
    found: float | None = catalog.fit_cache[key]
    return found


def _industry_fit(platform: Platform, catalog: Catalog, industry_id: str | None, build: str | None) -> float | None:
    industry = catalog.industries.get(industry_id or "")
    if industry is None:
        return None
    known: list[float] = []
    stand_ins: list[float] = []
    for cap in industry.proposes:
        entry = platform.capabilities.get(cap)
        status = entry.status if entry else CapabilityStatus.unknown
        if status is not CapabilityStatus.unknown:
            known.append(_status_count(catalog, status, build))
        elif (field := _field_median(catalog, cap, build)) is not None:
            # an unknown capability is taken as the field has it, as an unknown rating is: left
            # out of the mean, it let a platform that documents one of three capabilities score
            # as if it had all three
            stand_ins.append(field)
    if not known:
        return None  # nothing known: the criterion's median stands in, and coverage says so
    scores = known + stand_ins
    return sum(scores) / len(scores)


def _status_count(catalog: Catalog, status: CapabilityStatus, build: str | None) -> float:
    counts = catalog.policy.industry
    if status is CapabilityStatus.custom and build == "in_house":
        # custom work is what an in-house team is there for; its time is in the 3-year cost
        return counts.custom_for_team
    return float(getattr(counts, status.value))


def _field_median(catalog: Catalog, cap: str, build: str | None) -> float | None:
    """What the platforms that state a capability count for it, the median; None if none does."""
    key = ("field", ("capability", cap, build or ""))
    if key not in catalog.fit_cache:
        counted = [
            _status_count(catalog, entry.status, build)
            for p in catalog.platforms.values()
            if (entry := p.capabilities.get(cap)) is not None and entry.status is not CapabilityStatus.unknown
        ]
        catalog.fit_cache[key] = statistics.median(counted) if counted else None
    found: float | None = catalog.fit_cache[key]
    return found
