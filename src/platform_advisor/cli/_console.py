"""Where output goes: data to stdout, messages to stderr. Colour follows NO_COLOR and the terminal."""

from __future__ import annotations

import os
import sys
from functools import cache

from rich.console import Console


def _plain() -> bool:
    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"


@cache
def out() -> Console:
    return Console(no_color=_plain(), highlight=False, soft_wrap=False)


@cache
def err() -> Console:
    return Console(stderr=True, no_color=_plain(), highlight=False)


def write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def plain() -> Console:
    """For text written to a file: no colour, no terminal width."""
    return Console(no_color=True, highlight=False, width=120, force_terminal=False, color_system=None)
