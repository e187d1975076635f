"""A batch of requirements files for `advisor score`: read them all (`_pool` scores them),
judge the results against the CI thresholds and a baseline. No printing: the command says
and renders what this returns."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._brief import Brief
    from ._catalog import Catalog
    from ._errors import Problem
    from ._models import Requirements
    from ._thresholds import Thresholds
    from ._yaml import Document


@dataclass(frozen=True)
class Loaded:
    """A valid file, waiting to be scored."""

    name: str  # as reports show it
    requirements: Requirements
    expect_line: int | None  # where its `expect` block starts, for a CI annotation


@dataclass
class Batch:
    """The files of one `advisor score` run, read and validated."""

    files: list[str]  # every file's name, in the order given
    loaded: list[Loaded]  # the valid ones; consumed by `score_each`
    problems: list[Problem]  # of all the invalid ones together, so one run shows them all


def read_all(
    paths: Sequence[Path], load_catalog: Callable[[], Catalog], workers: int = 1
) -> tuple[Catalog | None, Batch]:
    """Every file, validated; an invalid one adds its problems and leaves the others scored.

    The catalogue (and with it the models) is loaded at the first file that parses: refusing
    a hostile or broken file then costs its parse, not 60-90 ms of catalogue and imports. No
    catalogue comes back when no file parsed. With `workers`, the files after that one may be
    read in that many processes (`_pool.read_each`); the batch is the same."""
    from ._errors import InputError
    from ._pool import read_each
    from ._requirements import display_name, read_document

    batch = Batch([display_name(p) for p in paths], [], [])
    catalog: Catalog | None = None
    for i, (path, name) in enumerate(zip(paths, batch.files, strict=True)):
        if catalog is not None:
            _take(batch, read_one(path, name, catalog))
            continue
        try:
            doc = read_document(path, name)
        except InputError as exc:
            batch.problems.extend(exc.problems)
            continue
        catalog = load_catalog()  # outside the try: a broken catalogue is not this file's problem
        _take(batch, _check_one(doc, name, catalog))
        read = read_each(catalog, list(zip(paths[i + 1 :], batch.files[i + 1 :], strict=True)), workers)
        if read is not None:
            for found in read:
                _take(batch, found)
            break
    return catalog, batch


def read_one(path: Path, name: str, catalog: Catalog) -> Loaded | list[Problem]:
    """One file read and validated against the catalogue, or what is wrong with it."""
    from ._errors import InputError
    from ._requirements import read_document

    try:
        doc = read_document(path, name)
    except InputError as exc:
        return exc.problems
    return _check_one(doc, name, catalog)


def _check_one(doc: Document, name: str, catalog: Catalog) -> Loaded | list[Problem]:
    """A parsed file validated against the catalogue, or what is wrong with it."""
    from ._errors import InputError
    from ._requirements import check

    try:
        req = check(doc, catalog)
    except InputError as exc:
        return exc.problems
    return Loaded(name, req, doc.locate(("expect",))[0] if req.expect else None)


def _take(batch: Batch, found: Loaded | list[Problem]) -> None:
    if isinstance(found, Loaded):
        batch.loaded.append(found)
    else:
        batch.problems.extend(found)


@contextmanager
def collector_paused() -> Iterator[None]:
    """A batch keeps every validated file until it is scored, and the cyclic garbage collector
    would rescan that growing heap over and over while finding almost nothing to free (a file
    leaves a few parser cycles behind): 0.7 s of 3.3 s for 1,000 files.

    In the advisor's own process the collector is off for the whole run (`cli.run`), so this
    pauses it for a caller of `main()` (a test, a library user) only, and resumes it as it was
    (a full pass over the batch then, but a caller's objects are not ours to freeze)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class Verdict:
    """What the CI checks found across a batch."""

    checks: dict[str, list[str]]  # per file, the thresholds and baseline moves it fails
    not_in_baseline: list[str] = field(default_factory=list)  # new files: news, not failures


def judge(results: Sequence[Brief], thresholds: Thresholds, saved: list[dict[str, Any]] | None) -> Verdict:
    """The CI checks over the scored files; `saved` is the baseline to compare against, if any."""
    verdict = Verdict(thresholds.failures(results))
    if saved is not None:
        from ._baseline import compare, missing, tops

        for file, text in compare(results, tops(saved)).items():
            verdict.checks.setdefault(file, []).append(f"baseline: {text}")
        verdict.not_in_baseline = missing(results, tops(saved))
    return verdict


def update_baseline(path: Path, results: Sequence[Brief], digest: str, saved: list[dict[str, Any]] | None) -> int:
    """Write the results into the baseline at `path`, keeping the saved entries of files not
    scored now; how many were kept."""
    from ._baseline import render
    from ._files import write_atomic

    scored = {r.file for r in results}
    kept = [e for e in saved or [] if e["file"] not in scored]
    write_atomic(path, render(results, digest, kept))
    return len(kept)
