"""Three-year total cost of ownership of one platform for one business, in the business's currency.

    three_year     = 36 x licence + 3 x running + 3 x platform fees + implementation
    monthly        = licence + (running + platform fees) / 12          (once live)
    platform fees  = revenue x (platform fee % + gateway surcharge %) / 100, per year
    implementation = (effort_days x complexity + integration days + storefront days)
                     x day rate of the build mode

Licence and platform fee. With published plans (`pricing.plans`, cheapest first), of the plans
that fit (every must-have that some plan unlocks is unlocked by it or a plan below it, and the
business is within its revenue cap and its limits on markets, products and admin users) the one
whose month costs least on this revenue, fee plus platform fee % plus any gateway surcharge
(else the top plan). A rating the business emphasises that holds only from a higher plan
(`Rating.plan`) puts the plans below it out (`Costs.plan_floors`, set by the scorer, which knows
the weights); the chosen plan then names those criteria (`Tco.plan_for`). Admin users are the
content team (`organisation.content_team`, at least the owner); a plan's `staff_max` counts
the users besides the owner. Its fee is taken in the business's currency when the vendor
bills there (`local_prices`), otherwise converted at the exchange rates' date (`rate_date`).
Without plans, one range per part, read at the business's position in the platform's typical
revenue band:
    t = clamp((revenue - band.low) / (band.high - band.low), 0, 1)
    value = range.low + t x (range.high - range.low)      (t -> 1 - t for ranges that scale down)
A plan with a `variable_fee` (Shopify Plus) costs, above its revenue threshold,
    max(list fee, min(monthly cap, share x revenue / 12))      (share: the middle of its range;
                                                                the low end for the cheapest)
and a plan marked `from_price` (quoted above a starting fee, by volume or contract) makes the
licence a lower bound: its part "licence_quote" is unknown, and the figures are partial. So
does, without plans, a licence range that grows with revenue for a business above the band's
top: the range stops at the band, the vendor's quote does not (t is 1, a floor).
The gateway surcharge (a fee for not using the vendor's own payments) applies only when the
business's home country, its first market, is not in `pricing.own_payments_in`. Card and
invoice processing, which every platform pays to some payment provider, is left out for all.

Running costs (hosting, apps, maintenance): `yearly_running`, read along the band.

Implementation. `effort_days` is a platform's person-days for the reference shop of
criteria/complexity.yaml (the midpoint is the estimate, the low end the cheapest plausible);
complexity = 1 + the drivers that apply to the business; integration days are the drivers'
`days`, the same on every platform (fewer where it has a ready connector for the business's
ERP, CRM or PIM), as that work does not shrink with the reference shop. Storefront days are
`policy.pairing.storefront_days` for each must-have storefront feature (quick order, re-order)
that a headless-first platform leaves to the project (`custom` there): known work, priced like
the rest of the build, not an open question. The day rate comes from
criteria/rates.yaml for the home country: `agency`, `in_house`, or for `diy` none at all (the
owners' own time is shown in days, not counted as cash), except that owners without developers
do at most `diy_max_days` themselves and buy the rest at the agency rate.
A platform without `effort_days` keeps its `implementation` range, read along the band as an
agency's price (in-house: scaled by in-house / agency rate; diy: own time within the limit).

Unknown parts. `monthly` and `three_year` add up the parts that are known. With any part
unknown they are lower bounds (`partial`), never better than the truth; they are None only
when no part at all is known. The `*_low` figures are the cheapest plausible configuration:
the low end of every range, band position ignored, on the same plan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .._conditions import all_hold, facts_of
from .._models import ExchangeRates, Pricing, Range
from .._models.catalog import Plan, Platform, VariableFee
from .._models.costs import BuildMode
from .storefront import storefront_must_haves, to_build

if TYPE_CHECKING:
    from .._catalog import Catalog
    from .._models import Requirements

# The pricing parts in words, for messages.
PART_NAMES = {
    "monthly_fee": "licence",
    "licence_quote": "licence beyond the list price",
    "transaction_fee_pct": "platform fee",
    "implementation": "implementation",
    "yearly_running": "running costs",
}

# Pricing's parts, in the order of Pricing.parts(): read by name in the hot loop, not as a dict.
_PART_FIELDS = ("monthly_fee", "transaction_fee_pct", "implementation", "yearly_running")

Parts = tuple[float | None, float | None, float | None, float | None]  # licence, fees, running, implementation


def _figures(parts: Parts) -> tuple[float | None, float | None]:
    """(monthly, three_year) from the known parts; None when no part is known."""
    licence, fees, running, impl = parts
    if licence is None and fees is None and running is None:
        return (None, None) if impl is None else (None, 0.0 + impl)  # a float, as below
    live = (licence, None if fees is None else fees / 12, None if running is None else running / 12)
    monthly = sum([x for x in live if x])
    return monthly, 36 * (monthly or 0.0) + (impl or 0.0)


@dataclass(frozen=True)
class Build:
    """How the implementation is priced for one platform."""

    mode: BuildMode  # what the business chose, or what was suggested
    chosen: BuildMode  # the same (kept for the JSON contract)
    reason: str  # why this mode, in words
    effort_days: float | None  # person-days, complexity included
    effort_low: float | None
    complexity: float
    day_rate: float | None  # in the business's currency; None when no day is paid for
    from_effort: bool = True  # False: the platform's implementation range, no effort figure
    integration_days: float = 0.0  # included in effort_days: the drivers' fixed days
    storefront_days: float = 0.0  # included in effort_days: storefront features to build
    bought_days: float = 0.0  # diy: days beyond the owners' reach, bought at the agency rate


@dataclass(frozen=True)
class Tco:
    """One platform's estimated cost of ownership for one business, in the business's currency."""

    currency: str
    licence_monthly: float | None
    fee_pct: float | None  # the platform's own fee, percent of revenue
    implementation: float | None  # cash
    running_yearly: float | None
    fees_yearly: float | None  # platform fee and gateway surcharge on a year's revenue
    unknown: tuple[str, ...]
    plan: str | None = None  # None: the platform has no published plans (one price range)
    plan_fee: float | None = None  # the plan's monthly fee as billed, in `billed_in`
    billed_in: str | None = None
    rate_date: date | None = None  # set when the licence was converted from another currency
    surcharge_pct: float = 0.0
    build: Build | None = None
    low: Parts | None = None  # the cheapest plausible parts; None: the same as the estimate
    plan_note: str | None = None
    plan_for: tuple[tuple[str, str], ...] = ()  # (criterion, name) whose ratings raised the plan to this one

    @property
    def known(self) -> bool:
        return not self.unknown

    @property
    def partial(self) -> bool:
        """Some parts unknown, some known: the figures are lower bounds."""
        return bool(self.unknown) and self.three_year is not None

    # Worked out once: sorting, knock-outs and every renderer ask for them many times.
    monthly: float | None = field(init=False)  # once live: licence, running costs and fees
    three_year: float | None = field(init=False)
    monthly_low: float | None = field(init=False)
    three_year_low: float | None = field(init=False)

    def __post_init__(self) -> None:
        parts = (self.licence_monthly, self.fees_yearly, self.running_yearly, self.implementation)
        monthly, three = _figures(parts)
        low_monthly, low_three = _figures(self.low) if self.low is not None else (monthly, three)
        # frozen: the dataclass way to set a derived field
        object.__setattr__(self, "monthly", monthly)
        object.__setattr__(self, "three_year", three)
        object.__setattr__(self, "monthly_low", low_monthly)
        object.__setattr__(self, "three_year_low", low_three)

    @property
    def one_off(self) -> float | None:
        return self.implementation

    @property
    def one_off_low(self) -> float | None:
        return self.implementation if self.low is None else self.low[3]

    def three_year_parts(self) -> dict[str, float | None]:
        """The 3-year figure by part (None: unknown); the known parts add up to `three_year`."""
        return {
            "licence": None if self.licence_monthly is None else 36 * self.licence_monthly,
            "platform_fees": None if self.fees_yearly is None else 3 * self.fees_yearly,
            "running": None if self.running_yearly is None else 3 * self.running_yearly,
            "implementation": self.implementation,
        }


def band_position(revenue: float, band: Range) -> float:
    """Linear, so that "the low figure fits the bottom of the band" holds for small merchants.
    (A log scale put a 400 kSEK shop 84% of the way up a 0-5 MSEK band.)"""
    if band.high <= band.low:
        return 0.0 if revenue <= band.low else 1.0
    return min(1.0, max(0.0, (revenue - band.low) / (band.high - band.low)))


def _along(part: Range, t: float) -> float:
    along = t if part.scales == "up" else 1 - t
    return part.low + along * (part.high - part.low)


def _pick(part: Range | str, t: float) -> tuple[float | None, float | None]:
    """(the value at band position t, the cheapest plausible); both None for an unknown part."""
    return (None, None) if isinstance(part, str) else (_along(part, t), part.low)


def choose_plan(
    plans: list[Plan],
    revenue: float,
    markets: int,
    must_have: frozenset[str],
    skus: int = 0,
    surcharged: bool = False,
    staff: int = 1,
    floor: int = 0,
) -> tuple[Plan, str | None]:
    """Of the plans that fit, the one that costs least a month on this revenue (in the pricing
    currency): its fee plus what it takes on sales, the gateway surcharge included when it
    applies (`surcharged`). A lower plan wins a tie. The top plan, with a note, if none fits.
    Plans below position `floor` do not fit: a rating the business needs starts there.

    Not simply the first that fits: a Norwegian shop on Shopify pays a surcharge of 2% on Basic
    and 1% on Grow, so from about 80,000 USD of sales a year Grow is the cheaper of the two, and
    the merchant would pick it."""
    gated = must_have & {cap for plan in plans for cap in plan.unlocks}
    have: set[str] = set()
    best: tuple[float, Plan] | None = None
    for i, plan in enumerate(plans):
        have.update(plan.unlocks)
        if i < floor:
            continue
        within_revenue = plan.revenue_max is None or revenue <= plan.revenue_max
        within_limits = (
            (plan.markets_max is None or markets <= plan.markets_max)
            and (plan.skus_max is None or skus <= plan.skus_max)
            and (plan.staff_max is None or staff - 1 <= plan.staff_max)  # the owner is one of them
        )
        if gated <= have and within_revenue and within_limits:
            monthly = _plan_monthly(plan, revenue, surcharged)
            if best is None or monthly < best[0]:
                best = (monthly, plan)
    if best is not None:
        return best[1], None
    return plans[-1], "no published plan fits every limit; the top plan is assumed"


def _plan_monthly(plan: Plan, revenue: float, surcharged: bool) -> float:
    """A plan's month on `revenue` a year, for comparing plans: fee (its middle share where it
    takes a share of sales; the starting fee of a quoted plan) plus its cut of sales."""
    vf = plan.variable_fee
    fee = plan.monthly_fee
    if vf is not None and revenue > vf.above:
        fee = _variable(plan.monthly_fee, vf, revenue, _middle(vf))
    pct = plan.fee_pct + ((plan.gateway_surcharge_pct or 0.0) if surcharged else 0.0)
    return fee + revenue * pct / 100 / 12


@dataclass(frozen=True)
class Costs:
    """What one business brings to every platform's cost, worked out once per requirements file."""

    revenue: float
    currency: str
    home: str  # the first market: where the business is based
    markets: int
    skus: int
    staff: int  # people working in the admin: the content team, at least the owner
    must_have: frozenset[str]
    rates: ExchangeRates
    build: BuildMode
    build_reason: str
    developers: int
    complexity: float
    drivers: tuple[tuple[str, float], ...]  # (driver id, what it added)
    # (days, connector kind, the business's system and its family, days with a ready connector)
    fixed_days: tuple[tuple[float, str | None, tuple[str, ...], float], ...]
    storefront_caps: tuple[str, ...]  # must-haves that live in the storefront's pages
    storefront_days: float  # per such feature a headless-first platform leaves to the project
    min_headless: int
    agency_rate: float  # per day, in `currency`
    in_house_rate: float
    diy_max_days: float
    # per platform: (position in its plans, criteria) where a rating the business emphasises
    # starts on a higher plan than the cheapest (`Rating.plan`); set by the scorer, which knows
    # the weights
    plan_floors: dict[str, tuple[int, tuple[tuple[str, str], ...]]] = field(default_factory=dict)

    @classmethod
    def of(cls, req: Requirements, catalog: Catalog, facts: dict[str, Any] | None = None) -> Costs:
        b, org = req.business, req.organisation
        facts = facts_of(req, catalog.rates) if facts is None else facts
        policy = catalog.complexity
        build: BuildMode
        if org.build is not None:
            build, reason = org.build, "your choice"
        else:
            build, reason = policy.build.suggested(facts)
            reason = f"suggested: {reason}"
        drivers = []
        fixed: list[tuple[float, str | None, tuple[str, ...], float]] = []
        for did, d in policy.drivers.items():
            if not all_hold(d.when, facts):
                continue
            units = 1.0
            if d.per is not None:
                count = facts.get(d.per)
                units = max(0.0, float(count) - d.beyond) if isinstance(count, int | float) else 0.0
            added = d.add * units if d.max is None else min(d.add * units, d.max)
            if added > 0:
                drivers.append((did, added))
            if d.days > 0 and units > 0:
                system = getattr(req.systems, d.system) if d.system else None
                members = catalog.connectors.members(system) if system else ()
                fixed.append((d.days * units, d.system, members, d.days_with_connector * units))
        day = catalog.day_rates.for_country(b.markets[0])
        rates = catalog.rates
        return cls(
            revenue=b.online_revenue,
            currency=b.currency,
            home=b.markets[0],
            markets=len(b.markets),
            skus=b.skus,
            staff=max(1, org.content_team or 0),
            must_have=frozenset(req.must_have),
            rates=rates,
            build=build,
            build_reason=reason,
            developers=org.developers,
            complexity=1 + sum(a for _, a in drivers),
            drivers=tuple(drivers),
            fixed_days=tuple(fixed),
            storefront_caps=storefront_must_haves(catalog, req.must_have),
            storefront_days=catalog.policy.pairing.storefront_days,
            min_headless=catalog.policy.pairing.min_headless,
            agency_rate=rates.convert(day.agency, day.currency, b.currency),
            in_house_rate=rates.convert(day.in_house, day.currency, b.currency),
            diy_max_days=policy.build.diy_max_days,
        )

    def priced(self, days: float) -> tuple[float, float, float | None, str]:
        """(cash, days bought from an agency by diy owners, day rate, reason) for `days` person-days.

        Owners without developers do up to `diy_max_days` themselves and buy the rest at the
        agency rate: a smooth cost, not a cliff at the limit."""
        if self.build == "agency":
            return days * self.agency_rate, 0.0, self.agency_rate, self.build_reason
        if self.build == "in_house":
            return days * self.in_house_rate, 0.0, self.in_house_rate, self.build_reason
        bought = 0.0 if self.developers > 0 else max(0.0, days - self.diy_max_days)
        if bought <= 0:
            return 0.0, 0.0, None, self.build_reason
        why = f"{self.build_reason}; beyond {self.diy_max_days:g} person-days owners without developers buy help"
        return bought * self.agency_rate, bought, self.agency_rate, why

    def extra_days(self, platform: Platform) -> float:
        """Person-days the drivers add on this platform: less where it has a ready connector."""
        total = 0.0
        for days, kind, members, with_connector in self.fixed_days:
            entries = getattr(platform.connectors, kind) if kind else {}
            total += with_connector if any(m in entries for m in members) else days
        return total

    def __call__(self, platform: Platform) -> Tco:
        extra = self.extra_days(platform) if self.fixed_days else 0.0
        built = to_build(platform, self.storefront_caps, self.min_headless) if self.storefront_caps else ()
        floor, needed = self.plan_floors.get(platform.id, (0, ()))
        return estimate_tco(platform.pricing, self, extra, len(built) * self.storefront_days, floor, needed)


