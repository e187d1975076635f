"""Where output goes: data to stdout, messages to stderr. Colour follows NO_COLOR and the terminal."""

from __future__ import annotations

import os
import sys
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def _plain() -> bool:
    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"


@cache
def out() -> Console:
    from ._safe_console import SafeConsole  # rich is imported only for what it renders

    return SafeConsole(no_color=_plain(), highlight=False, soft_wrap=False)


@cache
def err() -> Console:
    from ._safe_console import SafeConsole

    return SafeConsole(stderr=True, no_color=_plain(), highlight=False)


def write(text: str) -> None:
    """Data to stdout; a stdout that cannot take it (a full disk, /dev/full, a file-size
    limit) is an I/O failure of its own, not an internal error."""
    from .._errors import IOFailure

    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise IOFailure.of(exc, "advisor: standard output") from None


def plain() -> Console:
    """For text written to a file: no colour, no terminal width."""
    from ._safe_console import SafeConsole

    return SafeConsole(no_color=True, highlight=False, width=120, force_terminal=False, color_system=None)
