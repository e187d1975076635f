"""`advisor score`: rank platforms for one or more requirements files, for people and for CI."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .._errors import ExitCode
from . import _console
from ._options import CatalogOpt, LangOpt, ScoreFormat, default_format, lang_of

if TYPE_CHECKING:
    from .._catalog import Catalog
    from .._errors import Problem
    from .._models import Requirements
    from .._scoring import Result

SUMMARY_LIMIT = 900_000  # GitHub caps a step summary at 1 MiB
PROGRESS_FROM = 20  # files; fewer finish before a bar is worth drawing


def score_command(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE", help="Requirements files (YAML, version 1).", show_default=False)
    ],
    fmt: Annotated[
        ScoreFormat | None,
        typer.Option(
            "--format",
            "-f",
            show_default=False,
            help="table, json, markdown, junit (JUnit XML) or github (workflow commands). "
            "Default: table on a terminal, json otherwise.",
        ),
    ] = None,
    top: Annotated[
        int | None,
        typer.Option("--top", "-n", min=1, show_default=False, help="Show only the N best-ranked platforms."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            dir_okay=False,
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
            help="Fail (exit 1) when a file's top platform scores below SCORE.",
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
            help="Fail when #1 leads #2 by fewer than POINTS.",
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
            help="Fail when a top-3 platform's coverage (0-1) is below COVERAGE.",
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
        bool, typer.Option("--update-baseline", help="Rewrite --baseline FILE with the current results.")
    ] = False,
    lang: LangOpt = None,
    catalog_dir: CatalogOpt = None,
) -> None:
    """Score and rank every platform in the catalogue for each requirements file.

    Exit codes: 0 all good, 1 an `expect` assertion or a threshold failed or the top 3 moved
    against --baseline, 2 invalid input. With $GITHUB_STEP_SUMMARY set, a Markdown summary is
    appended to it.
    """
    from .._catalog import load_catalog
    from .._errors import InputError, Problem, UsageError

    fmt = default_format(fmt, ScoreFormat)
    if update_baseline and baseline is None:
        raise UsageError([Problem("advisor score", None, None, "--update-baseline needs --baseline FILE")])
    catalog = load_catalog(catalog_dir)
    with _collector_paused():
        loaded, problems = _read_all(files, catalog)
        if problems:
            _emit_problems(problems, fmt, output)
            raise InputError(problems)
        with _progress(len(loaded)) as advance:
            results = _score_all(catalog, [(name, req) for name, req, _ in loaded], advance)

        checks = _thresholds(results, fail_under, min_margin, fail_on_unknown)
        if baseline is not None and not update_baseline:
            from .._baseline import compare, load, missing

            saved = load(baseline)
            for file, text in compare(results, saved).items():
                checks.setdefault(file, []).append(f"baseline: {text}")
            for file in missing(results, saved):  # new clients are news, not failures
                print(f"{file}: not in {baseline}; add it with --update-baseline", file=sys.stderr)
        expect_lines = {name: line for name, _, line in loaded}
        text = _render(results, catalog, fmt, top, checks, expect_lines, output is None, lang_of(lang))
        _write(text, output)
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        _append_summary(Path(os.environ["GITHUB_STEP_SUMMARY"]), results, checks)
    if update_baseline and baseline is not None:
        from .._baseline import render as render_baseline
        from .._files import write_atomic

        write_atomic(baseline, render_baseline(results, catalog.digest))
        _console.err().print(f"{baseline}: baseline updated for {len(results)} files", markup=False)
    failed = [r for r in results if not r.expectations.passed or checks.get(r.file)]
    if fmt not in (ScoreFormat.junit, ScoreFormat.github):
        for r in failed:
            for text in checks.get(r.file, []):
                print(f"{r.file}: {text}", file=sys.stderr)
    if failed:
        raise typer.Exit(ExitCode.CHECK_FAILED)


def _read_all(files: list[Path], catalog: Catalog) -> tuple[list[tuple[str, Requirements, int | None]], list[Problem]]:
    """Every file, validated; the problems of all invalid files together, so one run shows them all."""
    from .._errors import InputError
    from .._requirements import read_requirements

    problems: list[Problem] = []
    loaded = []
    for path in files:
        try:
            req, doc = read_requirements(path, catalog, str(path))
            loaded.append((str(path), req, doc.locate(("expect",))[0] if req.expect else None))
        except InputError as exc:
            problems.extend(exc.problems)
    return loaded, problems


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A batch keeps every result until it is rendered, and the cyclic garbage collector would
    rescan that growing heap over and over while finding almost nothing to free (a file leaves
    a few parser cycles behind): 0.7 s of 3.3 s for 1,000 files."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Merely re-enabled, the collector would at once make a full pass over all the
            # batch built (0.1 s for 1,000 files); frozen, those objects are left out of it.
            gc.freeze()
            gc.enable()


def _score_all(catalog: Catalog, items: list[tuple[str, Requirements]], advance: Callable[[], None]) -> list[Result]:
    # A process pool was tried: pickling each result back cost more than the second core saved.
    from .._scoring import score

    out = []
    for name, req in items:
        out.append(score(req, catalog, name))
        advance()
    return out


def _thresholds(
    results: list[Result], fail_under: float | None, min_margin: float | None, coverage: float | None
) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in results:
        found = []
        first = r.ranking[0] if r.ranking else None
        if fail_under is not None and (first is None or first.score < fail_under):
            got = f"{first.name} scores {first.score:.2f}" if first else "nothing is ranked"
            found.append(f"fail-under: {got}, below {fail_under:g}")
        if min_margin is not None and len(r.ranking) >= 2:
            margin = r.ranking[0].score - r.ranking[1].score
            if margin < min_margin:
                found.append(
                    f"min-margin: {r.ranking[0].name} leads {r.ranking[1].name} by {margin:.2f} points, "
                    f"less than {min_margin:g}"
                )
        if coverage is not None:
            for x in r.ranking[:3]:
                if x.coverage < coverage:
                    found.append(
                        f"fail-on-unknown: {x.name} (#{x.rank}) rests on {x.coverage:.0%} known data, "
                        f"below {coverage:.0%}"
                    )
        if found:
            out[r.file] = found
    return out


def _render(
    results: list[Result],
    catalog: Catalog,
    fmt: ScoreFormat,
    top: int | None,
    checks: dict[str, list[str]],
    expect_lines: dict[str, int | None],
    to_terminal: bool = True,
    lang: str = "en",
) -> str:
    """The results in `fmt`; `lang` applies to the formats people read (table, markdown)."""
    from .._render.common import limit

    if fmt is ScoreFormat.json:
        from .._render import json as render_json

        return render_json.render([limit(r, top) for r in results], catalog)
    if fmt is ScoreFormat.markdown:
        from .._render import markdown

        return markdown.render([limit(r, top or 10) for r in results], catalog, lang)
    if fmt is ScoreFormat.junit:
        from .._render import ci

        return ci.junit(results, catalog, checks)
    if fmt is ScoreFormat.github:
        from .._render import ci

        return ci.github(results, checks, expect_lines)
    from .._render import table

    # to a terminal: the shared console (colour, width); to a file: plain text
    console = _console.out() if to_terminal else _console.plain()
    with console.capture() as capture:
        for r in results:
            console.print(table.render_result(limit(r, top or 10), catalog, lang))
    return capture.get()


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
        from xml.etree import ElementTree as ET

        suite = ET.Element("testsuite", name="platform-advisor", tests=str(len(problems)), errors=str(len(problems)))
        for p in problems:
            case = ET.SubElement(suite, "testcase", classname="advisor.input", name=p.path)
            ET.SubElement(case, "error", message=p.render(), type="InvalidInput").text = p.render()
        root = ET.Element("testsuites", name="platform-advisor")
        root.append(suite)
        ET.indent(root)
        _write('<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n", output)


def _append_summary(path: Path, results: list[Result], checks: dict[str, list[str]]) -> None:
    from .._render import ci

    text = ci.summary(results, checks)
    if len(text) > SUMMARY_LIMIT:
        text = text[:SUMMARY_LIMIT].rsplit("\n### ", 1)[0] + "\n\n(summary cut to stay under GitHub's 1 MiB limit)\n"
    with path.open("a", encoding="utf-8") as fh:
        fh.write(text)


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