def estimate_tco(
    pricing: Pricing,
    costs: Costs,
    extra_days: float = 0.0,
    storefront_days: float = 0.0,
    floor: int = 0,
    needed: tuple[tuple[str, str], ...] = (),
) -> Tco:
    # Runs for every platform and every file of a batch: conversions are written out as
    # ExchangeRates.convert computes them (amount / from * to), so the figures are the same.
    rates, currency, revenue = costs.rates, costs.currency, costs.revenue
    from_rate, to_rate = rates.rates[pricing.currency], rates.rates[currency]
    native_revenue = revenue / to_rate * from_rate
    t = band_position(native_revenue, pricing.typical_revenue)

    plan_name = plan_note = billed_in = None
    plan_for: tuple[tuple[str, str], ...] = ()
    plan_fee: float | None = None
    rate_date: date | None = None
    surcharge = 0.0
    licence: float | None
    licence_low: float | None
    pct: float | None
    pct_low: float | None
    unknown = [name for name in _PART_FIELDS if isinstance(getattr(pricing, name), str)]
    if pricing.plans:
        own = pricing.own_payments_in
        surcharged = own is None or costs.home not in own
        args = (pricing.plans, native_revenue, costs.markets, costs.must_have, costs.skus, surcharged, costs.staff)
        plan, plan_note = choose_plan(*args, floor=floor)
        if floor and plan is not choose_plan(*args)[0]:
            plan_for = needed  # named only where they changed the plan
        plan_name = plan.name
        vf = plan.variable_fee
        if vf is not None and native_revenue > vf.above:
            # billed in the list currency: a share of sales has no local price list
            plan_fee, billed_in = (
                _variable(plan.monthly_fee, vf, native_revenue, _middle(vf)),
                pricing.currency,
            )
            licence = plan_fee / from_rate * to_rate
            licence_low = _variable(plan.monthly_fee, vf, native_revenue, vf.pct.low) / from_rate * to_rate
            if pricing.currency != currency:
                rate_date = rates.as_of
        elif currency in plan.local_prices:
            plan_fee, billed_in = plan.local_prices[currency], currency
            licence = licence_low = plan_fee
        else:
            plan_fee, billed_in = plan.monthly_fee, pricing.currency
            licence = licence_low = plan.monthly_fee / from_rate * to_rate
            if pricing.currency != currency:
                rate_date = rates.as_of
        pct = pct_low = plan.fee_pct
        if plan.gateway_surcharge_pct and surcharged:
            surcharge = plan.gateway_surcharge_pct
        unknown = [u for u in unknown if u not in ("monthly_fee", "transaction_fee_pct")]
        if plan.from_price:
            unknown.append("licence_quote")  # the list fee is a floor: the figures are lower bounds
    else:
        lic, lic_low = _pick(pricing.monthly_fee, t)
        fee = pricing.monthly_fee
        grows = not isinstance(fee, str) and fee.scales == "up" and fee.high > fee.low
        if grows and native_revenue > pricing.typical_revenue.high:
            # a fee that grows with revenue, for a business past the band it is quoted for: its
            # top is where the quote starts, not what it comes to
            unknown.append("licence_quote")
        licence = None if lic is None else lic / from_rate * to_rate
        licence_low = None if lic_low is None else lic_low / from_rate * to_rate
        if licence is not None and pricing.currency != currency:
            rate_date = rates.as_of
        billed_in = pricing.currency
        pct, pct_low = _pick(pricing.transaction_fee_pct, t)
    run, run_low = _pick(pricing.yearly_running, t)

    build, impl, impl_low = _implementation(pricing, costs, t, from_rate, to_rate, extra_days, storefront_days)
    if impl is not None:
        unknown = [u for u in unknown if u != "implementation"]
    elif "implementation" not in unknown:
        unknown.append("implementation")

    def fees(p: float | None) -> float | None:
        return None if p is None else revenue * (p + surcharge) / 100

    conv = to_rate / from_rate
    return Tco(
        currency=currency,
        licence_monthly=licence,
        fee_pct=pct,
        implementation=impl,
        running_yearly=None if run is None else run * conv,
        fees_yearly=fees(pct),
        unknown=tuple(unknown),
        plan=plan_name,
        plan_fee=plan_fee,
        billed_in=billed_in,
        rate_date=rate_date,
        surcharge_pct=surcharge,
        build=build,
        low=(licence_low, fees(pct_low), None if run_low is None else run_low * conv, impl_low),
        plan_note=plan_note,
        plan_for=plan_for,
    )


