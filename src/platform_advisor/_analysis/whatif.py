"""Where a platform would stand with its open questions answered: a rescore, not an estimate.

A ranked platform's "to verify" flags are the questions a consultant can put to its vendor: a
must-have whose availability no page states, and a connector to the business's own ERP, CRM or
PIM that no page lists. Answered yes, the must-have stops costing its penalty and counts as the
capability it is, and the connector lifts the integration rating its absence capped. Both move
more than the platform's own points (industry fit, the iPaaS route, the field's medians), so the
answer comes from scoring the file again on a catalogue in which only this platform changed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .._catalog import Catalog
from .._models import Requirements
from .._models.catalog import CapabilityEntry, CapabilityStatus
from .._scoring import Result, score

# the flag kinds a vendor's answer settles (rank.py and fit.py raise them)
CONFIRMABLE = ("verify", "connector")
_SYSTEMS = ("erp", "crm", "pim")


@dataclass(frozen=True)
class IfConfirmed:
    rank: int
    score: float
    items: tuple[tuple[str, str], ...]  # (flag kind, subject): ("verify", capability) or ("connector", system)


def if_confirmed(req: Requirements, catalog: Catalog, result: Result, platform_id: str) -> IfConfirmed | None:
    """The rank and score `platform_id` would have with every confirmable flag answered yes,
    every other platform's facts as they are; None when it has none. A platform level with it
    counts as ahead, so the answer never promises more than it would get."""
    chosen = next((r for r in result.ranking if r.platform == platform_id), None)
    if chosen is None:
        return None
    items = tuple(dict.fromkeys((f.kind, f.subject) for f in chosen.flags if f.kind in CONFIRMABLE))
    if not items:
        return None
    platform = catalog.platforms[platform_id]
    capabilities = dict(platform.capabilities)
    connectors = platform.connectors
    for kind, subject in items:
        if kind == "verify":
            capabilities[subject] = CapabilityEntry(status=CapabilityStatus.native)
            continue
        for system in _SYSTEMS:
            if getattr(req.systems, system) == subject:
                listed = {**getattr(connectors, system), subject: "app"}
                connectors = connectors.model_copy(update={system: listed})
    changed = platform.model_copy(update={"capabilities": capabilities, "connectors": connectors})
    # a new instance: its caches (fit values, medians) are its own, the loaded catalogue's untouched
    what_if = replace(catalog, platforms={**catalog.platforms, platform_id: changed})
    rescored = score(req, what_if, result.file)
    mine = next((r for r in rescored.ranking if r.platform == platform_id), None)
    if mine is None:
        return None
    ahead = sum(1 for r in rescored.ranking if r.platform != platform_id and r.score >= mine.score)
    return IfConfirmed(ahead + 1, mine.score, items)
