"""A cache of the validated catalogue in the user's cache directory, keyed by content.

Parsing and validating ~50 YAML files costs about 0.12 s on every run; unpickling the result
costs about 0.01 s. The key covers every file's bytes, the catalogue's location, the advisor's
version and Python's, so an edit never meets a stale entry. A pickle runs code when loaded, so
an entry is used only when it is ours and no one else can write it; anything odd (corrupt,
foreign, unreadable) is ignored and rebuilt. ADVISOR_NO_CACHE=1 turns it off.
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


def directory() -> Path | None:
    if os.environ.get("ADVISOR_NO_CACHE", "") not in ("", "0"):
        return None
    if explicit := os.environ.get("ADVISOR_CACHE_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "platform-advisor"


def key(digest: str, root: Path) -> str:
    parts = f"{digest}\0{root.resolve()}\0{__version__}\0{sys.version}"
    return hashlib.sha256(parts.encode()).hexdigest()[:32]


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
    if not path.exists() or not _safe(path):
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
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".catalog-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        Path(tmp).replace(folder / f"catalog-{name}.pickle")
        entries = sorted(folder.glob("catalog-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            with contextlib.suppress(OSError):
                old.unlink()
    except OSError:  # a read-only home or a full disk must not break the command
        with contextlib.suppress(OSError, UnboundLocalError):
            Path(tmp).unlink()
