"""Three-year total cost of ownership from a platform's pricing, in the merchant's currency.

Fee ranges in the catalogue fit a band of yearly revenue (`typical_revenue`); a merchant's
position in that band picks the point in each range, in proportion:
    t = clamp((revenue - band.low) / (band.high - band.low), 0, 1)
    value = range.low + t * (range.high - range.low)      (t -> 1 - t for ranges that scale down)
    three_year = 36*monthly_fee + 3*yearly_running + implementation + 3*revenue*fee_pct/100
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from .._models import ExchangeRates, Pricing, Range


@dataclass(frozen=True)
class Tco:
    currency: str
    licence_monthly: float | None
    fee_pct: float | None
    implementation: float | None
    running_yearly: float | None
    fees_yearly: float | None
    unknown: tuple[str, ...]

    @property
    def known(self) -> bool:
        return not self.unknown

    # Cached: sorting, knock-outs and every renderer ask for these many times per platform.
    @cached_property
    def monthly(self) -> float | None:
        """What the platform costs per month once live: licence, running costs and fees."""
        if self.licence_monthly is None or self.running_yearly is None or self.fees_yearly is None:
            return None
        return self.licence_monthly + (self.running_yearly + self.fees_yearly) / 12

    @property
    def one_off(self) -> float | None:
        return self.implementation

    @cached_property
    def three_year(self) -> float | None:
        if self.monthly is None or self.implementation is None:
            return None
        return 36 * self.monthly + self.implementation


def band_position(revenue: float, band: Range) -> float:
    """Linear, so that "the low figure fits the bottom of the band" holds for small merchants.
    (A log scale put a 400 kSEK shop 84% of the way up a 0-5 MSEK band.)"""
    if band.high <= band.low:
        return 0.0 if revenue <= band.low else 1.0
    return min(1.0, max(0.0, (revenue - band.low) / (band.high - band.low)))


def estimate_tco(pricing: Pricing, revenue: float, currency: str, rates: ExchangeRates) -> Tco:
    def conv(amount: float) -> float:
        return rates.convert(amount, pricing.currency, currency)

    revenue_local = rates.convert(revenue, currency, pricing.currency)
    t = band_position(revenue_local, pricing.typical_revenue)
    unknown = tuple(name for name, part in pricing.parts().items() if isinstance(part, str))

    def pick(part: Range | str) -> float | None:
        if not isinstance(part, Range):
            return None
        along = t if part.scales == "up" else 1 - t
        return part.low + along * (part.high - part.low)

    licence = pick(pricing.monthly_fee)
    pct = pick(pricing.transaction_fee_pct)
    impl = pick(pricing.implementation)
    running = pick(pricing.yearly_running)
    return Tco(
        currency=currency,
        licence_monthly=None if licence is None else conv(licence),
        fee_pct=pct,
        implementation=None if impl is None else conv(impl),
        running_yearly=None if running is None else conv(running),
        fees_yearly=None if pct is None else revenue * pct / 100,
        unknown=unknown,
    )


def cost_value(three_year: float, reference: float) -> float:
    """0..1, lower cost is better: 1 at half the reference or less, 0 at twice it or more."""
    if reference <= 0:
        return 1.0 if three_year <= 0 else 0.0
    if three_year <= 0:
        return 1.0
    ratio = three_year / reference
    return min(1.0, max(0.0, (math.log(2) - math.log(ratio)) / math.log(4)))
