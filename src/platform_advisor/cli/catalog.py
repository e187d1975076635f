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
from ._options import CatalogOpt, Format

catalog_app = typer.Typer(help="Validate and inspect the catalogue files.", no_args_is_help=True)


@catalog_app.command("validate")
def validate_command(catalog_dir: CatalogOpt = None) -> None:
    """Validate every catalogue file; print one `path:line:col: message` per problem (exit 2)."""
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


@catalog_app.command("audit")
def audit_command(
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    max_age: Annotated[
        int | None,
        typer.Option(
            "--max-age",
            min=1,
            metavar="MONTHS",
            help="A fact whose page is older than this is stale. Default: `stale_after_months` "
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
    """Per platform: what the facts rest on (vendor docs, third parties, estimates, unknown), stale,
    unsourced and mirrored facts, estimates that carry money, and coverage by group."""
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


@catalog_app.command("schema")
def schema_command(
    out: Annotated[
        Path, typer.Option("--out", "-o", file_okay=False, help="Directory to write the schemas to.")
    ] = Path("schemas"),
) -> None:
    """Write JSON Schemas (draft-07, for yaml-language-server and check-jsonschema) for every file format."""
    from .._errors import IOFailure
    from .._files import write_atomic
    from .._schema import SCHEMAS, render

    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IOFailure.of(exc, out, "create the directory") from None
    for name in SCHEMAS:
        write_atomic(out / f"{name}.schema.json", render(name))
    _console.err().print(f"{out}: wrote {len(SCHEMAS)} schemas ({', '.join(SCHEMAS)})", markup=False)