def _middle(vf: VariableFee) -> float:
    """The share of sales the estimate takes: the middle of the plan's range (the low end is
    the cheapest plausible)."""
    return (vf.pct.low + vf.pct.high) / 2


def _variable(list_fee: float, vf: VariableFee, revenue: float, pct: float) -> float:
    """A month's fee on a plan that takes a share of sales above `vf.above`, in the list currency."""
    share = pct / 100 * revenue / 12
    if vf.monthly_max is not None and share > vf.monthly_max:
        share = vf.monthly_max
    return list_fee if list_fee > share else share


def _implementation(
    pricing: Pricing,
    costs: Costs,
    t: float,
    from_rate: float,
    to_rate: float,
    extra_days: float,
    storefront_days: float = 0.0,
) -> tuple[Build | None, float | None, float | None]:
    """(how it is built, cash estimate, cheapest plausible cash), in the business's currency."""
    effort = pricing.effort_days
    if effort is not None:
        added = extra_days + storefront_days
        days = (effort.low + effort.high) / 2 * costs.complexity + added
        days_low = effort.low * costs.complexity + added
        cash, bought, rate, why = costs.priced(days)
        cash_low = costs.priced(days_low)[0]
        build = Build(
            costs.build,
            costs.build,
            why,
            days,
            days_low,
            costs.complexity,
            rate,
            True,
            extra_days,
            storefront_days,
            bought,
        )
        return build, cash, cash_low
    if isinstance(pricing.implementation, str):
        return None, None, None
    # The range is an agency's price: its days at the agency rate, repriced for the build mode.
    conv = to_rate / from_rate
    per_day = costs.agency_rate or 1.0
    days = _along(pricing.implementation, t) * conv / per_day
    days_low = pricing.implementation.low * conv / per_day
    cash, bought, rate, why = costs.priced(days)
    build = Build(costs.build, costs.build, why, days, days_low, 1.0, rate, False, 0.0, 0.0, bought)
    return build, cash, costs.priced(days_low)[0]


