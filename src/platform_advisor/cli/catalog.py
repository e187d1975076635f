"""`advisor catalog ...`: check the catalogue files."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .._errors import ExitCode
from .._locations import resolve_root
from .._safe_text import json_text
from . import _console
from ._help import Command, Group
from ._options import PIPED, CatalogOpt, Format, ListFormat, ListFormatOpt, default_format

catalog_app = typer.Typer(cls=Group, help="Validate and inspect the catalogue files.", no_args_is_help=True)


@catalog_app.command("validate", cls=Command)
def validate_command(catalog_dir: CatalogOpt = None) -> None:
    """Check every catalogue file: one error line per problem.

    Each problem is one `path:line:col: message` line on stderr. Exit 0 when the catalogue is
    valid (a summary goes to stderr), 2 when any file has a problem.
    """
    from .._catalog import load_catalog

    root = resolve_root(catalog_dir)
    catalog = load_catalog(catalog_dir)
    # a catalogue may leave out the interview (a test or a scoring-only catalogue)
    questions = len(catalog.interview.questions) if catalog.interview is not None else 0
    _console.err().print(
        f"{root}: ok: {len(catalog.platforms)} platforms, {questions} interview questions, "
        f"{len(catalog.criteria)} criteria, {len(catalog.presets)} presets ({catalog.digest[:19]})",
        markup=False,
    )
    # A shared block source is accepted while the platform files move to one source per
    # connector; say how many remain rather than fail (the audit lists them).
    shared = sum(
        isinstance(entry, str)
        for p in catalog.platforms.values()
        for entries in p.connectors.kinds().values()
        for entry in entries.values()
    )
    if shared:
        _console.err().print(
            f"{root}: note: {shared} connector{'s cite' if shared != 1 else ' cites'} only the block's shared "
            "`source`; `advisor catalog audit --fail-on unsourced` lists them",
            markup=False,
            soft_wrap=True,
        )


class FailOn(str, Enum):
    stale = "stale"
    unsourced = "unsourced"
    mirror = "mirror"
    unknown = "unknown"


_FAIL_ON = ", ".join(k.value for k in FailOn)


def _fail_on(value: str | None) -> list[FailOn]:
    if not value:
        return []
    out = []
    for part in value.split(","):
        part = part.strip()
        try:
            out.append(FailOn(part))
        except ValueError:
            raise typer.BadParameter(f"{part!r} is not one of {_FAIL_ON}", param_hint="'--fail-on'") from None
    return out


@catalog_app.command("audit", cls=Command)
def audit_command(
    fmt: Annotated[
        Format | None,
        typer.Option("--format", "-f", metavar="FORMAT", show_default=False, help=f"table, json or markdown. {PIPED}"),
    ] = None,
    max_age: Annotated[
        int | None,
        typer.Option(
            "--max-age",
            min=1,
            metavar="MONTHS",
            show_default=False,
            help="A fact whose page is older than MONTHS (at least 1) is stale. Default: `stale_after_months` "
            "in criteria/evidence.yaml.",
        ),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="KINDS",
            help=f"Comma-separated: {_FAIL_ON}. Exit 1 when any such fact exists (for CI); "
            "stale includes exchange rates older than `rates_stale_after_months`.",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="YYYY-MM-DD", help="Audit as if today were this date. Default: today."),
    ] = None,
    catalog_dir: CatalogOpt = None,
) -> None:
    """What each platform's facts rest on; stale and unsourced facts.

    Per platform: the share of facts resting on vendor documentation, third parties, estimates
    and unknown; stale, unsourced and mirrored facts; estimates that carry money; coverage by
    group. JSON when piped or redirected, a table on a terminal.
    """
    from .._audit import audit
    from .._catalog import load_catalog
    from .._render import audit as render

    kinds = _fail_on(fail_on)
    try:
        today = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError:
        raise typer.BadParameter(f"{as_of!r} is not a date (YYYY-MM-DD)", param_hint="'--as-of'") from None
    catalog = load_catalog(catalog_dir)
    result = audit(catalog, today, max_age)
    fmt = default_format(fmt, Format)
    if fmt is Format.json:
        _console.write(json_text(render.render_json(result)))
    elif fmt is Format.markdown:
        _console.write(render.render_markdown(result))
    else:
        _console.out().print(render.render_table(result))
    failing = {k.value: n for k in kinds if (n := result.count(k.value))}
    if failing:
        _console.err().print(
            "audit failed: " + ", ".join(f"{n} {k}" for k, n in failing.items()) + " facts", markup=False
        )
        raise typer.Exit(ExitCode.CHECK_FAILED)


@catalog_app.command("schema", cls=Command)
def schema_command(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="NAME", show_default=False, help="One file format, e.g. requirements or platform. Default: all."
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            file_okay=False,
            show_default=False,
            help="Write NAME.schema.json files into DIR (created if missing). Default: print to stdout.",
        ),
    ] = None,
) -> None:
    """Print or write JSON Schemas (draft-07) for the file formats.

    For yaml-language-server and check-jsonschema. Without --out, one schema (NAME) or a JSON
    object of every schema by name goes to stdout; nothing is written unless --out says where.
    """
    from .._errors import IOFailure, Problem, UsageError
    from .._files import write_atomic
    from .._schema import SCHEMAS, render, schema
    from .._validate import suggest

    if name is not None and name not in SCHEMAS:
        problem = f"unknown file format {name!r}" + suggest(name, SCHEMAS)
        raise UsageError([Problem("advisor catalog schema", None, None, problem)])
    names = [name] if name is not None else list(SCHEMAS)
    if out is None:
        if name is not None:
            _console.write(render(name))
        else:
            import json

            _console.write(
                json.dumps({n: schema(n) for n in names}, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
            )
        return
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IOFailure.of(exc, out, "create the directory") from None
    for n in names:
        write_atomic(out / f"{n}.schema.json", render(n))
    _console.err().print(f"{out}: wrote {len(names)} schemas ({', '.join(names)})", markup=False)


@catalog_app.command("fields", cls=Command)
def fields_command(fmt: ListFormatOpt = None) -> None:
    """List the fields a condition may test, derived facts included.

    The conditions of rules.yaml, complexity.yaml, interview.yaml and readiness.yaml test these:
    every path of the requirements file, and the `derived.*` facts worked out from it (each
    with the field it rests on). JSON when piped or redirected, a table on a terminal.
    """
    from rich.table import Table

    from .._conditions import DERIVED, requirement_fields

    rows = [{"field": f, "derived_from": None, "meaning": None} for f in requirement_fields()]
    rows += [{"field": k, "derived_from": d.source, "meaning": d.meaning} for k, d in DERIVED.items()]
    if default_format(fmt, ListFormat) is ListFormat.json:
        import json

        _console.write(json_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n"))
        return
    table = Table(title=f"{len(rows)} fields, {len(DERIVED)} of them derived", title_justify="left")
    table.add_column("field", no_wrap=True, min_width=max(len(str(r["field"])) for r in rows))
    table.add_column("derived from", overflow="fold")
    table.add_column("meaning", overflow="fold")
    for r in rows:
        table.add_row(r["field"], r["derived_from"] or "", r["meaning"] or "")
    _console.out().print(table)
