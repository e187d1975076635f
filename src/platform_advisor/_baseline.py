"""Snapshot comparison: did a catalogue edit change the top 3 for any known client file?

A baseline has the shape of `advisor score --format json` output (that output works as one),
trimmed to what is compared, so a committed baseline stays small and its diffs readable.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ._errors import InputError, Problem
from ._scoring import Result
from ._yaml import read_text

TOP = 3


def load(path: Path) -> dict[str, list[str]]:
    """file -> top-3 platform ids, from a saved score JSON."""
    text = read_text(path, str(path))
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(str(path), exc.lineno, exc.colno, f"not valid JSON: {exc.msg}")]) from None
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list):
        raise InputError(
            [Problem(str(path), 1, 1, "not a baseline: expected the JSON of `advisor score --format json`")]
        )
    out: dict[str, list[str]] = {}
    for entry in results:
        if isinstance(entry, dict) and isinstance(entry.get("file"), str) and isinstance(entry.get("ranking"), list):
            out[entry["file"]] = [str(r.get("platform")) for r in entry["ranking"][:TOP] if isinstance(r, dict)]
    return out


def compare(results: list[Result], baseline: dict[str, list[str]]) -> dict[str, str]:
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


def missing(results: list[Result], baseline: dict[str, list[str]]) -> list[str]:
    return [r.file for r in results if r.file not in baseline]


def render(results: list[Result], digest: str) -> str:
    data = {
        "catalog": {"digest": digest},
        "results": [
            {
                "file": r.file,
                "name": r.name,
                "ranking": [{"rank": x.rank, "platform": x.platform, "score": x.score} for x in r.ranking[:TOP]],
            }
            for r in results
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