def cap_partial_costs(
    values: dict[str, dict[str, float | None]],
    tcos: dict[str, Tco],
    computed: tuple[str, ...],
    medians: dict[str, float] | None = None,
    bounds: dict[str, float | None] | None = None,
) -> dict[str, float | None]:
    """A partial cost is a lower bound, so its value is at most what the bound gives, and no better
    than the field's median either (the unknown part is as likely as anyone's to be dear).

    Called twice around the medians: first it takes the partial values out (returning them), so
    the median is over complete costs only; then it puts back min(median, bound's value)."""
    if not computed:
        return {}
    partial = [pid for pid, t in tcos.items() if t.partial]
    if bounds is None:
        taken = {}
        for pid in partial:
            for cid in computed:
                taken[f"{pid}\0{cid}"] = values[pid][cid]
                values[pid][cid] = None
        return taken
    assert medians is not None
    for pid in partial:
        for cid in computed:
            bound = bounds[f"{pid}\0{cid}"]
            values[pid][cid] = None if bound is None else min(medians[cid], bound)
    return bounds


COST_STEEPNESS = math.log(3) / math.log(2)  # half the reference scores 0.75, twice it 0.25


def cost_value(three_year: float, reference: float) -> float:
    """0..1, lower cost is better: 1 / (1 + (cost / reference) ** k), 0.5 at the reference.

    No plateau at either end, so a 24 times dearer platform never scores the same as a cheap
    one however large the budget (the old linear-in-log form was 1 below half the reference)."""
    if reference <= 0:
        return 1.0 if three_year <= 0 else 0.0
    if three_year <= 0:
        return 1.0
    return 1.0 / (1.0 + float((three_year / reference) ** COST_STEEPNESS))


