"""Hard exclusions, and the open questions that do not exclude.

Only what is known to be missing knocks a platform out: a must-have that is absent (or only
possible through custom development), an ERP with no connector and no route to build one,
a budget that even the cheapest configuration exceeds. A must-have whose availability is
unknown is "to verify": the platform stays, flagged, with `policy.unknowns.verify_penalty`
taken off its score (unless the requirements say `unknowns: exclude`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._catalog import Catalog
from .._models import Platform, Requirements
from .._models.catalog import CapabilityStatus
from .fit import connector_status
from .result import Flag, Knockout
from .tco import Tco

if TYPE_CHECKING:
    from .rank import Reference

_STATUS_TEXT = {
    CapabilityStatus.custom: "only through custom development",
    CapabilityStatus.absent: "not available",
    CapabilityStatus.unknown: "not known to be available (no evidence in the catalogue)",
}


def _money(amount: float, currency: str) -> str:
    return f"{amount:,.0f} {currency}".replace(",", " ")


@dataclass(frozen=True)
class Checked:
    """What the checks found for one platform."""

    knockouts: list[Knockout]
    flags: list[Flag]
    to_verify: int  # must-haves whose availability is unknown (each costs the verify penalty)


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

    def __call__(self, platform: Platform, tco: Tco) -> Checked:
        out: list[Knockout] = []
        flags: list[Flag] = []
        to_verify = self._must_haves(platform, out, flags)
        self._erp(platform, out)
        budget_out, budget_flags = self._budget(platform, tco)
        return Checked(out + budget_out, flags + budget_flags, to_verify)

    def _must_haves(self, platform: Platform, out: list[Knockout], flags: list[Flag]) -> int:
        to_verify = 0
        for cap in self.wanted:
            entry = platform.capabilities.get(cap)
            status = entry.status if entry else CapabilityStatus.unknown
            if status.satisfies:
                continue
            name = self.catalog.capabilities[cap].name
            if status is CapabilityStatus.unknown and self.req.unknowns == "verify":
                flags.append(Flag("verify", cap, f"{name}: to verify"))
                to_verify += 1
            else:
                out.append(Knockout("must_have", cap, f"{name} is a must-have: {_STATUS_TEXT[status]}", status.value))
        return to_verify

    def _erp(self, platform: Platform, out: list[Knockout]) -> None:
        erp = self.req.systems.erp
        if erp is None or connector_status(platform, self.catalog, "erp", erp) != "absent":
            return  # a listed connector, or one nobody has looked for (flagged by the fit values)
        least = self.catalog.policy.unknowns.api_route_min_rating
        route = [
            cid
            for cid in ("api_coverage", "ipaas_readiness")
            if (r := platform.ratings.get(cid)) is not None and isinstance(r.value, int) and r.value >= least
        ]
        if not route:
            erp_name = self.catalog.connectors.erp.get(erp, erp)
            out.append(
                Knockout(
                    "erp",
                    erp,
                    f"no connector for {erp_name}, and neither the API nor iPaaS support is "
                    f"rated {least} or more, so there is no practical route to build one",
                )
            )

    def _budget(self, platform: Platform, tco: Tco) -> tuple[list[Knockout], list[Flag]]:
        """Hard budget and affordability (the cost model's part of the checks)."""
        req, reference = self.req, self.reference
        out: list[Knockout] = []
        cur = req.business.currency
        if req.budget.hard:
            if req.budget.monthly is not None and tco.monthly is not None and tco.monthly > req.budget.monthly:
                out.append(
                    Knockout(
                        "budget",
                        "monthly",
                        f"estimated running cost {_money(tco.monthly, cur)}/month exceeds the hard budget of "
                        f"{_money(req.budget.monthly, cur)}/month",
                        ratio=tco.monthly / req.budget.monthly if req.budget.monthly else None,
                    )
                )
            if req.budget.one_off is not None and tco.one_off is not None and tco.one_off > req.budget.one_off:
                out.append(
                    Knockout(
                        "budget",
                        "one_off",
                        f"estimated implementation {_money(tco.one_off, cur)} exceeds the hard one-off budget of "
                        f"{_money(req.budget.one_off, cur)}",
                        ratio=tco.one_off / req.budget.one_off if req.budget.one_off else None,
                    )
                )
        three = tco.three_year
        ref = reference.amount
        veto = self.catalog.policy.cost.affordability_veto
        if three is not None and ref > 0 and three > veto * ref and not out:
            out.append(
                Knockout(
                    "affordability",
                    "three_year",
                    f"estimated 3-year cost {_money(three, cur)} is {three / ref:.1f} times {reference.basis} "
                    f"({_money(ref, cur)}); over {veto:g} times is not a sensible choice",
                    ratio=three / (veto * ref),
                )
            )
        return out, []
