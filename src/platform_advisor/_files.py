"""Writing files so that a crash, a full disk or Ctrl-C never leaves a half-written file, and
no command replaces one of its own inputs.

Symlink policy: an output path that is a symbolic link is written *through*: the file it
points to is replaced atomically and the link stays a link (as `>` in a shell would). A
read-only output file is refused, not replaced behind its owner's back.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ._errors import InputError, IOFailure, Problem, UsageError

TEMP_SUFFIX = ".tmp"


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename it over `path` in one step."""
    with atomic_writer(path) as write:
        write(text)


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[Callable[[str], object]]:
    """Like `write_atomic`, for output produced in pieces (a batch of 10,000 files need not be
    held in memory): the pieces go to the temporary file, which replaces `path` only when the
    block ends without an error."""
    shown = path
    path = _through_links(path)
    directory = path.parent if str(path.parent) else Path()
    if not directory.is_dir():
        raise InputError([Problem(str(shown), None, None, f"directory {directory} does not exist")])
    if path.is_dir():
        raise InputError([Problem(str(shown), None, None, "is a directory, not a file")])
    if path.exists() and not path.is_file():
        # renaming over /dev/null or a FIFO would replace it: never do that
        raise InputError([Problem(str(shown), None, None, "is not a regular file; write to a file path")])
    # the mode bits as well as access(): root may write anything, but a file marked read-only
    # was marked so by someone, and is not ours to replace
    if path.exists() and (not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222):
        raise IOFailure([Problem(str(shown), None, None, "cannot write: the file is read-only")])
    try:
        fd, name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    except OSError as exc:
        raise IOFailure.of(exc, shown) from None
    tmp = Path(name)
    try:
        # mkstemp makes the file private; keep an existing file's mode, else follow the umask
        tmp.chmod(path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh.write
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise IOFailure.of(exc, shown) from None
        raise


def _through_links(path: Path) -> Path:
    """The file a chain of symlinks ends at (which may not exist yet); `path` itself otherwise."""
    if not path.is_symlink():
        return path
    try:
        return path.resolve(strict=False)
    except (OSError, RuntimeError):  # a symlink loop
        raise InputError([Problem(str(path), None, None, "is a symbolic link that loops")]) from None


def refuse_input_as_output(output: Path | None, inputs: Iterable[Path], option: str = "--output") -> None:
    """`score x.yaml --output x.yaml` would silently replace the requirements file: refuse."""
    if output is None:
        return
    target = _same_file_key(output)
    for path in inputs:
        if target is not None and _same_file_key(path) == target:
            raise UsageError(
                [
                    Problem(
                        str(output), None, None, f"{option} would replace the input file {path}; write to another file"
                    )
                ]
            )


def _same_file_key(path: Path) -> tuple[int, int] | str | None:
    """What identifies a file: device and inode when it exists (hard links, symlinks, `./`),
    else its resolved path."""
    try:
        st = path.stat()
        return (st.st_dev, st.st_ino)
    except OSError:
        try:
            return str(path.resolve(strict=False))
        except (OSError, RuntimeError):
            return None


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
