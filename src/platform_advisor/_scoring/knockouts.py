"""Hard exclusions, and the open questions that do not exclude.

Only what is known to be missing knocks a platform out: a must-have that is absent (or only
possible through custom development, except a storefront feature on a headless-first platform,
whose every page is project work: flagged "to build in your storefront", its days counted in
the cost), an ERP with no connector and no route to build one,
a budget that even the cheapest configuration exceeds. A must-have whose availability is
unknown is "to verify": the platform stays, flagged, with `policy.unknowns.verify_penalty`
taken off its score (unless the requirements say `unknowns: exclude`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .._catalog import Catalog
from .._models import Platform, Requirements
from .._models.catalog import CapabilityStatus
from .fit import connector_status, for_answers
from .result import Flag, Knockout
from .storefront import storefront_must_haves, to_build
from .tco import PART_NAMES, Reference, Tco

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
    storefront: tuple[str, ...]  # those of them that live in the storefront's pages

    # The must-have and ERP checks of each platform, for these must-haves, this ERP and this
    # way with unknowns: they depend on the catalogue and those answers only, which the files
    # of a batch share, so they are worked out once per combination (`for_answers`).
    known: dict[str, tuple[tuple[Knockout, ...], tuple[Flag, ...], int]] = field(default_factory=dict)

    @classmethod
    def of(cls, req: Requirements, catalog: Catalog, reference: Reference) -> Knockouts:
        wanted = set(req.must_have)
        in_order = tuple(cap for cap in catalog.capabilities if cap in wanted)
        storefront = storefront_must_haves(catalog, req.must_have)
        known = for_answers(catalog, "knockouts", (in_order, storefront, req.unknowns, req.systems.erp))
        return cls(req, catalog, reference, in_order, storefront, known)

    def __call__(self, platform: Platform, tco: Tco) -> Checked:
        found = self.known.get(platform.id)
        if found is None:
            out: list[Knockout] = []
            flags: list[Flag] = []
            to_verify = self._must_haves(platform, out, flags)
            self._erp(platform, out)
            found = self.known[platform.id] = (tuple(out), tuple(flags), to_verify)
        budget_out, budget_flags = self._budget(platform, tco)
        return Checked([*found[0], *budget_out], [*found[1], *budget_flags], found[2])

    def _must_haves(self, platform: Platform, out: list[Knockout], flags: list[Flag]) -> int:
        to_verify = 0
        # the storefront features this platform leaves to the project: the cost model's list
        built = to_build(platform, self.storefront, self.catalog.policy.pairing.min_headless) if self.storefront else ()
        for cap in self.wanted:
            entry = platform.capabilities.get(cap)
            status = entry.status if entry else CapabilityStatus.unknown
            if status.satisfies:
                continue
            name = self.catalog.capabilities[cap].name
            if status is CapabilityStatus.unknown and self.req.unknowns == "verify":
                flags.append(Flag("verify", cap, f"{name}: to verify"))
                to_verify += 1
            elif cap in built:
                # a headless-first platform has no storefront of its own: every page is project
                # work, so a storefront feature built on its APIs is part of that work, not a gap,
                # and not an open question either: its days are in the cost (see Costs)
                flags.append(Flag("storefront", cap, f"{name}: to build in your storefront"))
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
                    flags.append(
                        Flag(
                            "budget",
                            subject,
                            f"budget not checked: the {what} is unknown",
                            {"case": "unchecked", "budget": limit},
                        )
                    )
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
                            args={"budget": limit},
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
                            {"case": "may_exceed", "budget": limit},
                        )
                    )
                elif unknown:
                    parts = ", ".join(PART_NAMES.get(u, u) for u in unknown)
                    flags.append(
                        Flag(
                            "budget",
                            subject,
                            f"budget checked against the known parts only ({parts} unknown)",
                            {"case": "known_parts", "budget": limit},
                        )
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
                    args={"reference": ref, "basis": reference.kind},
                )
            )
        return out, flags
