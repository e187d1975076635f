"""`advisor report`: a page or a decision record for the whole management team."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from . import _console
from ._options import CatalogOpt, LangOpt, lang_of, output_opt


class ReportFormat(str, Enum):
    html = "html"
    markdown = "markdown"


def report_command(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A requirements file; - reads it from stdin.", show_default=False)
    ],
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="html: one self-contained page; markdown: a decision record."
        ),
    ] = ReportFormat.html,
    output: Annotated[Path | None, output_opt("the report")] = None,
    lang: LangOpt = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", metavar="YYYY-MM-DD", help="Date on the report and for flagging stale facts. Default: today."
        ),
    ] = None,
    catalog_dir: CatalogOpt = None,
) -> None:
    """Write a report for the management team (HTML or Markdown).

    Summary, ranking, knock-outs and near-misses, 3-year cost, robustness, the organisation and
    readiness plan, and the evidence behind it.
    """
    from .._analysis.robustness import acceptability
    from .._analysis.stability import stability
    from .._catalog import load_catalog
    from .._files import refuse_input_as_output, write_atomic
    from .._report import html, markdown
    from .._report.data import build
    from .._requirements import display_name, load_requirements
    from .._scoring import score

    refuse_input_as_output(output, [file] if str(file) != "-" else [])
    try:
        today = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError:
        raise typer.BadParameter(f"{as_of!r} is not a date (YYYY-MM-DD)", param_hint="'--as-of'") from None
    catalog = load_catalog(catalog_dir)
    readiness = catalog.readiness_spec()
    req = load_requirements(file, catalog, display_name(file))
    result = score(req, catalog, display_name(file))
    robust = acceptability(result, catalog, 10_000, 0) if len(result.ranking) >= 2 else None
    data = build(result, req, catalog, readiness, lang_of(lang), today, robust, stability(result, catalog))
    text = html.render(data) if fmt is ReportFormat.html else markdown.render(data)
    if output is None:
        _console.write(text)
    else:
        write_atomic(output, text)
        _console.err().print(f"Wrote {output}", markup=False)
