"""How `advisor score` writes what it scores: reports streamed file by file, the CI formats
once every file is checked, and a progress bar for long batches at a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .._safe_text import json_text
from . import _console
from ._options import ScoreFormat

if TYPE_CHECKING:
    from .._brief import Brief
    from .._catalog import Catalog
    from .._errors import Problem
    from .._scoring import Result

PROGRESS_FROM = 20  # files; fewer finish before a bar is worth drawing
STREAMED = (ScoreFormat.json, ScoreFormat.table, ScoreFormat.markdown)


@contextmanager
def sink(output: Path | None, enabled: bool) -> Iterator[Callable[[str], object]]:
    if not enabled:
        yield lambda text: None
    elif output is None:
        yield _console.write
    else:
        from .._files import atomic_writer

        with atomic_writer(output) as write:
            yield write


class Parts:
    """A streamed report, one result at a time; joined, the same text the whole-batch
    renderers give."""

    def __init__(
        self, catalog: Catalog, fmt: ScoreFormat, top: int | None, to_terminal: bool, lang: str = "en"
    ) -> None:
        self.catalog, self.fmt, self.top, self.to_terminal = catalog, fmt, top, to_terminal
        self.lang = lang  # for the table and markdown; JSON stays language-neutral

    def head(self) -> str:
        if self.fmt is ScoreFormat.json:
            import json

            meta = {"digest": self.catalog.digest, "platforms": len(self.catalog.platforms)}
            return '{"catalog":' + json.dumps(meta, separators=(",", ":")) + ',"results":['
        return ""

    def body(self, result: Result, index: int) -> str:
        from .._render.common import limit

        if self.fmt is ScoreFormat.json:
            import json

            from .._render import json as render_json

            text = json.dumps(
                render_json.result_payload(limit(result, self.top)),
                ensure_ascii=False,
                separators=(",", ":"),
                check_circular=False,
            )
            return ("," if index else "") + json_text(text)
        if self.fmt is ScoreFormat.markdown:
            from .._render import markdown

            return ("\n" if index else "") + markdown.render_result(
                limit(result, self.top or 10), self.catalog, self.lang
            )
        from .._render import table

        # to a terminal: the shared console (colour, width); to a file: plain text
        console = _console.out() if self.to_terminal else _console.plain()
        with console.capture() as capture:
            console.print(table.render_result(limit(result, self.top or 10), self.catalog, self.lang))
        return capture.get()

    def tail(self) -> str:
        return "]}\n" if self.fmt is ScoreFormat.json else ""


def render_ci(
    results: Sequence[Brief],
    catalog: Catalog,
    fmt: ScoreFormat,
    checks: dict[str, list[str]],
    expect_lines: dict[str, int | None],
    problems: Sequence[Problem] = (),
    files: Sequence[str] = (),
) -> str:
    """The CI formats, which need every file's checks first (JUnit counts failures up front);
    the other formats are streamed by `Parts`. GitHub's lines for invalid files are written
    before scoring, by `emit_github_problems`; JUnit holds them as errors among the files."""
    from .._render import ci

    if fmt is ScoreFormat.junit:
        return ci.junit(results, catalog, checks, problems, files)
    return ci.github(results, checks, expect_lines)


def write(text: str, output: Path | None) -> None:
    if output is None:
        _console.write(text)
        return
    from .._files import write_atomic

    write_atomic(output, text)


def emit_github_problems(problems: list[Problem]) -> None:
    """Invalid input as workflow commands, with file, line and column, to stdout."""
    from .._render import ci

    write(ci.github_problems(problems), None)


@contextmanager
def progress(total: int) -> Iterator[Callable[[], None]]:
    """A rich progress bar on stderr for long batches at a terminal; nothing otherwise."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(console=_console.err(), transient=True) as bar:
        task = bar.add_task("scoring", total=total)
        yield lambda: bar.advance(task)
