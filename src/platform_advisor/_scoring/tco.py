"""Three-year total cost of ownership from a platform's pricing, in the merchant's currency.

Fee ranges in the catalogue fit a band of yearly revenue (`typical_revenue`); a merchant's
position in that band picks the point in each range, in proportion:
    t = clamp((revenue - band.low) / (band.high - band.low), 0, 1)
    value = range.low + t * (range.high - range.low)      (t -> 1 - t for ranges that scale down)
    three_year = 36*monthly_fee + 3*yearly_running + implementation + 3*revenue*fee_pct/100
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

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

    # Worked out once: sorting, knock-outs and every renderer ask for them many times.
    monthly: float | None = field(init=False)  # once live: licence, running costs and fees
    three_year: float | None = field(init=False)

    def __post_init__(self) -> None:
        monthly = None
        if self.licence_monthly is not None and self.running_yearly is not None and self.fees_yearly is not None:
            monthly = self.licence_monthly + (self.running_yearly + self.fees_yearly) / 12
        object.__setattr__(self, "monthly", monthly)  # frozen: the dataclass way to set a derived field
        three = None if monthly is None or self.implementation is None else 36 * monthly + self.implementation
        object.__setattr__(self, "three_year", three)

    @property
    def one_off(self) -> float | None:
        return self.implementation


def band_position(revenue: float, band: Range) -> float:
    """Linear, so that "the low figure fits the bottom of the band" holds for small merchants.
    (A log scale put a 400 kSEK shop 84% of the way up a 0-5 MSEK band.)"""
    if band.high <= band.low:
        return 0.0 if revenue <= band.low else 1.0
    return min(1.0, max(0.0, (revenue - band.low) / (band.high - band.low)))


def estimate_tco(pricing: Pricing, revenue: float, currency: str, rates: ExchangeRates) -> Tco:
    # Runs for every platform and every file of a batch: conversions are written out as
    # ExchangeRates.convert computes them (amount / from * to), so the figures are the same.
    from_rate, to_rate = rates.rates[pricing.currency], rates.rates[currency]
    band = pricing.typical_revenue
    t = band_position(revenue / to_rate * from_rate, band)
    parts = (pricing.monthly_fee, pricing.transaction_fee_pct, pricing.implementation, pricing.yearly_running)
    picked: list[float | None] = []
    for part in parts:
        if isinstance(part, str):
            picked.append(None)
        else:
            along = t if part.scales == "up" else 1 - t
            picked.append(part.low + along * (part.high - part.low))
    licence, pct, impl, running = picked
    return Tco(
        currency=currency,
        licence_monthly=None if licence is None else licence / from_rate * to_rate,
        fee_pct=pct,
        implementation=None if impl is None else impl / from_rate * to_rate,
        running_yearly=None if running is None else running / from_rate * to_rate,
        fees_yearly=None if pct is None else revenue * pct / 100,
        unknown=tuple(name for name, part in pricing.parts().items() if isinstance(part, str)),
    )


def cost_value(three_year: float, reference: float) -> float:
    """0..1, lower cost is better: 1 at half the reference or less, 0 at twice it or more."""
    if reference <= 0:
        return 1.0 if three_year <= 0 else 0.0
    if three_year <= 0:
        return 1.0
    ratio = three_year / reference
    return min(1.0, max(0.0, (math.log(2) - math.log(ratio)) / math.log(4)))
