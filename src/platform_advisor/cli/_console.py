"""Where output goes: data to stdout, messages to stderr. Colour follows NO_COLOR and the terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from functools import cache

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

from .._safe_text import terminal


class SafeConsole(Console):
    """A console that shows control and bidi characters from file text as escapes.

    rich escapes its own markup but passes ESC through, so a platform name could retitle or
    clear the terminal. Every renderable, however nested (a table cell is rendered through
    here too), ends as segments; rich's own styling is added after this, when segments are
    written, so sanitising their text cannot touch it.
    """

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            text = segment.text
            if segment.control or (text.isprintable() and text.isascii()):
                yield segment
            else:
                yield Segment(terminal(text), segment.style, segment.control)


def _plain() -> bool:
    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"


@cache
def out() -> Console:
    return SafeConsole(no_color=_plain(), highlight=False, soft_wrap=False)


@cache
def err() -> Console:
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
    return SafeConsole(no_color=True, highlight=False, width=120, force_terminal=False, color_system=None)
