"""Criterion values for one platform and one business.

Most values are the catalogue rating / 5. Integration ratings describe a platform in general,
but a merchant needs a connector for *its* ERP or CRM: without one, the value is capped at
what a custom integration through the API gives (rating 2 in the guide).
"""

from __future__ import annotations

from dataclasses import dataclass

from .._catalog import Catalog
from .._models import Platform, Requirements
from .tco import Tco, cost_value

CUSTOM_INTEGRATION_CAP = 2
_SPECIFIC = {"erp_integration": "erp", "crm_marketing_integration": "crm"}


@dataclass(frozen=True)
class Adjustments:
    """What one requirements file changes in the catalogue's values, worked out once per file."""

    computed: tuple[str, ...]  # criteria computed from the 3-year cost
    specific: tuple[tuple[str, str, str], ...]  # (criterion, system kind, the merchant's system)

    @property
    def dynamic(self) -> list[str]:
        """Criteria whose values depend on the file: their medians are recomputed."""
        return [*self.computed, *(cid for cid, _, _ in self.specific)]

    @classmethod
    def of(cls, req: Requirements, catalog: Catalog) -> Adjustments:
        computed = tuple(cid for cid, crit in catalog.criteria.items() if crit.computed == "tco")
        specific = tuple(
            (cid, kind, system)
            for cid, kind in _SPECIFIC.items()
            if (system := getattr(req.systems, kind)) is not None and cid in catalog.criteria
        )
        return cls(computed, specific)


def values_for(
    platform: Platform, catalog: Catalog, tco: Tco, reference: float, adjust: Adjustments
) -> tuple[dict[str, float | None], list[str]]:
    """Normalised values (0..1, None when unknown) and notes on any adjustment made."""
    values: dict[str, float | None] = dict(catalog.rated_values[platform.id])
    notes: list[str] = []
    if adjust.computed:
        cost = None if tco.three_year is None else cost_value(tco.three_year, reference)
        for cid in adjust.computed:
            values[cid] = cost
    for cid, kind, system in adjust.specific:
        value = values.get(cid)
        if value is None:
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
