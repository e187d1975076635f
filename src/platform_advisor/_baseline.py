"""Snapshot comparison: did a catalogue edit change the top 3 for any known client file?

A baseline has the shape of `advisor score --format json` output (that output works as one),
trimmed to what is compared, so a committed baseline stays small and its diffs readable.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._errors import InputError, Problem
from ._yaml import read_text

if TYPE_CHECKING:
    from ._brief import Scored

TOP = 3


MAX_DEPTH = 64  # a baseline is four levels deep; anything far deeper is not one
# A saved file is a few objects and lists (its entry, its ranking, that ranking's entries): 100,000
# is tens of thousands of files. json builds every value it reads, unlike the YAML reader it has
# no count of its own, so 2 MiB of `{},` would otherwise become 700,000 dicts (about 50 MiB).
MAX_CONTAINERS = 100_000


def _number(text: str) -> float:
    if len(text) > 400:  # past any real score, and int() refuses 4,300 digits with no position
        raise ValueError(f"number of {len(text):,} characters")
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"number {text[:20]} is out of range")
    return value


def _refuse_constant(text: str) -> float:
    raise ValueError(f"{text} is not a number JSON allows")


def entries(path: Path) -> list[dict[str, Any]]:
    """The saved entries of a score JSON (each with `file`, `name`, `ranking`), as written."""
    text = read_text(path, str(path))
    skeleton = _NOT_BRACKETS.sub("", text)
    if _depth(skeleton) > MAX_DEPTH:
        raise InputError([Problem(str(path), 1, 1, f"nesting deeper than {MAX_DEPTH} levels; not a baseline")])
    if skeleton.count("{") + skeleton.count("[") > MAX_CONTAINERS:
        raise InputError([Problem(str(path), 1, 1, f"more than {MAX_CONTAINERS:,} objects and lists; not a baseline")])
    try:
        data: Any = json.loads(text, parse_int=_number, parse_float=_number, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(str(path), exc.lineno, exc.colno, f"not valid JSON: {exc.msg}")]) from None
    except (ValueError, RecursionError) as exc:
        raise InputError([Problem(str(path), 1, 1, f"not a baseline: {exc}")]) from None
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list):
        raise InputError(
            [Problem(str(path), 1, 1, "not a baseline: expected the JSON of `advisor score --format json`")]
        )
    return [
        e
        for e in results
        if isinstance(e, dict) and isinstance(e.get("file"), str) and isinstance(e.get("ranking"), list)
    ]


def _depth(skeleton: str) -> int:
    """How deep brackets nest in the text's brackets alone (strings taken out), counted before
    parsing: json recurses once per level."""
    depth = deepest = 0
    for char in skeleton:
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    break  # deep enough to refuse: the rest need not be read
        elif char in "]}":
            depth -= 1
    return deepest


_NOT_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[^\[\]{}"]+')


def load(path: Path) -> dict[str, list[str]]:
    """file -> top-3 platform ids, from a saved score JSON."""
    return tops(entries(path))


def tops(saved: list[dict[str, Any]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for entry in saved:
        out[entry["file"]] = [str(r.get("platform")) for r in entry["ranking"][:TOP] if isinstance(r, dict)]
    return out


def compare(results: Sequence[Scored], baseline: dict[str, list[str]]) -> dict[str, str]:
    """file -> a readable description of how its top 3 changed (only changed files)."""
    changes: dict[str, str] = {}
    for r in results:
        now = [x.platform for x in r.ranking[:TOP]]
        before = baseline.get(r.file)
        if before is None or before == now:
            continue
        parts = []
        for i, pid in enumerate(now, start=1):
            if pid not in before:
                parts.append(f"{pid} new at #{i}")
            elif before.index(pid) + 1 != i:
                parts.append(f"{pid} #{before.index(pid) + 1} -> #{i}")
        parts += [f"{pid} dropped from #{before.index(pid) + 1}" for pid in before if pid not in now]
        changes[r.file] = (
            f"top {TOP} was {', '.join(before) or 'empty'}; now {', '.join(now) or 'empty'} ({'; '.join(parts)})"
        )
    return changes


def missing(results: Sequence[Scored], baseline: dict[str, list[str]]) -> list[str]:
    return [r.file for r in results if r.file not in baseline]


def render(results: Sequence[Scored], digest: str, kept: Sequence[dict[str, Any]] = ()) -> str:
    """The baseline for `results`, plus `kept`: saved entries of files this run did not score
    (a run over a subset must not silently drop the others' snapshots)."""
    fresh = [
        {
            "file": r.file,
            "name": r.name,
            "ranking": [{"rank": x.rank, "platform": x.platform, "score": x.score} for x in r.ranking[:TOP]],
        }
        for r in results
    ]
    data = {"catalog": {"digest": digest}, "results": [*fresh, *kept]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
