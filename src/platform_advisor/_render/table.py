"""Rich tables for a terminal."""

from __future__ import annotations

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .._catalog import Catalog
from .._i18n import name
from .._i18n.results import flag, knockout, veto
from .._scoring import Result
from .common import basis_text, caveat, cost_text, pct, say, strengths


def _bar(score: float, width: int = 10) -> str:
    filled = round(score / 100 * width)
    return "█" * filled + "·" * (width - filled)


def render_result(result: Result, catalog: Catalog, lang: str = "en") -> Group:
    parts: list[Text | Table] = []
    table = Table(
        title=f"{escape(result.name)}  [dim]{escape(result.file)}[/dim]",
        title_justify="left",
        expand=False,
        pad_edge=False,
    )
    table.add_column("#", justify="right")
    table.add_column(say("platform", lang))
    table.add_column(say("score", lang), justify="right")
    table.add_column("", no_wrap=True)
    table.add_column(say("known", lang), justify="right")
    table.add_column(say("tco_short", lang), justify="right")
    table.add_column(say("strongest", lang))
    strong = strengths(result)
    for r in result.ranking:
        best = ", ".join(name("label", c, lang, catalog.criteria[c].label) for c in strong[r.platform])
        table.add_row(
            str(r.rank),
            escape(r.name) + (" [yellow]![/yellow]" if r.flags else ""),
            f"{r.score:.1f}" if lang == "en" else f"{r.score:.1f}".replace(".", ","),
            _bar(r.score),
            pct(r.coverage, lang),
            f"{escape(cost_text(r, lang))}\n[dim]{escape(basis_text(r.tco, lang))}[/dim]",
            escape(best),
        )
    if result.ranking:
        parts.append(table)
        parts.append(_flags(result, catalog, lang))
    else:
        parts.append(Text(say("none_passed", lang, name=result.name), style="bold"))
    if result.excluded:
        parts.append(_excluded_summary(result, catalog, lang))
    if result.expectations.checked:
        if result.expectations.passed:
            parts.append(Text(say("expect_passed", lang), style="green"))
        else:
            text = Text(say("expect_failed", lang) + "\n", style="bold red")
            for f in result.expectations.failures:
                text.append(f"  - {f}\n")
            parts.append(text)
    parts.append(Text(""))
    return Group(*parts)


def _flags(result: Result, catalog: Catalog, lang: str) -> Text:
    """What to check before relying on the ranking: the caveat on #1, then each flagged platform."""
    text = Text()
    note = caveat(result, lang)
    if note:
        text.append(note + "\n", style="bold yellow")
    flagged = [r for r in result.ranking if r.flags]
    if flagged:
        text.append(say("to_check_head", lang) + "\n", style="yellow")
        for r in flagged:
            text.append(f"  {r.name}", style="bold")
            text.append(": " + "; ".join(flag(f, r, None, catalog, lang) for f in r.flags) + "\n")
    return text


def _excluded_summary(result: Result, catalog: Catalog, lang: str) -> Text:
    """Near-misses in full (the closest first), the rest counted by reason: a terminal is not a report."""
    near = [e for e in result.excluded if e.near_miss]  # the result lists the closest first
    text = Text()
    if near:
        text.append(say("near_misses", lang) + "\n", style="bold")
        for e in near[:5]:
            text.append(f"  {e.name}", style="bold")
            why = "; ".join(knockout(k, e, None, catalog, lang) for k in e.reasons)
            text.append(f": {why}; {say('would_rank', lang, rank=e.would_rank)}\n")
    kinds: dict[str, int] = {}
    for e in result.excluded:
        for k in {k.kind for k in e.reasons}:
            kinds[k] = kinds.get(k, 0) + 1
    limit = veto(catalog, lang)
    words = {k: say(f"kind.{k}", lang, veto=limit) for k in ("must_have", "erp", "budget", "affordability")}
    summary = ", ".join(f"{n} {words.get(k, k)}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
    text.append(say("excluded_count", lang, count=len(result.excluded), summary=summary) + "\n")
    return text
