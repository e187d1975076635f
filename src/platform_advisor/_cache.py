"""A cache of the validated catalogue in the user's cache directory, keyed by content.

Parsing and validating ~50 YAML files costs about 0.12 s on every run; unpickling the result
costs about 0.01 s. The key covers every file's bytes, the catalogue's location, the advisor's
version, a fingerprint of its code and Python's version, so neither an edit nor an upgrade
(a new check would otherwise be skipped by a stale "ok") meets a stale entry. A pickle runs
code when loaded, so an entry is used only when it is ours and no one else can write it;
anything odd (corrupt, foreign, unreadable) is ignored and rebuilt. A cache directory that
cannot be used (say root-owned, left by an earlier `sudo advisor`) is skipped without a word;
`--debug` says why. ADVISOR_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

from ._version import __version__

KEEP = 8  # entries; older ones are pruned when a new one is written
STALE_TEMP_SECONDS = 600  # a temp file this old is left by a run that was killed mid-write

notes: list[str] = []  # why the cache was not used, for --debug


def _note(folder: Path, exc: OSError) -> None:
    notes.append(f"{folder}: catalogue cache not used: {exc.strerror or exc}")


def directory() -> Path | None:
    if os.environ.get("ADVISOR_NO_CACHE", "") not in ("", "0"):
        return None
    if explicit := os.environ.get("ADVISOR_CACHE_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "platform-advisor"


def key(digest: str, root: Path) -> str:
    parts = f"{digest}\0{root.resolve()}\0{__version__}\0{code_fingerprint()}\0{sys.version}"
    return hashlib.sha256(parts.encode()).hexdigest()[:32]


_FINGERPRINT: list[str] = []


def code_fingerprint() -> str:
    """Name, size and modification time of every module of the package: any install, upgrade
    or edit of the code changes it. Stat, not a hash of the bytes: the walk costs about a millisecond,
    where reading and hashing the sources would cost several, on every run."""
    if not _FINGERPRINT:
        hasher = hashlib.sha256()
        pending = [str(Path(__file__).resolve().parent)]
        while pending:  # os.scandir, not Path.rglob: a quarter of the time, on every run
            with os.scandir(pending.pop()) as found:
                for entry in sorted(found, key=lambda e: e.name):
                    if entry.is_dir(follow_symlinks=False) and entry.name not in ("__pycache__", "_data"):
                        pending.append(entry.path)
                    elif entry.name.endswith(".py"):
                        st = entry.stat()
                        hasher.update(f"{entry.name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
        _FINGERPRINT.append(hasher.hexdigest()[:16])
    return _FINGERPRINT[0]


def _safe(path: Path) -> bool:
    """Ours, a regular file, and not writable by group or others (nor its directory)."""
    try:
        st, dst = path.stat(), path.parent.stat()
    except OSError:
        return False
    mine = os.getuid()
    private = not (st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)) and not (dst.st_mode & (stat.S_IWGRP | stat.S_IWOTH))
    return stat.S_ISREG(st.st_mode) and st.st_uid == mine and dst.st_uid == mine and private


def get(name: str) -> Any | None:
    folder = directory()
    if folder is None:
        return None
    path = folder / f"catalog-{name}.pickle"
    try:
        if not path.exists() or not _safe(path):
            return None
    except OSError as exc:  # Path.exists() raises on a directory we may not enter
        _note(folder, exc)
        return None
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # a corrupt or incompatible entry is just a miss
        return None


def put(name: str, value: Any) -> None:
    folder = directory()
    if folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        _remove_stale_temps(folder)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".catalog-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        Path(tmp).replace(folder / f"catalog-{name}.pickle")
        entries = sorted(folder.glob("catalog-*.pickle"), key=_mtime, reverse=True)
        for old in entries[KEEP:]:
            with contextlib.suppress(OSError):
                old.unlink()
    except OSError as exc:  # a read-only home or a full disk must not break the command
        _note(folder, exc)
        with contextlib.suppress(OSError, UnboundLocalError):
            Path(tmp).unlink()


def _mtime(path: Path) -> float:
    """An entry's age for pruning; one that another process pruned after the glob saw it
    counts as oldest (its unlink is then a no-op), instead of failing the put as an OSError."""
    try:
        return path.stat().st_mtime
    except OSError:
        return float("-inf")


def _remove_stale_temps(folder: Path) -> None:
    """A run killed while writing an entry leaves its temp file; the next cold run clears
    what is old enough not to be another process's write in progress."""
    import time

    cutoff = time.time() - STALE_TEMP_SECONDS
    for tmp in folder.glob(".catalog-*.tmp"):
        with contextlib.suppress(OSError):
            if tmp.lstat().st_mtime < cutoff:
                tmp.unlink()
