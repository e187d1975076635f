"""Mutation test for catalogue editing: break one thing in one real catalogue file and check
that `advisor catalog validate` names that file and the edited line.

Edits: a rating out of range, a rating of the wrong type, an unknown criterion id, an
invalid capability status, a negative price, and a removed required key.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from platform_advisor._locations import default_root

from .conftest import Run

ROOT = default_root()
PLATFORM_FILES = sorted((ROOT / "platforms").glob("*.yaml"))
RATING = re.compile(r"^(\s+)([a-z_0-9]+): \{value: (\d|unknown)")
STATUS = re.compile(r"^(\s+[a-z_0-9]+): \{status: ([a-z]+)")
PRICE = re.compile(r"^(\s+)(monthly_fee|implementation|yearly_running): \{low: ([0-9.]+)")


def _rename(criterion: str) -> Callable[[str], str]:
    return lambda t: t.replace(f"{criterion}:", "made_up_criterion:", 1)


def _edits(lines: list[str]) -> list[tuple[str, int, Callable[[str], str], str]]:
    """Every edit this file allows: (kind, 1-based line, edit, expected message fragment)."""
    out = []
    for i, text in enumerate(lines, start=1):
        if m := RATING.match(text):
            out.append(
                (
                    "out-of-range",
                    i,
                    lambda t: re.sub(r"value: (\d|unknown)", "value: 7", t, count=1),
                    "less than or equal to 5",
                )
            )
            out.append(("wrong-type", i, lambda t: re.sub(r"value: (\d|unknown)", "value: [3]", t, count=1), ".value"))
            out.append(
                (
                    "unknown-id",
                    i,
                    _rename(m.group(2)),
                    "unknown criterion 'made_up_criterion'",
                )
            )
        if STATUS.match(text):
            out.append(
                ("bad-status", i, lambda t: re.sub(r"status: [a-z]+", "status: sometimes", t, count=1), "status")
            )
        if PRICE.match(text):
            out.append(
                (
                    "negative-price",
                    i,
                    lambda t: re.sub(r"low: [0-9.]+", "low: -5", t, count=1),
                    "greater than or equal to 0",
                )
            )
        if text.startswith("vendor:"):
            # a missing key is reported where the document's mapping starts
            start = next(n for n, t in enumerate(lines, start=1) if t.strip() and not t.startswith("#"))
            out.append(("removed-key", start, lambda t: "", "missing required key 'vendor'"))
    return out


def _cases(n: int = 36, seed: int = 2026) -> list[tuple[Path, str, int, Callable[[str], str], str, int]]:
    rnd = random.Random(seed)
    cases = []
    for _ in range(n):
        path = rnd.choice(PLATFORM_FILES)
        lines = path.read_text(encoding="utf-8").splitlines()
        kind, line, edit, expected = rnd.choice(_edits(lines))
        source_line = (
            next(i for i, t in enumerate(lines, 1) if t.startswith("vendor:")) if kind == "removed-key" else line
        )
        cases.append((path, kind, line, edit, expected, source_line))
    # some kinds are one edit among hundreds per file (a removed key, a price): always include
    # one of each, so the draw cannot leave a kind out when the catalogue grows
    for wanted in ("out-of-range", "wrong-type", "unknown-id", "bad-status", "negative-price", "removed-key"):
        path = rnd.choice([p for p in PLATFORM_FILES if any(k == wanted for k, *_ in _edits(_lines(p)))])
        lines = _lines(path)
        _, line, edit, expected = rnd.choice([(k, ln, e, x) for k, ln, e, x in _edits(lines) if k == wanted])
        source_line = (
            next(i for i, t in enumerate(lines, 1) if t.startswith("vendor:")) if wanted == "removed-key" else line
        )
        cases.append((path, wanted, line, edit, expected, source_line))
    return cases


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


CASES = _cases()


@pytest.mark.parametrize(
    ("path", "kind", "line", "edit", "expected", "source_line"),
    CASES,
    ids=[f"{c[0].stem}-{c[1]}-{c[5]}" for c in CASES],
)
def test_single_edit_is_reported_at_its_line(
    run: Callable[..., Run],
    tmp_path: Path,
    path: Path,
    kind: str,
    line: int,
    edit: Callable[[str], str],
    expected: str,
    source_line: int,
) -> None:
    # the real criteria and the one real platform file being edited: every platform file
    # validates on its own, and the other 45 would only make each case four times slower.
    # The criteria are read through a link: nothing here writes to them.
    root = tmp_path / "catalog"
    root.mkdir()
    (root / "criteria").symlink_to(ROOT / "criteria", target_is_directory=True)
    target = root / "platforms" / path.name
    target.parent.mkdir()
    shutil.copyfile(path, target)
    lines = target.read_text(encoding="utf-8").splitlines()
    lines[source_line - 1] = edit(lines[source_line - 1])
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")

    r = run("catalog", "validate", "--catalog", root)
    assert r.code == 2, r.err
    assert "Traceback" not in r.err
    located = [e for e in r.err.splitlines() if e.startswith(f"{target}:{line}:")]
    assert located, f"no message at {target.name}:{line} for {kind}:\n{r.err}"
    assert any(expected in e for e in located), r.err
    assert all(e.startswith(str(target)) for e in r.err.splitlines()), "only the edited file is blamed"


def test_the_mutations_cover_every_kind() -> None:
    assert {c[1] for c in CASES} >= {
        "out-of-range",
        "wrong-type",
        "unknown-id",
        "bad-status",
        "negative-price",
        "removed-key",
    }
