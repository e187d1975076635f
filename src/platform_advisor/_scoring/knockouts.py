"""Hard exclusions: a missing must-have, an ERP that cannot be connected, a hard budget exceeded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._catalog import Catalog
from .._models import Platform, Requirements
from .._models.catalog import CapabilityStatus
from .result import Knockout
from .tco import Tco

if TYPE_CHECKING:
    from .rank import Reference

# An ERP without a ready connector can still be integrated through a decent API or an iPaaS.
API_ROUTE_MIN_RATING = 3
# A weighted sum lets strengths elsewhere buy back any cost; past this multiple of the
# reference (budget, or 5% of revenue) no strength makes a platform a sensible choice.
AFFORDABILITY_VETO = 4

_STATUS_TEXT = {
    CapabilityStatus.custom: "only through custom development",
    CapabilityStatus.absent: "not available",
    CapabilityStatus.unknown: "not known to be available (no evidence in the catalogue)",
}


def _money(amount: float, currency: str) -> str:
    return f"{amount:,.0f} {currency}".replace(",", " ")


@dataclass(frozen=True)
class Knockouts:
    """The knock-out checks for one requirements file, prepared once and run per platform."""

    req: Requirements
    catalog: Catalog
    reference: Reference
    wanted: tuple[str, ...]  # must-haves, in catalogue order: reasons read the same every run

    @classmethod
    def of(cls, req: Requirements, catalog: Catalog, reference: Reference) -> Knockouts:
        wanted = set(req.must_have)
        return cls(req, catalog, reference, tuple(cap for cap in catalog.capabilities if cap in wanted))

    def __call__(self, platform: Platform, tco: Tco) -> list[Knockout]:
        req, catalog, reference = self.req, self.catalog, self.reference
        out: list[Knockout] = []
        for cap in self.wanted:
            entry = platform.capabilities.get(cap)
            status = entry.status if entry else CapabilityStatus.unknown
            if not status.satisfies:
                name = catalog.capabilities[cap].name
                out.append(Knockout("must_have", cap, f"{name} is a must-have: {_STATUS_TEXT[status]}", status.value))

        erp = req.systems.erp
        if erp is not None and erp not in platform.connectors.erp:
            route = [
                cid
                for cid in ("api_coverage", "ipaas_readiness")
                if isinstance(v := platform.ratings.get(cid) and platform.ratings[cid].value, int)
                and v >= API_ROUTE_MIN_RATING
            ]
            if not route:
                erp_name = catalog.connectors.erp.get(erp, erp)
                out.append(
                    Knockout(
                        "erp",
                        erp,
                        f"no known connector for {erp_name}, and neither the API nor iPaaS support is "
                        f"rated {API_ROUTE_MIN_RATING} or more, so there is no practical route to build one",
                    )
                )

        if req.budget.hard:
            cur = req.business.currency
            if req.budget.monthly is not None and tco.monthly is not None and tco.monthly > req.budget.monthly:
                out.append(
                    Knockout(
                        "budget",
                        "monthly",
                        f"estimated running cost {_money(tco.monthly, cur)}/month exceeds the hard budget of "
                        f"{_money(req.budget.monthly, cur)}/month",
                    )
                )
            if req.budget.one_off is not None and tco.one_off is not None and tco.one_off > req.budget.one_off:
                out.append(
                    Knockout(
                        "budget",
                        "one_off",
                        f"estimated implementation {_money(tco.one_off, cur)} exceeds the hard one-off budget of "
                        f"{_money(req.budget.one_off, cur)}",
                    )
                )
        three = tco.three_year
        already_over_budget = any(k.kind == "budget" for k in out)
        ref = reference.amount
        if three is not None and ref > 0 and three > AFFORDABILITY_VETO * ref and not already_over_budget:
            cur = req.business.currency
            out.append(
                Knockout(
                    "affordability",
                    "three_year",
                    f"estimated 3-year cost {_money(three, cur)} is {three / ref:.1f} times {reference.basis} "
                    f"({_money(ref, cur)}); over {AFFORDABILITY_VETO} times is not a sensible choice",
                )
            )
        return out
