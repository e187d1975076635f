"""The console every rich rendering goes through: file text cannot drive the terminal.

A module of its own so that importing rich (15-20 ms) is paid only by output that rich
renders; JSON and the other text formats go straight to stdout (`_console.write`).
"""

from __future__ import annotations

from collections.abc import Iterable

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
