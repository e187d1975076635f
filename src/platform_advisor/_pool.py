"""A long batch scored on every core: workers forked once the catalogue and the files are
loaded, each scoring a file and rendering its report; the parent writes the reports in the
order given, as a serial run would.

A worker sends back the report's text and the file's brief, a few tens of KB: pickling whole
results (100-200 KB of objects each) cost more than the second core saved. Forking shares the
loaded catalogue and files instead of pickling them, so this runs only where fork exists
(Linux, macOS), only when the advisor owns the process (a library caller's or a test's
process is not ours to fork) and only for batches long enough to repay starting the workers.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._batch import Loaded
    from ._brief import Brief
    from ._catalog import Catalog
    from ._scoring import Result

MIN_FILES = 50  # fewer are scored before two workers would have started and warmed up

Render = Callable[["Result", int], str]

# What the workers score, set before they are forked: inherited, never pickled.
_job: tuple[Catalog, list[Loaded], Render] | None = None


def workers_for(files: int, allowed: bool) -> int:
    """How many processes score `files` files: 1 (in this one) unless it is worth more."""
    if not allowed or files < MIN_FILES or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return os.cpu_count() or 1


def _start() -> None:
    # Ctrl-C reaches the whole process group and a stopped pool sends SIGTERM: both are the
    # parent's to report (exit 130, 143); a worker raising its own would print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


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
    _job = (catalog, loaded, render)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # a worker flushes them when it ends: nothing pending may be copied
            stream.flush()
    # a few files per message: fewer round trips, and a worker that finds a slow file does not
    # hold the others' reports back for long
    chunk = max(1, min(16, len(loaded) // (8 * workers)))
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_start) as pool:
            yield pool.imap(_one, range(len(loaded)), chunksize=chunk)
    finally:
        _job = None
        loaded.clear()
