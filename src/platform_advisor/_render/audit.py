"""Render a catalogue audit as tables, JSON or Markdown.

The terminal tables fit 80 columns: evidence and findings in one table, coverage by group in a
second, and the long lists (estimates that carry money, mirrored sources) as lines below, so a
platform id is never cut.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from rich import box
from rich.console import Group as RichGroup
from rich.console import RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .._audit import EVIDENCE_KINDS, Audit, PlatformAudit

FINDINGS = ("stale", "unsourced", "mirror", "unknown")
_KIND_LABEL = {
    "vendor_docs": "vendor documentation",
    "third_party": "third parties",
    "estimate": "estimates",
    "unknown": "unknown",
}
_SHORT = {"vendor_docs": "docs", "third_party": "3rd", "estimate": "est", "unknown": "unk"}


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def payload(a: Audit) -> dict[str, Any]:
    return {
        "as_of": a.today.isoformat(),
        "max_age_months": a.max_age_months,
        "totals": {
            "platforms": len(a.platforms),
            "facts": a.facts,
            "evidence": {k: round(a.share(k), 3) for k in EVIDENCE_KINDS},
            **{f: a.count(f) for f in FINDINGS},
            "money_estimates": a.count("money_estimates"),
        },
        "exchange_rates": {
            "as_of": a.rates.as_of.isoformat(),
            "age_months": a.rates.age_months,
            "limit_months": a.rates.limit_months,
            "stale": a.rates.stale,
            "mirror": a.rates.mirror,
        },
        "platforms": [
            {
                "platform": r.platform,
                "name": r.name,
                "facts": r.facts,
                "evidence": dict(r.evidence),
                "shares": {k: round(r.share(k), 3) for k in EVIDENCE_KINDS},
                "stale": r.stale,
                "unsourced": r.unsourced,
                "mirror": r.mirror,
                "unknown": r.unknown,
                "money_estimates": r.money_estimates,
                "mirror_sources": r.mirror_sources,
                "oldest": r.oldest.isoformat() if r.oldest else None,
                "coverage": {g: round(v, 3) for g, v in r.coverage.items()},
            }
            for r in a.platforms
        ],
    }


def render_json(a: Audit) -> str:
    return json.dumps(payload(a), indent=2, ensure_ascii=False) + "\n"


def _groups(rows: list[PlatformAudit]) -> list[str]:
    return list(rows[0].coverage) if rows else []


def _cov(value: float) -> str:
    return "●" if value >= 0.999 else ("◐" if value >= 0.5 else ("○" if value > 0 else "·"))


def summary(a: Audit) -> str:
    """One paragraph: the whole catalogue's evidence, its findings and the exchange rates' age."""
    shares = ", ".join(f"{_pct(a.share(k))} {_KIND_LABEL[k]}" for k in EVIDENCE_KINDS)
    r = a.rates
    rates = f"Exchange rates of {r.as_of.isoformat()}: {r.age_months} months old"
    rates += f" (older than {r.limit_months}: refresh them)." if r.stale else "."
    return (
        f"Catalogue audit as of {a.today.isoformat()}: {len(a.platforms)} platforms, {a.facts} facts "
        f"resting on {shares}. {a.count('money_estimates')} pricing facts rest on estimates; "
        f"{a.count('stale')} facts older than {a.max_age_months} months, {a.count('unsourced')} "
        f"without a source of their own, {a.count('mirror')} citing a mirror or machine summary. {rates}"
    )


def _evidence_table(a: Audit) -> Table:
    table = Table(
        title="Evidence (share of facts) and findings (facts)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        padding=(0, 1, 0, 0),  # the box draws a space between columns already
    )
    width = max((len(r.platform) for r in a.platforms), default=8)
    table.add_column("platform", no_wrap=True, min_width=width)
    for col in ("facts", *(_SHORT[k] for k in EVIDENCE_KINDS), "stale", "unsrc", "mirr"):
        table.add_column(col, justify="right", no_wrap=True)
    for r in a.platforms:
        table.add_row(
            r.platform,
            str(r.facts),
            *(_pct(r.share(k)) for k in EVIDENCE_KINDS),
            str(len(r.stale)),
            str(len(r.unsourced)),
            str(len(r.mirror)),
        )
    return table


def _coverage_table(rows: list[PlatformAudit]) -> Table:
    groups = _groups(rows)
    table = Table(
        title="Coverage by group (● all known, ◐ half or more, ○ less, · none)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        padding=(0, 0),  # one column per group: only the box's space between them fits 80
    )
    width = max((len(r.platform) for r in rows), default=8)
    table.add_column("platform", no_wrap=True, min_width=width)
    for g in groups:
        table.add_column(g[:3], justify="center", no_wrap=True)
    for r in rows:
        table.add_row(r.platform, *(_cov(r.coverage[g]) for g in groups))
    return table


def _printable(text: str) -> str:
    """URLs come from the files: a control character in one must not reach the terminal."""
    return "".join("?" if unicodedata.category(ch).startswith("C") else ch for ch in text)


def _lines(title: str, items: list[tuple[str, str]]) -> list[RenderableType]:
    """A titled list: each label on its own line, its text indented under it and wrapped
    between words (an id is never cut), a URL folded where it must."""
    if not items:
        return []
    out: list[RenderableType] = [Text(title, style="bold")]
    for label, text in items:
        out.append(Padding(Text(label, overflow="fold"), (0, 0, 0, 2)))
        out.append(Padding(Text(_printable(text), overflow="fold"), (0, 0, 0, 4)))
    return [*out, Text("")]


def _money(a: Audit) -> list[tuple[str, str]]:
    """Platforms grouped by which pricing figures rest on estimates, most common set first."""
    by_set: dict[tuple[str, ...], list[str]] = {}
    for r in a.platforms:
        if r.money_estimates:
            by_set.setdefault(tuple(r.money_estimates), []).append(r.platform)
    ordered = sorted(by_set.items(), key=lambda kv: -len(kv[1]))
    return [
        ("pricing " + ", ".join(w.removeprefix("pricing.") for w in what) + ":", ", ".join(pids))
        for what, pids in ordered
    ]


def _mirrors(a: Audit) -> list[tuple[str, str]]:
    out = [(f"{r.platform}: {key}", url) for r in a.platforms for key, url in r.mirror_sources.items()]
    return out + [("exchange rates", url) for url in a.rates.mirror]


def render_table(a: Audit) -> RenderableType:
    parts: list[RenderableType] = [Text(summary(a)), Text(""), _evidence_table(a), _coverage_table(a.platforms)]
    parts += _lines("Estimates that carry money (they feed the cost directly):", _money(a))
    parts += _lines("Sources that are mirrors or machine summaries (cite the page they copy):", _mirrors(a))
    return RichGroup(*parts)


def render_markdown(a: Audit) -> str:
    groups = _groups(a.platforms)
    lines = [
        summary(a),
        "",
        "| platform | facts | vendor docs | third party | estimate | unknown | stale | unsourced | mirror |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in a.platforms:
        shares = " | ".join(_pct(r.share(k)) for k in EVIDENCE_KINDS)
        lines.append(f"| {r.platform} | {r.facts} | {shares} | {len(r.stale)} | {len(r.unsourced)} | {len(r.mirror)} |")
    money = _money(a)
    if money:
        lines += ["", "Estimates that carry money (they feed the cost directly):", ""]
        lines += [f"- {what} {pids}" for what, pids in money]
    mirrors = _mirrors(a)
    if mirrors:
        lines += ["", "Sources that are mirrors or machine summaries (cite the page they copy):", ""]
        lines += [f"- {what}: {url}" for what, url in mirrors]
    lines += [
        "",
        "Coverage by group (share of criteria known):",
        "",
        "| platform | " + " | ".join(groups) + " |",
        "|---|" + "|".join(":-:" for _ in groups) + "|",
    ]
    for r in a.platforms:
        cells = " | ".join(f"{r.coverage[g] * 100:.0f}%" for g in groups)
        lines.append(f"| {r.platform} | {cells} |")
    return "\n".join(lines) + "\n"
