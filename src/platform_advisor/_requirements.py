"""Load a requirements file and check every id in it against the catalogue.

Every problem of a file is reported in one run: the YAML 1.1 hints, the model's own checks and
the ids against the catalogue all look at the file as written, so four mistakes give four lines
rather than one stage per run. Only a file that cannot be parsed stops at its first error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._countries import CODES, HINTS
from ._errors import InputError, Problem
from ._validate import attempt, suggest
from ._yaml import MAX_BYTES, Document, Loc, decode, load_file, load_text

if TYPE_CHECKING:  # loaded by `check`: reading a file that does not parse needs neither
    from ._catalog import Catalog
    from ._models import Requirements

STDIN = "<stdin>"  # how `-` is named in messages and results


def display_name(path: Path) -> str:
    """The name a file goes by in messages and results: `-` is standard input."""
    return STDIN if str(path) == "-" else str(path)


def load_requirements(path: Path, catalog: Catalog, display: str | None = None) -> Requirements:
    return read_requirements(path, catalog, display)[0]


def read_requirements(path: Path, catalog: Catalog, display: str | None = None) -> tuple[Requirements, Document]:
    """The validated file and its parsed document (for positions, e.g. the `expect` line).
    A path of `-` reads standard input, named `<stdin>`."""
    doc = read_document(path, display)
    return check(doc, catalog), doc


def read_document(path: Path, display: str | None = None) -> Document:
    """The parsed YAML of a file, or of standard input for `-`, not yet validated."""
    return _read_stdin() if str(path) == "-" else load_file(path, display or str(path))


def _read_stdin() -> Document:
    stream = sys.stdin
    if stream is None or stream.closed:
        raise InputError([Problem(STDIN, None, None, "standard input is closed; pipe a requirements file in")])
    if stream.isatty():
        # waiting for someone to type YAML would look like a hang
        hint = "is a terminal; pipe a requirements file in, e.g. `advisor score - < file.yaml`"
        raise InputError([Problem(STDIN, None, None, hint)])
    raw = stream.buffer.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise InputError([Problem(STDIN, None, None, f"input is larger than {MAX_BYTES:,} bytes")])
    return load_text(decode(raw, STDIN), STDIN)


def check(doc: Document, catalog: Catalog) -> Requirements:
    from ._models import Requirements

    hints = _yaml11_hints(doc)
    req, problems, invalid = attempt(Requirements, doc)
    hinted = {(p.line, p.col) for p in hints}
    found = hints + [p for p in problems if (p.line, p.col) not in hinted]
    found += _id_problems(_Written(doc.data, invalid), doc, catalog)
    if found or req is None:
        raise InputError(sorted(set(found)) or problems)
    return req


def id_problems(req: Requirements, catalog: Catalog, file: str) -> list[Problem]:
    """The id checks of `check`, for a `Requirements` that did not come from a file."""
    return sorted(set(_id_problems(_Written(req.model_dump(), set()), Document(file, None), catalog)))


def _yaml11_hints(doc: Document) -> list[Problem]:
    """Other YAML tools read an unquoted NO as false; if such a tool wrote `false` into the list
    of countries, say what probably happened instead of a bare type error."""
    business = doc.data.get("business") if isinstance(doc.data, dict) else None
    markets = business.get("markets") if isinstance(business, dict) else None
    return [
        doc.problem(
            ("business", "markets", i),
            f"business.markets: {str(m).lower()} is not a country code; a tool may have "
            "turned NO (Norway) into false: write the code in quotes, e.g. 'NO'",
        )
        for i, m in enumerate(markets if isinstance(markets, list) else [])
        if isinstance(m, bool)
    ]


class _Written:
    """The ids of a file as written, for the catalogue checks, whether or not the rest of the
    file is valid. An id the model already refused (a wrong type, a bad pattern) is left to the
    model's message, so no mistake is reported twice."""

    def __init__(self, data: Any, invalid: set[Loc]) -> None:
        self.data, self.invalid = data, invalid

    def _refused(self, loc: Loc) -> bool:
        # refused at `loc` or inside it; an error on a whole list (repeats) leaves its items to check
        return any(bad[: len(loc)] == loc for bad in self.invalid)

    def _at(self, loc: Loc) -> Any:
        node = self.data
        for part in loc:
            listed = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            if not listed and not (isinstance(node, dict) and part in node):
                return None
            node = node[part]
        return node

    def one(self, *loc: str) -> str | None:
        """The id at `loc`, stripped as the model strips it; None when absent or refused."""
        value = self._at(loc)
        if not isinstance(value, str) or not value.strip() or self._refused(loc):
            return None
        return value.strip()

    def each(self, *loc: str) -> Iterator[tuple[int, str]]:
        """(index, id) for every text item of the list at `loc` the model did not refuse."""
        items = self._at(loc)
        for i, value in enumerate(items if isinstance(items, list) else []):
            if isinstance(value, str) and value.strip() and not self._refused((*loc, i)):
                yield i, value.strip()

    def keys(self, *loc: str) -> Iterator[str]:
        mapping = self._at(loc)
        for key in mapping if isinstance(mapping, dict) else {}:
            if isinstance(key, str) and not self._refused((*loc, key)):
                yield key


def _id_problems(req: _Written, doc: Document, catalog: Catalog) -> Iterator[Problem]:
    def unknown(loc: tuple[str | int, ...], what: str, value: str, valid: object) -> Problem:
        return doc.problem(loc, f"unknown {what} {value!r}" + suggest(value, valid))  # type: ignore[arg-type]

    currency = req.one("business", "currency")
    if currency is not None and currency not in catalog.rates.rates:
        yield unknown(("business", "currency"), "currency", currency, catalog.rates.rates)
    for i, code in req.each("business", "markets"):
        code = code.upper()  # as the model reads it: "se" is Sweden
        if code not in CODES:
            hint = f" (did you mean {HINTS[code]}?)" if code in HINTS else ""
            yield doc.problem(("business", "markets", i), f"{code!r} is not an ISO 3166-1 country code{hint}")
    industry = req.one("business", "industry")
    if industry is not None and industry not in catalog.industries:
        yield unknown(("business", "industry"), "industry", industry, catalog.industries)
    for i, mp in req.each("business", "marketplaces"):
        if mp not in catalog.connectors.marketplaces:
            yield unknown(("business", "marketplaces", i), "marketplace", mp, catalog.connectors.marketplaces)
    for kind in ("erp", "crm", "pim"):
        value = req.one("systems", kind)
        known = getattr(catalog.connectors, kind)
        if value is not None and value not in known:
            yield doc.problem(
                ("systems", kind),
                f"unknown {kind.upper()} {value!r}" + suggest(value, known) + "; use 'other' if yours is not listed",
            )
    for i, cap in req.each("must_have"):
        if cap not in catalog.capabilities:
            yield unknown(("must_have", i), "capability", cap, catalog.capabilities)
    for key in req.keys("priorities"):
        if key not in catalog.weight_targets:
            yield unknown(("priorities", key), "criterion or group", key, catalog.weight_targets)
    preset = req.one("preset")
    if preset is not None and preset not in catalog.presets:
        yield unknown(("preset",), "preset", preset, catalog.presets)
    for field in ("top_1", "top_3_includes", "not_top_5", "excluded"):
        for i, pid in req.each("expect", field):
            if pid not in catalog.platforms:
                yield unknown(("expect", field, i), "platform", pid, catalog.platforms)
