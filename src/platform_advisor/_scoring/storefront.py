"""Headless-first platforms and the storefront work they leave to the project.

One definition, read three ways: fit takes such a platform with paired services for what it
leaves out (CMS, DAM, personalisation), the knock-outs do not count a storefront feature it
leaves to the project as a gap, and the cost model counts the days of building that feature.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .._models import Platform
from .._models.catalog import CapabilityStatus

if TYPE_CHECKING:
    from .._catalog import Catalog


def is_headless_first(platform: Platform, min_headless: int) -> bool:
    rating = platform.ratings.get("headless_readiness")
    return rating is not None and isinstance(rating.value, int) and rating.value >= min_headless


def headless_first(platform: Platform, catalog: Catalog) -> bool:
    """Headless readiness at least `policy.pairing.min_headless` (the rating guide's 5): a
    platform without a storefront of its own, sold with services for what it leaves out and
    with storefront features built by the project."""
    return is_headless_first(platform, catalog.policy.pairing.min_headless)


def storefront_must_haves(catalog: Catalog, must_have: Iterable[str]) -> tuple[str, ...]:
    """The must-haves that live in the storefront's pages (`storefront: true`), in catalogue order."""
    wanted = set(must_have)
    return tuple(c for c, cap in catalog.capabilities.items() if cap.storefront and c in wanted)


def to_build(platform: Platform, storefront_caps: Iterable[str], min_headless: int) -> tuple[str, ...]:
    """The storefront capabilities (of those asked for) that this platform leaves to the
    project: `custom` on a headless-first platform, whose every page is project work."""
    if not is_headless_first(platform, min_headless):
        return ()
    out = []
    for cap in storefront_caps:
        entry = platform.capabilities.get(cap)
        if entry is not None and entry.status is CapabilityStatus.custom:
            out.append(cap)
    return tuple(out)
