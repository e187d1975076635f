"""`advisor score`: rank platforms for one or more requirements files, for people and for CI."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .._errors import ExitCode
from .._safe_text import json_text
from . import _console, owns_process, say
from ._options import PIPED, CatalogOpt, LangOpt, ScoreFormat, default_format, lang_of

if TYPE_CHECKING:
    from .._brief import Brief
    from .._catalog import Catalog
    from .._errors import Problem
    from .._models import Requirements
    from .._scoring import Result

SUMMARY_LIMIT = 900_000  # GitHub caps a step summary at 1 MiB
PROGRESS_FROM = 20  # files; fewer finish before a bar is worth drawing


def score_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE", help="Requirements files (YAML, version 1); - reads one from stdin.", show_default=False
        ),
    ],
    fmt: Annotated[
        ScoreFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            show_default=False,
            help=f"table, json, markdown, junit (JUnit XML) or github (workflow commands). {PIPED}",
        ),
    ] = None,
    top: Annotated[
        int | None,
        typer.Option(
            "--top",
            "-n",
            min=1,
            metavar="N",
            show_default=False,
            help="Show only the N best-ranked platforms (at least 1).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            dir_okay=False,
            metavar="FILE",
            show_default=False,
            help="Write the report to FILE (atomically) instead of stdout.",
        ),
    ] = None,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            min=0,
            max=100,
            metavar="SCORE",
            show_default=False,
            help="Fail (exit 1) when a file's top platform scores below SCORE (0 to 100).",
        ),
    ] = None,
    min_margin: Annotated[
        float | None,
        typer.Option(
            "--min-margin",
            min=0,
            max=100,
            metavar="POINTS",
            show_default=False,
            help="Fail when #1 leads #2 by fewer than POINTS (0 to 100).",
        ),
    ] = None,
    fail_on_unknown: Annotated[
        float | None,
        typer.Option(
            "--fail-on-unknown",
            min=0,
            max=1,
            metavar="COVERAGE",
            show_default=False,
            help="Fail when a top-3 platform's coverage is below COVERAGE (a share, 0 to 1).",
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            dir_okay=False,
            metavar="FILE",
            show_default=False,
            help="Fail when a file's top 3 differs from the saved score JSON in FILE.",
        ),
    ] = None,
    update_baseline: Annotated[
        bool,
        typer.Option(
            "--update-baseline",
            help="Write the current results into --baseline FILE; entries of files not scored now are kept.",
        ),
    ] = False,
    prune: Annotated[
        bool, typer.Option("--prune", help="With --update-baseline: drop entries of files not scored now.")
    ] = False,
    lang: LangOpt = None,
    catalog_dir: CatalogOpt = None,
) -> None:
    """Rank every platform in the catalogue for each requirements file.

    JSON when piped or redirected, a table on a terminal. Exit codes: 0 all good, 1 an `expect`
    assertion or a threshold failed or the top 3 moved against --baseline, 2 invalid input, 74
    an output could not be written. With $GITHUB_STEP_SUMMARY set, a Markdown summary is
    appended to it.
    """
    from .._errors import InputError, Problem, UsageError
    from .._files import refuse_input_as_output
    from .._thresholds import Thresholds

    fmt = default_format(fmt, ScoreFormat)
    if update_baseline and baseline is None:
        raise UsageError([Problem("advisor score", None, None, "--update-baseline needs --baseline FILE")])
    if prune and not update_baseline:
        raise UsageError([Problem("advisor score", None, None, "--prune goes with --update-baseline")])
    if sum(str(f) == "-" for f in files) > 1:
        raise UsageError([Problem("advisor score", None, None, "- (standard input) can be read only once")])
    named = [f for f in files if str(f) != "-"]
    refuse_input_as_output(output, [*named, *([baseline] if baseline else [])])
    refuse_input_as_output(baseline if update_baseline else None, named, "--baseline")
    with _collector_paused(owns_process()):
        catalog, loaded, problems = _read_all(files, catalog_dir)
        # The good files are still scored and written; the bad ones' problems end the run
        # with exit 2. A JUnit report holds only the problems until it has one envelope for both.
        if catalog is None or (problems and (not loaded or fmt is ScoreFormat.junit)):
            _emit_problems(problems, fmt, output)
            raise InputError(problems)
        if problems and fmt is ScoreFormat.github:
            _emit_problems(problems, fmt, output)
        saved = None
        # compared against, or merged into (a first --update-baseline has nothing to merge)
        if baseline is not None and not (update_baseline and (prune or not baseline.exists())):
            from .._baseline import entries

            saved = entries(baseline)
        # a report streamed to the terminal shows its own progress; a bar would garble it
        streams_here = output is None and fmt in STREAMED and sys.stdout.isatty()
        expect_lines = {name: line for name, _, line in loaded}
        with _progress(0 if streams_here else len(loaded)) as advance:
            results = _score_and_stream(catalog, loaded, fmt, top, output, advance, lang_of(lang))

        checks = Thresholds(fail_under, min_margin, fail_on_unknown).failures(results)
        if saved is not None and not update_baseline:
            from .._baseline import compare, missing, tops

            for file, text in compare(results, tops(saved)).items():
                checks.setdefault(file, []).append(f"baseline: {text}")
            for file in missing(results, tops(saved)):  # new clients are news, not failures
                say(f"{file}: not in {baseline}; add it with --update-baseline")
        if fmt in (ScoreFormat.junit, ScoreFormat.github):
            _write(_render_ci(results, catalog, fmt, checks, expect_lines), output)
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        _append_summary(Path(os.environ["GITHUB_STEP_SUMMARY"]), results, checks)
    if update_baseline and baseline is not None:
        if problems:  # an invalid file's entry would be kept stale, or pruned, without a word
            say(f"{baseline}: not updated, {len(files) - len(results)} of {len(files)} files are invalid")
        else:
            _update_baseline(baseline, results, catalog.digest, saved)
    failed = [r for r in results if not r.expectations.passed or checks.get(r.file)]
    if fmt not in (ScoreFormat.junit, ScoreFormat.github):
        for r in failed:
            for text in checks.get(r.file, []):
                say(f"{r.file}: {text}")
    if problems:
        raise InputError(problems)
    if failed:
        raise typer.Exit(ExitCode.CHECK_FAILED)


def _update_baseline(path: Path, results: list[Brief], digest: str, saved: list[dict[str, Any]] | None) -> None:
    from .._baseline import render as render_baseline
    from .._files import write_atomic

    scored = {r.file for r in results}
    kept = [e for e in saved or [] if e["file"] not in scored]
    write_atomic(path, render_baseline(results, digest, kept))
    note = f"; kept {len(kept)} entries of files not scored now (--prune drops them)" if kept else ""
    say(f"{path}: baseline updated for {len(results)} files{note}")


def _read_all(
    files: list[Path], catalog_dir: Path | None
) -> tuple[Catalog | None, list[tuple[str, Requirements, int | None]], list[Problem]]:
    """Every file, validated; the problems of all invalid files together, so one run shows them all.

    The catalogue (and with it the models) is loaded at the first file that parses: refusing
    a hostile or broken file then costs its parse, not 60-90 ms of catalogue and imports."""
    from .._errors import InputError
    from .._requirements import check, display_name, read_document

    problems: list[Problem] = []
    loaded = []
    catalog = None
    for path in files:
        try:
            doc = read_document(path, display_name(path))
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if catalog is None:  # outside the try: a broken catalogue is not this file's problem
            from .._catalog import load_catalog

            catalog = load_catalog(catalog_dir)
        try:
            req = check(doc, catalog)
            loaded.append((display_name(path), req, doc.locate(("expect",))[0] if req.expect else None))
        except InputError as exc:
            problems.extend(exc.problems)
    return catalog, loaded, problems


@contextmanager
def _collector_paused(freeze: bool) -> Iterator[None]:
    """A batch keeps every validated file until it is scored, and the cyclic garbage collector
    would rescan that growing heap over and over while finding almost nothing to free (a file
    leaves a few parser cycles behind): 0.7 s of 3.3 s for 1,000 files."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Merely re-enabled, the collector would at once make a full pass over all the
            # batch built (0.1 s for 1,000 files); frozen, those objects are left out of it.
            # Only when the advisor owns the process: frozen objects stay out of collection for
            # good, and a library caller's objects are not ours to pin.
            if freeze:
                gc.freeze()
            gc.enable()


