"""`advisor platforms ...` and `advisor criteria ...`: look inside the catalogue."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from .._safe_text import json_text
from . import _console
from ._options import CatalogOpt, ListFormat

platforms_app = typer.Typer(help="List the platforms in the catalogue, or show one in full.", no_args_is_help=True)
criteria_app = typer.Typer(help="List the criteria platforms are rated on.", no_args_is_help=True)

FormatOpt = Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")]


def load_catalog(catalog_dir: Any) -> Any:
    from .._catalog import load_catalog as load

    return load(catalog_dir)


def _json(data: Any) -> None:
    _console.write(json_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n"))


@platforms_app.command("list")
def platforms_list(fmt: FormatOpt = ListFormat.table, catalog_dir: CatalogOpt = None) -> None:
    """List every platform: id, name, vendor, hosting and pricing model."""
    catalog = load_catalog(catalog_dir)
    rows = [
        {
            "id": p.id,
            "name": p.name,
            "vendor": p.vendor,
            "hosting": list(p.hosting),
            "origin": p.origin,
            "pricing_model": p.pricing.model,
            "website": str(p.website),
        }
        for p in catalog.platforms.values()
    ]
    if fmt is ListFormat.json:
        return _json(rows)
    table = Table(title=f"{len(rows)} platforms", title_justify="left")
    for col in ("id", "name", "vendor", "hosting", "origin", "pricing"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            *(
                escape(str(v))
                for v in (r["id"], r["name"], r["vendor"], ", ".join(r["hosting"]), r["origin"], r["pricing_model"])
            )
        )
    _console.out().print(table)


@platforms_app.command("show")
def platforms_show(
    platform_id: Annotated[str, typer.Argument(metavar="ID", help="Platform id, e.g. shopify.")],
    fmt: FormatOpt = ListFormat.table,
    catalog_dir: CatalogOpt = None,
) -> None:
    """Show one platform: ratings with notes and sources, capabilities, connectors, pricing."""
    from .._errors import InputError, Problem
    from .._validate import suggest

    catalog = load_catalog(catalog_dir)
    p = catalog.platforms.get(platform_id)
    if p is None:
        raise InputError(
            [
                Problem(
                    "advisor", None, None, f"unknown platform {platform_id!r}" + suggest(platform_id, catalog.platforms)
                )
            ]
        )
    if fmt is ListFormat.json:
        return _json({**p.model_dump(mode="json"), "file": catalog.platform_files[p.id]})
    console = _console.out()
    console.print(
        f"[bold]{escape(p.name)}[/bold] ({p.id}) by {escape(p.vendor)}; {', '.join(p.hosting)}; "
        f"{escape(str(p.website))}"
    )
    console.print(p.summary, markup=False)
    ratings = Table(title="Ratings", title_justify="left")
    for col in ("criterion", "value", "note", "evidence", "checked"):
        ratings.add_column(col)
    for _, crit, r, src in catalog.rated_facts(p.id):
        ratings.add_row(
            escape(crit.name),
            str(r.value),
            escape(r.note),
            src.evidence.value if src else "-",
            str(src.as_of) if src else "-",
        )
    console.print(ratings)
    caps = Table(title="Capabilities", title_justify="left")
    caps.add_column("capability")
    caps.add_column("status")
    for cap, info in catalog.capabilities.items():
        entry = p.capabilities.get(cap)
        caps.add_row(escape(info.name), entry.status.value if entry else "unknown")
    console.print(caps)
    for kind, entries in p.connectors.kinds().items():
        if entries:
            listed = ", ".join(f"{k} ({p.connectors.level_of(v)})" for k, v in entries.items())
            console.print(f"[bold]{kind}[/bold]: " + escape(listed))
    pr = p.pricing
    console.print(
        f"[bold]Pricing[/bold] ({pr.model}, {pr.currency}): "
        + "; ".join(f"{k} {v if isinstance(v, str) else f'{v.low:g}-{v.high:g}'}" for k, v in pr.parts().items())
    )
    if pr.note:
        console.print(pr.note, markup=False)


@criteria_app.command("list")
def criteria_list(fmt: FormatOpt = ListFormat.table, catalog_dir: CatalogOpt = None) -> None:
    """List every criterion with its group and default weight."""
    catalog = load_catalog(catalog_dir)
    rows = [
        {
            "id": cid,
            "name": c.name,
            "group": c.group,
            "default_weight": c.default_weight,
            "computed": c.computed,
            "description": c.description,
            "rating_guide": {str(k): v for k, v in sorted(c.rating_guide.items())},
        }
        for cid, c in catalog.criteria.items()
    ]
    if fmt is ListFormat.json:
        return _json(rows)
    table = Table(title=f"{len(rows)} criteria in {len(catalog.groups)} groups", title_justify="left")
    for col in ("id", "name", "group", "weight"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r["id"],
            escape(r["name"]) + (" (computed)" if r["computed"] else ""),
            r["group"],
            f"{r['default_weight']:g}",
        )
    _console.out().print(table)