@dataclass(frozen=True)
class Reference:
    """What a 3-year cost is compared with (see `reference_cost`)."""

    amount: float
    basis: str  # in words, for messages
    kind: str  # which basis: budget | revenue | floor (the cheapest, above a share of revenue) | cheapest


def reference_cost(req: Requirements, tcos: dict[str, Tco], share: float) -> Reference:
    """What a 3-year cost is compared with: the 3-year budget; else a share of three years'
    revenue, but never less than the cheapest fully known 3-year cost in the catalogue; with
    neither budget nor revenue, twice that cheapest cost.

    The floor is for small revenue: 5% of 3 x 40,000 SEK is 6,000 SEK, less than any shop costs
    to run, so every platform with a known price was vetoed as unaffordable and only those with
    unknown prices were left. A business can always buy the cheapest shop there is; the veto
    then measures how far beyond it a platform goes."""
    b = req.budget
    if b.monthly is not None or b.one_off is not None:
        return Reference(36 * (b.monthly or 0) + (b.one_off or 0), "your 3-year budget", "budget")
    known = [t.three_year for t in tcos.values() if t.known and t.three_year is not None and t.three_year > 0]
    cheapest = min(known) if known else 0.0
    revenue = 3 * share * req.business.online_revenue
    if revenue <= 0:
        return Reference(2 * cheapest, "twice the cheapest platform's 3-year cost", "cheapest")
    if revenue >= cheapest:
        return Reference(revenue, f"{share:.0%} of three years' online revenue", "revenue")
    return Reference(cheapest, f"the cheapest platform's 3-year cost (more than {share:.0%} of your revenue)", "floor")
