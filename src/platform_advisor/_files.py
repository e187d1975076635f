"""Writing files so that a crash, a full disk or Ctrl-C never leaves a half-written file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from ._errors import InputError, Problem


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename it over `path` in one step."""
    directory = path.parent if str(path.parent) else Path()
    if not directory.is_dir():
        raise InputError([Problem(str(path), None, None, f"directory {directory} does not exist")])
    if path.is_dir():
        raise InputError([Problem(str(path), None, None, "is a directory, not a file")])
    if path.exists() and not path.is_file():
        # renaming over /dev/null or a FIFO would replace it: never do that
        raise InputError([Problem(str(path), None, None, "is not a regular file; write to a file path")])
    fd, name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        # mkstemp makes the file private; keep an existing file's mode, else follow the umask
        tmp.chmod(path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
