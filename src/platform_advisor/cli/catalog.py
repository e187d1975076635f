"""`advisor catalog ...`: check the catalogue files."""

from __future__ import annotations

import typer

from .._catalog import load_catalog, resolve_root
from . import _console
from ._options import CatalogOpt

catalog_app = typer.Typer(help="Validate and inspect the catalogue files.", no_args_is_help=True)


@catalog_app.command("validate")
def validate_command(catalog_dir: CatalogOpt = None) -> None:
    """Validate every catalogue file; print one `path:line:col: message` per problem (exit 2)."""
    catalog = load_catalog(catalog_dir)
    _console.err().print(
        f"{resolve_root(catalog_dir)}: ok: {len(catalog.platforms)} platforms, "
        f"{len(catalog.criteria)} criteria, {len(catalog.presets)} presets ({catalog.digest[:19]})",
        markup=False,
    )
