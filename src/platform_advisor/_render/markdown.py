"""Markdown: for pull requests, wikis and CI job summaries."""

from __future__ import annotations

from .._catalog import Catalog
from .._i18n import name
from .._i18n.results import flag, knockout
from .._safe_text import code
from .._safe_text import markdown as _cell
from .._scoring import Result
from .common import basis_text, caveat, cost_text, pct, say, strengths


def render_result(result: Result, catalog: Catalog, lang: str = "en") -> str:
    lines = [f"## {_cell(result.name)}", "", code(result.file), ""]
    if result.ranking:
        lines += [
            f"| # | {say('platform', lang)} | {say('score', lang)} | {say('coverage', lang)} | {say('tco', lang)} | "
            f"{say('strongest_field', lang)} | {say('to_check', lang)} |",
            "|---:|---|---:|---:|---:|---|---|",
        ]
        strong = strengths(result)
        for r in result.ranking:
            best = ", ".join(name("criterion", c, lang, catalog.criteria[c].name) for c in strong[r.platform])
            check = "; ".join(flag(f, r, None, catalog, lang) for f in r.flags)
            score = f"{r.score:.2f}" if lang == "en" else f"{r.score:.2f}".replace(".", ",")
            lines.append(
                f"| {r.rank} | {_cell(r.name)} | {score} | {pct(r.coverage, lang)} | "
                f"{cost_text(r, lang)} ({_cell(basis_text(r.tco, lang))}) | {_cell(best)} | {_cell(check)} |"
            )
        note = caveat(result, lang)
        if note:
            lines += ["", f"**{say('note', lang)}** {_cell(note)}"]
    else:
        lines.append(say("none_passed_plain", lang))
    if result.excluded:
        lines += ["", f"**{say('excluded_md', lang)}**", ""]
        for e in result.excluded:
            near = f" *({say('near_miss_md', lang, rank=e.would_rank)})*" if e.near_miss else ""
            why = "; ".join(_cell(knockout(k, e, None, catalog, lang)) for k in e.reasons)
            lines.append(f"- {_cell(e.name)}: " + why + near)
    if result.expectations.checked:
        lines += [""]
        if result.expectations.passed:
            lines.append(say("expect_passed", lang))
        else:
            lines.append(f"**{say('expect_failed', lang)}**")
            lines += [f"- {_cell(f)}" for f in result.expectations.failures]
    return "\n".join(lines) + "\n"


def render(results: list[Result], catalog: Catalog, lang: str = "en") -> str:
    return "\n".join(render_result(r, catalog, lang) for r in results)