STREAMED = (ScoreFormat.json, ScoreFormat.table, ScoreFormat.markdown)


def _score_and_stream(
    catalog: Catalog,
    loaded: list[tuple[str, Requirements, int | None]],
    fmt: ScoreFormat,
    top: int | None,
    output: Path | None,
    advance: Callable[[], None],
    lang: str = "en",
) -> list[Brief]:
    """Score file by file, writing each report as it is done; keep a brief of each result.

    A full result holds every platform's contributions and the knock-outs: 100-200 KB, so
    10,000 files held at once took 1.1-1.9 GB. The JSON, table and Markdown reports are
    written piece by piece; the CI formats, the checks and the summary read only the brief.
    Each file's validated requirements are dropped once it is scored (`loaded` is consumed).
    A process pool was tried: pickling each result back cost more than the second core saved.
    """
    from .._brief import Brief
    from .._scoring import score

    streamed = fmt in STREAMED
    kept: list[Brief] = []
    loaded.reverse()  # popped from the end, in the order given
    with _sink(output if streamed else None, enabled=streamed) as write:
        parts = _Parts(catalog, fmt, top, to_terminal=output is None, lang=lang)
        write(parts.head())
        i = 0
        while loaded:
            name, req, _ = loaded.pop()
            result = score(req, catalog, name)
            write(parts.body(result, i))
            kept.append(Brief.of(result))
            del result, req
            i += 1
            advance()
        write(parts.tail())
    return kept


