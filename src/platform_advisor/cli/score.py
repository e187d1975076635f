"""`advisor score`: rank platforms for one or more requirements files, for people and for CI."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .._errors import ExitCode
from . import owns_process, say
from ._options import PIPED, CatalogOpt, LangOpt, ScoreFormat, default_format, lang_of, output_opt

if TYPE_CHECKING:
    from .._brief import Brief
    from .._catalog import Catalog
    from .._scoring import Result

SUMMARY_LIMIT = 900_000  # GitHub caps a step summary at 1 MiB


def score_command(
    names: Annotated[
        # strings, made paths below: typer would build a pydantic TypeAdapter for each path
        # given, 56 ms for a batch of 1,000 files
        list[str],
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
    output: Annotated[Path | None, output_opt("the report")] = None,
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
    from .._batch import collector_paused, judge, read_all
    from .._batch import update_baseline as update_baseline_file
    from .._errors import InputError, Problem, UsageError
    from .._files import refuse_input_as_output
    from .._pool import scored, workers_for
    from .._thresholds import Thresholds
    from ._score_output import STREAMED, Parts, emit_github_problems, progress, render_ci, sink, write

    files = [Path(name) for name in names]
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
    with collector_paused():
        # the catalogue is loaded at the first file that parses (refusing a broken one is cheap)
        found, batch = read_all(files, lambda: _load_catalog(catalog_dir), workers_for(len(files), owns_process()))
        problems = batch.problems
        # The good files are still scored and reported; the bad ones' problems end the run with
        # exit 2. Nothing to score: only the CI formats have a report to give (of the problems).
        if problems and not batch.loaded and fmt is not ScoreFormat.junit:
            if fmt is ScoreFormat.github:
                emit_github_problems(problems)
            raise InputError(problems)
        # a JUnit report of files none of which parsed still names the catalogue it would use
        catalog = found if found is not None else _load_catalog(catalog_dir)
        if problems and fmt is ScoreFormat.github:
            emit_github_problems(problems)
        saved = None
        # compared against, or merged into (a first --update-baseline has nothing to merge)
        if baseline is not None and not (update_baseline and (prune or not baseline.exists())):
            from .._baseline import entries

            saved = entries(baseline)
        # a report streamed to the terminal shows its own progress; a bar would garble it
        streams_here = output is None and fmt in STREAMED and sys.stdout.isatty()
        expect_lines = {item.name: item.expect_line for item in batch.loaded}
        streamed = fmt in STREAMED
        parts = Parts(catalog, fmt, top, to_terminal=output is None, lang=lang_of(lang))

        def render(result: Result, index: int) -> str:
            return parts.body(result, index) if streamed else ""  # the CI formats read the briefs

        workers = workers_for(len(batch.loaded), owns_process())
        with (
            scored(catalog, batch.loaded, render, workers) as reports,
            progress(0 if streams_here else len(batch.loaded)) as advance,
            sink(output if streamed else None, enabled=streamed) as emit,
        ):
            emit(parts.head())
            results: list[Brief] = []
            for text, brief in reports:
                emit(text)
                advance()
                results.append(brief)
            emit(parts.tail())

        verdict = judge(
            results, Thresholds(fail_under, min_margin, fail_on_unknown), None if update_baseline else saved
        )
        checks = verdict.checks
        for file in verdict.not_in_baseline:
            say(f"{file}: not in {baseline}; add it with --update-baseline")
        if fmt in (ScoreFormat.junit, ScoreFormat.github):
            write(render_ci(results, catalog, fmt, checks, expect_lines, problems, batch.files), output)
    if os.environ.get("GITHUB_STEP_SUMMARY") and results:  # none when every file was invalid
        _append_summary(Path(os.environ["GITHUB_STEP_SUMMARY"]), results, checks)
    if update_baseline and baseline is not None:
        if problems:  # an invalid file's entry would be kept stale, or pruned, without a word
            say(f"{baseline}: not updated, {len(files) - len(results)} of {len(files)} files are invalid")
        else:
            kept = update_baseline_file(baseline, results, catalog.digest, saved)
            note = f"; kept {kept} entries of files not scored now (--prune drops them)" if kept else ""
            say(f"{baseline}: baseline updated for {len(results)} files{note}")
    failed = [r for r in results if not r.expectations.passed or checks.get(r.file)]
    if fmt not in (ScoreFormat.junit, ScoreFormat.github):
        for r in failed:
            for text in checks.get(r.file, []):
                say(f"{r.file}: {text}")
    if problems:
        raise InputError(problems)
    if failed:
        raise typer.Exit(ExitCode.CHECK_FAILED)


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


def _load_catalog(catalog_dir: Path | None) -> Catalog:
    # imported here: a run that refuses every file never loads the catalogue or its models
    from .._catalog import load_catalog

    return load_catalog(catalog_dir)
