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
    from .._interview.engine import load_interview

    root = resolve_root(catalog_dir)
    catalog = load_catalog(catalog_dir)
    # a catalogue may leave out the interview (a test or a scoring-only catalogue)
    has_interview = (root / "criteria" / "interview.yaml").exists()
    questions = len(load_interview(root, catalog).questions) if has_interview else 0
    if (root / "criteria" / "readiness.yaml").exists():
        from .._report.data import load_readiness

        load_readiness(root)
    _console.err().print(
        f"{root}: ok: {len(catalog.platforms)} platforms, {questions} interview questions, "
        f"{len(catalog.criteria)} criteria, {len(catalog.presets)} presets ({catalog.digest[:19]})",
        markup=False,
    )


class FailOn(str, Enum):
    stale = "stale"
    unsourced = "unsourced"
    unknown = "unknown"


def _fail_on(value: str | None) -> list[FailOn]:
    if not value:
        return []
    out = []
    for part in value.split(","):
        part = part.strip()
        try:
            out.append(FailOn(part))
        except ValueError:
            raise typer.BadParameter(
                f"{part!r} is not one of stale, unsourced, unknown", param_hint="'--fail-on'"
            ) from None
    return out


@catalog_app.command("audit")
def audit_command(
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    max_age: Annotated[
        int, typer.Option("--max-age", min=1, metavar="MONTHS", help="A fact checked longer ago than this is stale.")
    ] = 18,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="KINDS",
            help="Comma-separated: stale, unsourced, unknown. Exit 1 when any such fact exists (for CI).",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="YYYY-MM-DD", help="Audit as if today were this date. Default: today."),
    ] = None,
    catalog_dir: CatalogOpt = None,
) -> None:
    """Per platform: stale facts, facts resting on estimates, unknowns, and coverage by group."""
    from .._audit import audit
    from .._catalog import load_catalog
    from .._render import audit as render

    kinds = _fail_on(fail_on)
    try:
        today = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError:
        raise typer.BadParameter(f"{as_of!r} is not a date (YYYY-MM-DD)", param_hint="'--as-of'") from None
    catalog = load_catalog(catalog_dir)
    rows = audit(catalog, today, max_age)
    if fmt is Format.json:
        _console.write(json_text(render.render_json(rows, today.isoformat(), max_age)))
    elif fmt is Format.markdown:
        _console.write(render.render_markdown(rows, today.isoformat(), max_age))
    else:
        _console.out().print(render.render_table(rows))
    found = {k.value: sum(len(getattr(r, k.value)) for r in rows) for k in kinds}
    failing = {k: n for k, n in found.items() if n}
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
