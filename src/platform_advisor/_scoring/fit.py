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


def values_for(
    platform: Platform, req: Requirements, catalog: Catalog, tco: Tco, reference: float
) -> tuple[dict[str, float | None], list[str]]:
    """Normalised values (0..1, None when unknown) and notes on any adjustment made."""
    values: dict[str, float | None] = dict(catalog.rated_values[platform.id])
    notes: list[str] = []
    for cid, crit in catalog.criteria.items():
        if crit.computed == "tco":
            values[cid] = None if tco.three_year is None else cost_value(tco.three_year, reference)
    for cid, kind in _SPECIFIC.items():
        system = getattr(req.systems, kind)
        value = values.get(cid)
        if system is None or value is None or cid not in catalog.criteria:
            continue
        rating = round(value * 5)
        if system not in getattr(platform.connectors, kind) and rating > CUSTOM_INTEGRATION_CAP:
            label = getattr(catalog.connectors, kind).get(system, system)
            notes.append(
                f"{catalog.criteria[cid].name}: no known connector for {label}, so rated "
                f"{CUSTOM_INTEGRATION_CAP} (custom integration) instead of {rating}"
            )
            values[cid] = CUSTOM_INTEGRATION_CAP / 5
    return values, notes
