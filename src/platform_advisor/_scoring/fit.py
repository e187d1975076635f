"""Criterion values for one platform and one business.

Most values are the catalogue rating / 5. Integration ratings describe a platform in general,
but a merchant needs a connector for *its* ERP or CRM: without one, the value is capped at
what a custom integration through the API gives (rating 2 in the guide).
"""

from __future__ import annotations

from .._catalog import Catalog
from .._models import Platform, Requirements
from .tco import Tco, cost_value

CUSTOM_INTEGRATION_CAP = 2
_SPECIFIC = {"erp_integration": "erp", "crm_marketing_integration": "crm"}


def values_for(platform: Platform, req: Requirements, catalog: Catalog, tco: Tco,
               reference: float) -> tuple[dict[str, float | None], list[str]]:
    """Normalised values (0..1, None when unknown) and notes on any adjustment made."""
    values: dict[str, float | None] = {}
    notes: list[str] = []
    for cid, crit in catalog.criteria.items():
        if crit.computed == "tco":
            values[cid] = None if tco.three_year is None else cost_value(tco.three_year, reference)
            continue
        rating = platform.ratings.get(cid)
        if rating is None or not isinstance(rating.value, int):
            values[cid] = None
            continue
        value = rating.value
        kind = _SPECIFIC.get(cid)
        system = getattr(req.systems, kind) if kind else None
        if kind and system is not None:
            connectors = getattr(platform.connectors, kind)
            if system not in connectors and value > CUSTOM_INTEGRATION_CAP:
                label = getattr(catalog.connectors, kind).get(system, system)
                notes.append(f"{crit.name}: no known connector for {label}, so rated "
                             f"{CUSTOM_INTEGRATION_CAP} (custom integration) instead of {value}")
                value = CUSTOM_INTEGRATION_CAP
        values[cid] = value / 5
    return values, notes