@contextmanager
def _sink(output: Path | None, enabled: bool) -> Iterator[Callable[[str], object]]:
    if not enabled:
        yield lambda text: None
    elif output is None:
        yield _console.write
    else:
        from .._files import atomic_writer

        with atomic_writer(output) as write:
            yield write


class _Parts:
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


def _render_ci(
    results: list[Brief],
    catalog: Catalog,
    fmt: ScoreFormat,
    checks: dict[str, list[str]],
    expect_lines: dict[str, int | None],
) -> str:
    """The CI formats, which need every file's checks first (JUnit counts failures up front);
    the other formats are streamed by `_Parts`."""
    from .._render import ci

    if fmt is ScoreFormat.junit:
        return ci.junit(results, catalog, checks)
    return ci.github(results, checks, expect_lines)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        _console.write(text)
        return
    from .._files import write_atomic

    write_atomic(output, text)


def _emit_problems(problems: list[Problem], fmt: ScoreFormat, output: Path | None) -> None:
    """CI formats carry invalid input too, with file, line and column."""
    if fmt is ScoreFormat.github:
        from .._render import ci

        _write(ci.github_problems(problems), None)
    elif fmt is ScoreFormat.junit:
        from .._render import ci

        _write(ci.junit_problems(problems), output)


def _append_summary(path: Path, results: list[Brief], checks: dict[str, list[str]]) -> None:
    """Append to the job summary. It is a courtesy next to the report, so a summary that
    cannot be written (a directory, a FIFO, /dev/full, a missing or read-only file) is said
    on stderr and leaves the exit code to the checks. Never opened blocking: a FIFO with no
    reader would hang the job."""
    import stat

    from .._render import ci

    data = ci.summary(results, checks).encode("utf-8")
    if len(data) > SUMMARY_LIMIT:  # GitHub counts bytes
        cut = data[:SUMMARY_LIMIT].decode("utf-8", "ignore").rsplit("\n### ", 1)[0]
        data = (cut + "\n\n(summary cut to stay under GitHub's 1 MiB limit)\n").encode("utf-8")
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        say(f"{path}: $GITHUB_STEP_SUMMARY not written: {exc.strerror or exc}")
        return
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            say(f"{path}: $GITHUB_STEP_SUMMARY not written: not a regular file")
            return
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        say(f"{path}: $GITHUB_STEP_SUMMARY not written in full: {exc.strerror or exc}")
    finally:
        os.close(fd)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A rich progress bar on stderr for long batches at a terminal; nothing otherwise."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(console=_console.err(), transient=True) as bar:
        task = bar.add_task("scoring", total=total)
        yield lambda: bar.advance(task)
