"""Render a catalogue audit as a table, JSON or Markdown."""

from __future__ import annotations

import json
from typing import Any

from rich.table import Table

from .._audit import PlatformAudit


def payload(rows: list[PlatformAudit], today: str, max_age: int) -> dict[str, Any]:
    return {
        "as_of": today,
        "max_age_months": max_age,
        "totals": {
            "platforms": len(rows),
            "facts": sum(r.facts for r in rows),
            "stale": sum(len(r.stale) for r in rows),
            "unsourced": sum(len(r.unsourced) for r in rows),
            "unknown": sum(len(r.unknown) for r in rows),
        },
        "platforms": [
            {
                "platform": r.platform,
                "name": r.name,
                "facts": r.facts,
                "stale": r.stale,
                "unsourced": r.unsourced,
                "unknown": r.unknown,
                "oldest": r.oldest.isoformat() if r.oldest else None,
                "coverage": {g: round(v, 3) for g, v in r.coverage.items()},
            }
            for r in rows
        ],
    }


def render_json(rows: list[PlatformAudit], today: str, max_age: int) -> str:
    return json.dumps(payload(rows, today, max_age), indent=2, ensure_ascii=False) + "\n"


def _groups(rows: list[PlatformAudit]) -> list[str]:
    return list(rows[0].coverage) if rows else []


def _cov(value: float) -> str:
    return "●" if value >= 0.999 else ("◐" if value >= 0.5 else ("○" if value > 0 else "·"))


def render_table(rows: list[PlatformAudit]) -> Table:
    groups = _groups(rows)
    table = Table(title="Catalogue audit (coverage: ● all known, ◐ half or more, ○ less, · none)", title_justify="left")
    for col in ("platform", "facts", "stale", "estimates", "unknown"):
        table.add_column(col, justify="left" if col == "platform" else "right")
    for g in groups:
        table.add_column(g[:5], justify="center")
    for r in rows:
        table.add_row(
            r.platform,
            str(r.facts),
            str(len(r.stale)),
            str(len(r.unsourced)),
            str(len(r.unknown)),
            *(_cov(r.coverage[g]) for g in groups),
        )
    return table


def render_markdown(rows: list[PlatformAudit], today: str, max_age: int) -> str:
    groups = _groups(rows)
    t = payload(rows, today, max_age)["totals"]
    lines = [
        f"Catalogue audit as of {today}: {t['platforms']} platforms, {t['facts']} facts; "
        f"{t['stale']} older than {max_age} months, {t['unsourced']} resting on estimates, {t['unknown']} unknown.",
        "",
        "| platform | facts | stale | estimates | unknown | " + " | ".join(groups) + " |",
        "|---|---:|---:|---:|---:|" + "|".join(":-:" for _ in groups) + "|",
    ]
    for r in rows:
        cells = " | ".join(f"{r.coverage[g] * 100:.0f}%" for g in groups)
        lines.append(f"| {r.platform} | {r.facts} | {len(r.stale)} | {len(r.unsourced)} | {len(r.unknown)} | {cells} |")
    return "\n".join(lines) + "\n"
