"""`advisor score`: rank platforms for one or more requirements files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .._errors import ExitCode
from . import _console
from ._options import CatalogOpt, Format, default_format

if TYPE_CHECKING:
    from .._catalog import Catalog
    from .._scoring import Result


def score_command(
    files: Annotated[
        list[Path],
        typer.Argument(help="Requirements files (YAML, version 1).", show_default=False),
    ],
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format", "-f", help="Output format. Default: table on a terminal, json otherwise.", show_default=False
        ),
    ] = None,
    top: Annotated[
        int | None,
        typer.Option("--top", "-n", min=1, help="Show only the N best-ranked platforms.", show_default=False),
    ] = None,
    catalog_dir: CatalogOpt = None,
) -> None:
    """Score and rank every platform in the catalogue for each requirements file.

    Exit codes: 0 all good, 1 an `expect` assertion failed, 2 invalid input.
    """
    from .._catalog import load_catalog
    from .._errors import InputError, Problem
    from .._requirements import load_requirements
    from .._scoring import score

    catalog = load_catalog(catalog_dir)
    problems: list[Problem] = []
    loaded = []
    for path in files:
        try:
            loaded.append((str(path), load_requirements(path, catalog, str(path))))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:  # nothing is written when any input is bad
        raise InputError(problems)
    results = [score(req, catalog, name) for name, req in loaded]
    emit(results, catalog, default_format(fmt), top)
    if any(not r.expectations.passed for r in results):
        raise typer.Exit(ExitCode.CHECK_FAILED)


def emit(results: list[Result], catalog: Catalog, fmt: Format, top: int | None) -> None:
    from .._render.common import limit

    if fmt is Format.json:
        from .._render import json as render_json

        _console.write(render_json.render([limit(r, top) for r in results], catalog))
    elif fmt is Format.markdown:
        from .._render import markdown

        _console.write(markdown.render([limit(r, top if top else 10) for r in results], catalog))
    else:
        from .._render import table

        console = _console.out()
        for r in results:
            console.print(table.render_result(limit(r, top if top else 10), catalog))
