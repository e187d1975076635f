"""A long batch read and scored on every core: workers forked once the catalogue is loaded
read and validate the files, then workers forked once they are all loaded score a file each
and render its report; the parent keeps the files' order, and writes the reports in it, as a
serial run would.

A worker sends back the report's text and the file's brief, a few tens of KB: pickling whole
results (100-200 KB of objects each) cost more than the second core saved. Forking shares the
loaded catalogue and files instead of pickling them, so this runs only where fork exists
(Linux, macOS), only when the advisor owns the process (a library caller's or a test's
process is not ours to fork) and only for batches long enough to repay starting the workers.
"""

from __future__ import annotations

import gc
import itertools
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.pool import Pool
    from pathlib import Path

    from ._batch import Loaded
    from ._brief import Brief
    from ._catalog import Catalog
    from ._errors import Problem
    from ._scoring import Result

# Fewer are not worth it: on 2 cores, 55 files took 4% less time for 25% more CPU (each worker
# starts cold and copies the pages it touches), 100 files 16% less time for 20% more CPU.
MIN_FILES = 100

Render = Callable[["Result", int], str]

# What the workers read or score, set before they are forked: inherited, never pickled.
_job: tuple[Catalog, list[Loaded], Render] | None = None
_reading: tuple[Catalog, list[tuple[Path, str]]] | None = None


def workers_for(files: int, allowed: bool) -> int:
    """How many processes score `files` files: 1 (in this one) unless it is worth more."""
    if not allowed or files < MIN_FILES:
        return 1
    import multiprocessing  # 5 ms: not for the short runs

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return os.cpu_count() or 1


def _start() -> None:
    # Ctrl-C reaches the whole process group and a stopped pool sends SIGTERM: both are the
    # parent's to report (exit 130, 143); a worker raising its own would print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # The parent pauses the collector while it holds the batch; a worker inherits that, and
    # the few cycles each scored file leaves would pile up in it for good. Frozen, what it
    # inherited is never scanned (nor copied by a scan); only its own garbage is collected.
    gc.freeze()
    gc.enable()


def _forked(workers: int) -> Pool:
    import multiprocessing

    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # a worker flushes them when it ends: nothing pending may be copied
            stream.flush()
    return multiprocessing.get_context("fork").Pool(workers, initializer=_start)


def _chunk(items: int, workers: int) -> int:
    # a few items per message: fewer round trips, and a worker that finds a slow file does not
    # hold the others back for long
    return max(1, min(16, items // (8 * workers)))


def read_each(catalog: Catalog, files: list[tuple[Path, str]], workers: int) -> Iterator[Loaded | list[Problem]] | None:
    """Each (path, name) read and validated, in order, in `workers` processes; None when that
    is not worth it, or when standard input is among them (only this process can read it)."""
    if workers <= 1 or len(files) < MIN_FILES or any(str(path) == "-" for path, _ in files):
        return None
    return _read_forked(catalog, files, workers)


def _read_forked(catalog: Catalog, files: list[tuple[Path, str]], workers: int) -> Iterator[Loaded | list[Problem]]:
    global _reading
    _reading = (catalog, files)
    try:
        with _forked(workers) as pool:
            yield from pool.imap(_read_one, range(len(files)), chunksize=_chunk(len(files), workers))
    finally:
        _reading = None


def _read_one(index: int) -> Loaded | list[Problem]:
    from ._batch import read_one

    assert _reading is not None
    catalog, files = _reading
    return read_one(*files[index], catalog)


def _one(index: int) -> tuple[str, Brief]:
    from ._brief import Brief
    from ._scoring import score

    assert _job is not None
    catalog, loaded, render = _job
    item = loaded[index]
    result = score(item.requirements, catalog, item.name)
    return render(result, index), Brief.of(result)


def _serial(catalog: Catalog, loaded: list[Loaded], render: Render) -> Iterator[tuple[str, Brief]]:
    """File by file, keeping nothing: a full result holds every platform's contributions and
    the knock-outs (100-200 KB), so 10,000 results held at once took 1.1-1.9 GB; the caller
    keeps the brief and writes the report piece by piece."""
    from ._brief import Brief
    from ._scoring import score

    loaded.reverse()  # popped from the end, in the order given: each file is dropped once scored
    index = 0
    while loaded:
        item = loaded.pop()
        result = score(item.requirements, catalog, item.name)
        yield render(result, index), Brief.of(result)
        del result, item
        index += 1


@contextmanager
def scored(
    catalog: Catalog, loaded: list[Loaded], render: Render, workers: int
) -> Iterator[Iterator[tuple[str, Brief]]]:
    """Each file's (report text, brief), in the order of `loaded`, which is consumed.

    Enter it before opening anything that buffers output (the report file, a progress bar's
    thread): the workers are forked on entry."""
    global _job
    if workers <= 1:
        yield _serial(catalog, loaded, render)
        return
    from ._brief import Brief
    from ._scoring import score

    # The first file here, before forking: the workers inherit the modules its scoring and
    # report imported and the tables they built, instead of each working them out again.
    item = loaded[0]
    result = score(item.requirements, catalog, item.name)
    first = (render(result, 0), Brief.of(result))
    del result, item
    _job = (catalog, loaded, render)
    try:
        with _forked(workers) as pool:
            rest = pool.imap(_one, range(1, len(loaded)), chunksize=_chunk(len(loaded), workers))
            yield itertools.chain([first], rest)
    finally:
        _job = None
        loaded.clear()
