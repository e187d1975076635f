"""Load a requirements file and check every id in it against the catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ._catalog import Catalog
from ._countries import CODES, HINTS
from ._errors import InputError, Problem
from ._models import Requirements
from ._validate import suggest, validate
from ._yaml import Document, load_file


def load_requirements(path: Path, catalog: Catalog, display: str | None = None) -> Requirements:
    return read_requirements(path, catalog, display)[0]


def read_requirements(path: Path, catalog: Catalog, display: str | None = None) -> tuple[Requirements, Document]:
    """The validated file and its parsed document (for positions, e.g. the `expect` line)."""
    doc = load_file(path, display or str(path))
    return check(doc, catalog), doc


def check(doc: Document, catalog: Catalog) -> Requirements:
    _hint_yaml11_bools(doc)
    req = validate(Requirements, doc)
    problems = sorted(set(_id_problems(req, doc, catalog)))
    if problems:
        raise InputError(problems)
    return req


def id_problems(req: Requirements, catalog: Catalog, file: str) -> list[Problem]:
    """The id checks of `check`, for a `Requirements` that did not come from a file."""
    return sorted(set(_id_problems(req, Document(file, None), catalog)))


def _hint_yaml11_bools(doc: Document) -> None:
    """Other YAML tools read an unquoted NO as false; if such a tool wrote `false` into the list
    of countries, say what probably happened instead of a bare type error."""
    business = doc.data.get("business") if isinstance(doc.data, dict) else None
    markets = business.get("markets") if isinstance(business, dict) else None
    for i, m in enumerate(markets if isinstance(markets, list) else []):
        if isinstance(m, bool):
            raise InputError(
                [
                    doc.problem(
                        ("business", "markets", i),
                        f"business.markets: {str(m).lower()} is not a country code; a tool may have "
                        "turned NO (Norway) into false: write the code in quotes, e.g. 'NO'",
                    )
                ]
            )


def _id_problems(req: Requirements, doc: Document, catalog: Catalog) -> Iterator[Problem]:
    def unknown(loc: tuple[str | int, ...], what: str, value: str, valid: object) -> Problem:
        return doc.problem(loc, f"unknown {what} {value!r}" + suggest(value, valid))  # type: ignore[arg-type]

    b = req.business
    if b.currency not in catalog.rates.rates:
        yield unknown(("business", "currency"), "currency", b.currency, catalog.rates.rates)
    for i, code in enumerate(b.markets):
        if code not in CODES:
            hint = f" (did you mean {HINTS[code]}?)" if code in HINTS else ""
            yield doc.problem(("business", "markets", i), f"{code!r} is not an ISO 3166-1 country code{hint}")
    if b.industry is not None and b.industry not in catalog.industries:
        yield unknown(("business", "industry"), "industry", b.industry, catalog.industries)
    for i, mp in enumerate(b.marketplaces):
        if mp not in catalog.connectors.marketplaces:
            yield unknown(("business", "marketplaces", i), "marketplace", mp, catalog.connectors.marketplaces)
    for kind in ("erp", "crm", "pim"):
        value = getattr(req.systems, kind)
        known = getattr(catalog.connectors, kind)
        if value is not None and value not in known:
            yield doc.problem(
                ("systems", kind),
                f"unknown {kind.upper()} {value!r}" + suggest(value, known) + "; use 'other' if yours is not listed",
            )
    for i, cap in enumerate(req.must_have):
        if cap not in catalog.capabilities:
            yield unknown(("must_have", i), "capability", cap, catalog.capabilities)
    for key in req.priorities:
        if key not in catalog.weight_targets:
            yield unknown(("priorities", key), "criterion or group", key, catalog.weight_targets)
    if req.preset is not None and req.preset not in catalog.presets:
        yield unknown(("preset",), "preset", req.preset, catalog.presets)
    if req.expect is not None:
        for field in ("top_1", "top_3_includes", "not_top_5", "excluded"):
            for i, pid in enumerate(getattr(req.expect, field)):
                if pid not in catalog.platforms:
                    yield unknown(("expect", field, i), "platform", pid, catalog.platforms)
