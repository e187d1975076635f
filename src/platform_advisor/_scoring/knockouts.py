"""Hard exclusions: a missing must-have, an ERP that cannot be connected, a hard budget exceeded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._catalog import Catalog
from .._models import Platform, Requirements
from .._models.catalog import CapabilityStatus
from .result import Flag, Knockout
from .tco import PART_NAMES, Tco

if TYPE_CHECKING:
    from .rank import Reference

# An ERP without a ready connector can still be integrated through a decent API or an iPaaS.
API_ROUTE_MIN_RATING = 3

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
        req, catalog = self.req, self.catalog
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

        out.extend(self._budget(platform, tco)[0])  # flags reach the ranking with the lead's Checked
        return out

    def _budget(self, platform: Platform, tco: Tco) -> tuple[list[Knockout], list[Flag]]:
        """Hard budget and affordability (the cost model's part of the checks).

        A hard budget knocks a platform out only when even its cheapest plausible configuration
        (the low end of every range) exceeds it; when only the estimate does, the platform stays,
        flagged with by how much. Partial costs are lower bounds and are checked as such; a
        budget whose part of the cost is wholly unknown is flagged "not checked"."""
        req, reference = self.req, self.reference
        cur = req.business.currency
        out: list[Knockout] = []
        flags: list[Flag] = []
        if tco.partial and tco.three_year is not None:
            missing = ", ".join(PART_NAMES.get(u, u) for u in tco.unknown)
            flags.append(Flag("cost", "three_year", f"3-year cost ≥ {_money(tco.three_year, cur)} ({missing} unknown)"))
        if req.budget.hard:
            live_unknown = [u for u in tco.unknown if u != "implementation"]
            checks: tuple[tuple[str, float | None, float | None, float | None, str, str, list[str]], ...] = (
                ("monthly", req.budget.monthly, tco.monthly, tco.monthly_low, "running cost", "/month", live_unknown),
                ("one_off", req.budget.one_off, tco.one_off, tco.one_off_low, "implementation", "", []),
            )
            for subject, limit, point, low, what, per, unknown in checks:
                if limit is None:
                    continue
                budget = f"{_money(limit, cur)}{per}"
                if point is None:
                    flags.append(Flag("budget", subject, f"budget not checked: the {what} is unknown"))
                    continue
                cheapest = point if low is None else low
                if cheapest > limit:
                    at_least = "at least " if unknown else ""
                    out.append(
                        Knockout(
                            "budget",
                            subject,
                            f"the cheapest plausible {what} {at_least}{_money(cheapest, cur)}{per} exceeds "
                            f"the hard budget of {budget} (estimate {_money(point, cur)}{per})",
                            ratio=cheapest / limit if limit > 0 else None,
                        )
                    )
                elif point > limit:
                    by = f" by about {max(1, round(100 * (point / limit - 1)))}%" if limit > 0 else ""
                    flags.append(
                        Flag(
                            "budget",
                            subject,
                            f"may exceed your budget{by}: estimated {what} {_money(point, cur)}{per} against "
                            f"{budget}; the cheapest plausible configuration, {_money(cheapest, cur)}{per}, fits",
                        )
                    )
                elif unknown:
                    parts = ", ".join(PART_NAMES.get(u, u) for u in unknown)
                    flags.append(
                        Flag("budget", subject, f"budget checked against the known parts only ({parts} unknown)")
                    )
        three = tco.three_year
        ref = reference.amount
        veto = self.catalog.policy.cost.affordability_veto
        if three is not None and ref > 0 and three > veto * ref and not out:
            estimated = "3-year cost of at least" if tco.partial else "estimated 3-year cost"
            out.append(
                Knockout(
                    "affordability",
                    "three_year",
                    f"{estimated} {_money(three, cur)} is {three / ref:.1f} times {reference.basis} "
                    f"({_money(ref, cur)}); over {veto:g} times is not a sensible choice",
                    ratio=three / (veto * ref),
                )
            )
        return out, flags
