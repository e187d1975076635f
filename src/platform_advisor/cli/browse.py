"""`advisor platforms ...` and `advisor criteria ...`: look inside the catalogue."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from .._safe_text import json_text
from . import _console
from ._help import Command, Group
from ._options import CatalogOpt, ListFormat, ListFormatOpt, default_format

platforms_app = typer.Typer(
    cls=Group, help="List the platforms in the catalogue, or show one in full.", no_args_is_help=True
)
criteria_app = typer.Typer(cls=Group, help="List the criteria platforms are rated on.", no_args_is_help=True)


def load_catalog(catalog_dir: Any) -> Any:
    from .._catalog import load_catalog as load

    return load(catalog_dir)


def _json(data: Any) -> None:
    _console.write(json_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n"))


def _id_column(table: Table, ids: list[str]) -> None:
    """Ids are what a user types and greps for: never cut, never wrapped; the other columns wrap."""
    table.add_column("id", no_wrap=True, min_width=max(map(len, ids), default=2))


@platforms_app.command("list", cls=Command)
def platforms_list(fmt: ListFormatOpt = None, catalog_dir: CatalogOpt = None) -> None:
    """List every platform: id, name, vendor, hosting and pricing model.

    JSON when piped or redirected (a list of objects, with websites), a table on a terminal (the
    vendor column from 110 columns on).
    """
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
    if default_format(fmt, ListFormat) is ListFormat.json:
        return _json(rows)
    console = _console.out()
    # Whole ids leave little room at 80 columns: no vertical rules, and the vendor (in the JSON
    # and `platforms show`) only on a terminal wide enough for it.
    with_vendor = console.width >= 110
    table = Table(
        title=f"{len(rows)} platforms", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1, 0, 0)
    )
    _id_column(table, [r["id"] for r in rows])
    table.add_column("name", overflow="fold")
    if with_vendor:
        table.add_column("vendor", overflow="fold")
    # a hosting kind is an id too: wrap between kinds, never inside one
    table.add_column("hosting", min_width=max((len(h) + 1 for r in rows for h in r["hosting"]), default=7))
    table.add_column("from", no_wrap=True)
    table.add_column("pricing", no_wrap=True)
    for r in rows:
        cells = [r["id"], r["name"], *([r["vendor"]] if with_vendor else []), ", ".join(r["hosting"])]
        table.add_row(*(escape(str(v)) for v in (*cells, r["origin"], r["pricing_model"])))
    console.print(table)


@platforms_app.command("show", cls=Command)
def platforms_show(
    platform_id: Annotated[str, typer.Argument(metavar="ID", help="Platform id, e.g. shopify.", show_default=False)],
    fmt: ListFormatOpt = None,
    catalog_dir: CatalogOpt = None,
) -> None:
    """Show one platform: ratings with notes and sources, capabilities, connectors, pricing.

    JSON when piped or redirected (the platform's catalogue entry and its file), text and tables
    on a terminal.
    """
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
    if default_format(fmt, ListFormat) is ListFormat.json:
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
        value = str(r.value) if r.plan is None else f"{r.value} from {r.plan} ({r.below_plan} below)"
        ratings.add_row(
            escape(crit.name),
            escape(value),
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
    # what market fit also counts: a method or carrier reached through a listed service
    reached = []
    for method, services in catalog.connectors.through.items():
        kind = catalog.connectors.through_kind(method)
        if kind is None or method in getattr(p.connectors, kind):
            continue
        via = [sid for sid in services if p.connectors.status(kind, sid) in ("native", "app")]
        if via:
            reached.append(f"{method} (through {', '.join(via)})")
    if reached:
        console.print("[bold]also reached through listed services[/bold]: " + escape(", ".join(reached)))
    pr = p.pricing
    console.print(
        f"[bold]Pricing[/bold] ({pr.model}, {pr.currency}): "
        + "; ".join(f"{k} {v if isinstance(v, str) else f'{v.low:g}-{v.high:g}'}" for k, v in pr.parts().items())
    )
    for plan in pr.plans:
        fee = f"{plan.monthly_fee:g} {pr.currency}/month" + (" and up" if plan.from_price else "")
        extra = f"; unlocks {', '.join(plan.unlocks)}" if plan.unlocks else ""
        console.print(f"  plan {escape(plan.name)}: {escape(fee + extra)}")
    if pr.note:
        console.print(pr.note, markup=False)
    mk = p.markets
    if mk is not None:

        def langs(value: str | list[str]) -> str:
            return value if isinstance(value, str) else (", ".join(value) or "none")

        countries = "everywhere (global)" if isinstance(mk.countries, str) else ", ".join(mk.countries)
        console.print(
            f"[bold]Markets[/bold]: sold and supported in {escape(countries)}; storefront languages "
            f"{escape(langs(mk.storefront_languages))}; admin {escape(langs(mk.admin_languages))}; "
            f"vendor support {escape(langs(mk.support_languages))}"
        )
    seg = p.segment
    if seg is not None:
        devs = "no developers" if seg.developers == 0 else f"{seg.developers} developer{'s' * (seg.developers > 1)}"
        team = f"{devs}, {seg.it_maturity} IT maturity" + (", an agency" if seg.agency else "")
        built = f"; built for {', '.join(seg.industries)}" if seg.industries else ""
        console.print(
            f"[bold]Segment[/bold]: typically chosen at {seg.revenue.low:,.0f}-{seg.revenue.high:,.0f} "
            f"{pr.currency} a year online, presuming {escape(team + built)}"
        )


@criteria_app.command("list", cls=Command)
def criteria_list(fmt: ListFormatOpt = None, catalog_dir: CatalogOpt = None) -> None:
    """List every criterion with its group and default weight.

    JSON when piped or redirected (with descriptions and rating guides), a table on a terminal.
    """
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
    if default_format(fmt, ListFormat) is ListFormat.json:
        return _json(rows)
    table = Table(title=f"{len(rows)} criteria in {len(catalog.groups)} groups", title_justify="left")
    _id_column(table, [r["id"] for r in rows])
    table.add_column("name", overflow="fold")
    table.add_column("group", no_wrap=True, min_width=max((len(r["group"]) for r in rows), default=5))
    table.add_column("weight")
    for r in rows:
        table.add_row(
            r["id"],
            escape(r["name"]) + (" (computed)" if r["computed"] else ""),
            r["group"],
            f"{r['default_weight']:g}",
        )
    _console.out().print(table)
