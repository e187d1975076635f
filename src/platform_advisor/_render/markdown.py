"""Markdown: for pull requests, wikis and CI job summaries."""

from __future__ import annotations

from .._catalog import Catalog
from .._scoring import Result
from .common import caveat, cost_text, pct, strengths


def _cell(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("\n", " ")


def render_result(result: Result, catalog: Catalog) -> str:
    lines = [f"## {_cell(result.name)}", "", f"`{result.file}`", ""]
    if result.ranking:
        lines += [
            "| # | Platform | Score | Coverage | 3-year TCO | Strongest against the field | To check |",
            "|---:|---|---:|---:|---:|---|---|",
        ]
        strong = strengths(result)
        for r in result.ranking:
            best = ", ".join(catalog.criteria[c].name for c in strong[r.platform])
            check = "; ".join(f.text for f in r.flags)
            lines.append(
                f"| {r.rank} | {_cell(r.name)} | {r.score:.2f} | {pct(r.coverage)} | "
                f"{cost_text(r)} | {_cell(best)} | {_cell(check)} |"
            )
        note = caveat(result)
        if note:
            lines += ["", f"**Note:** {_cell(note)}"]
    else:
        lines.append("No platform passed the knock-outs.")
    if result.excluded:
        lines += ["", "**Excluded**", ""]
        for e in result.excluded:
            near = f" *(near-miss: would rank #{e.would_rank})*" if e.near_miss else ""
            lines.append(f"- {_cell(e.name)}: " + "; ".join(_cell(k.text) for k in e.reasons) + near)
    if result.expectations.checked:
        lines += [""]
        if result.expectations.passed:
            lines.append("Expectations: all passed.")
        else:
            lines.append("**Expectations failed:**")
            lines += [f"- {_cell(f)}" for f in result.expectations.failures]
    return "\n".join(lines) + "\n"


def render(results: list[Result], catalog: Catalog) -> str:
    return "\n".join(render_result(r, catalog) for r in results)
