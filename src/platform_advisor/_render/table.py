"""Rich tables for a terminal."""

from __future__ import annotations

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .._catalog import Catalog
from .._scoring import Result
from .common import caveat, cost_text, pct, strengths


def _bar(score: float, width: int = 10) -> str:
    filled = round(score / 100 * width)
    return "█" * filled + "·" * (width - filled)


def render_result(result: Result, catalog: Catalog) -> Group:
    parts: list[Text | Table] = []
    table = Table(
        title=f"{escape(result.name)}  [dim]{escape(result.file)}[/dim]",
        title_justify="left",
        expand=False,
        pad_edge=False,
    )
    table.add_column("#", justify="right")
    table.add_column("Platform")
    table.add_column("Score", justify="right")
    table.add_column("", no_wrap=True)
    table.add_column("Known", justify="right")
    table.add_column("3-yr TCO", justify="right")
    table.add_column("Strongest on")
    strong = strengths(result)
    for r in result.ranking:
        best = ", ".join(catalog.criteria[c].label for c in strong[r.platform])
        table.add_row(
            str(r.rank),
            escape(r.name) + (" [yellow]![/yellow]" if r.flags else ""),
            f"{r.score:.1f}",
            _bar(r.score),
            pct(r.coverage),
            cost_text(r),
            escape(best),
        )
    if result.ranking:
        parts.append(table)
        parts.append(_flags(result))
    else:
        parts.append(Text(f"{result.name}: no platform passed the knock-outs.", style="bold"))
    if result.excluded:
        parts.append(_excluded_summary(result))
    if result.expectations.checked:
        if result.expectations.passed:
            parts.append(Text("Expectations: all passed.", style="green"))
        else:
            text = Text("Expectations failed:\n", style="bold red")
            for f in result.expectations.failures:
                text.append(f"  - {f}\n")
            parts.append(text)
    parts.append(Text(""))
    return Group(*parts)


def _flags(result: Result) -> Text:
    """What to check before relying on the ranking: the caveat on #1, then each flagged platform."""
    text = Text()
    note = caveat(result)
    if note:
        text.append(note + "\n", style="bold yellow")
    flagged = [r for r in result.ranking if r.flags]
    if flagged:
        text.append("! To check:\n", style="yellow")
        for r in flagged:
            text.append(f"  {r.name}", style="bold")
            text.append(": " + "; ".join(f.text for f in r.flags) + "\n")
    return text


def _excluded_summary(result: Result) -> Text:
    """Near-misses in full (the closest first), the rest counted by reason: a terminal is not a report."""
    near = [e for e in result.excluded if e.near_miss]  # the result lists the closest first
    text = Text()
    if near:
        text.append("Near-misses (closest first):\n", style="bold")
        for e in near[:5]:
            text.append(f"  {e.name}", style="bold")
            text.append(f": {'; '.join(k.text for k in e.reasons)}; would rank #{e.would_rank}\n")
    kinds: dict[str, int] = {}
    for e in result.excluded:
        for k in {k.kind for k in e.reasons}:
            kinds[k] = kinds.get(k, 0) + 1
    words = {
        "must_have": "lack a must-have",
        "erp": "cannot connect your ERP",
        "budget": "exceed the hard budget",
        "affordability": "cost over 4x the reference",
    }
    summary = ", ".join(f"{n} {words.get(k, k)}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
    text.append(f"{len(result.excluded)} excluded ({summary}); all reasons: --format markdown or json\n")
    return text
