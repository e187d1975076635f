"""The decision record: the report's content as Markdown, for a pull request or a job summary."""

from __future__ import annotations

from .._safe_text import link, markdown
from .model import Report
from .words import w


def _c(text: object) -> str:
    """Table-safe and markup-safe: catalogue text may hold anything, including <script>."""
    return markdown(str(text))


def render(data: Report) -> str:
    lang = data.lang
    out = [f"# {w('title', lang)}: {_c(data.name)}", "", f"## {w('summary', lang)}", ""]
    out += ["\n\n".join(_c(s) for s in data.summary), "", f"### {w('requirements', lang)}", ""]
    out += [f"- **{k}**: {_c(v)}" for k, v in data.card]
    out += [f"- {_c(g)}" for g in data.goals]
    if data.ranking:
        names = [_c(g.name) for g in data.groups]
        out += [
            "",
            f"## {w('ranking', lang)}",
            "",
            "| # | "
            + w("platform", lang)
            + " | "
            + w("score", lang)
            + " | "
            + w("known", lang)
            + " | "
            + " | ".join(names)
            + " |",
            "|---:|---|---:|---:|" + "---:|" * len(names),
        ]
        for r in data.ranking:
            out.append(
                f"| {r.rank} | {_c(r.name)} | {r.score_text} | {r.coverage_text} | "
                + " | ".join(r.by_group_text[g.id] for g in data.groups)
                + " |"
            )
        # what the HTML report's "to check" column holds, as a list under the wide table
        checks = [r for r in data.ranking if r.flags]
        if checks:
            out += ["", f"**{w('to_check', lang)}**", ""]
            out += [f"- **{r.rank}. {_c(r.name)}**: {_c('; '.join(r.flags))}" for r in checks]
    out += ["", f"## {w('knockouts', lang)}", ""]
    if not data.near_misses and not data.excluded:
        out.append(w("no_exclusions", lang))
    out += [
        f"- **{_c(n.name)}**: {_c(n.reason)} ({w('would_rank', lang, rank=n.would_rank)})" for n in data.near_misses
    ]
    out += [f"- {_c(x.name)}: {_c('; '.join(x.reasons))}" for x in data.excluded]
    if data.ranking:
        out += [
            "",
            f"## {w('tco', lang)}",
            "",
            f"| {w('platform', lang)} | {w('cost_basis', lang)} | {w('monthly', lang)} | {w('one_off', lang)} | "
            f"{w('three_year', lang)} |",
            "|---|---|---:|---:|---:|",
        ]
        for r in data.ranking[:5]:
            cells = [r.tco_text.monthly, r.tco_text.one_off, r.tco_text.three_year]
            out.append(f"| {_c(r.name)} | {_c(r.tco.basis)} | " + " | ".join(cells) + " |")
        for c in data.costs:
            out += ["", f"**{_c(c.name)}: {_c(c.three_year)}**", ""]
            out += [f"- {_c(line.strip())}" for line in c.lines]
    if data.acceptability:
        out += [
            "",
            f"## {w('robustness', lang)}",
            "",
            w("acceptability", lang, samples=data.samples),
            "",
            f"| {w('platform', lang)} | 1 | 2 | 3 |",
            "|---|---:|---:|---:|",
        ]
        out += [f"| {_c(a.name)} | " + " | ".join(a.shares_text) + " |" for a in data.acceptability]
    if data.stability:
        out += [
            "",
            w("stability", lang),
            "",
            f"| {w('group', lang)} | {w('now', lang)} | {w('range', lang)} |",
            "|---|---:|---:|",
        ]
        out += [f"| {_c(s.name)} | {s.now_text} | {s.range_text} |" for s in data.stability]
    out += ["", f"## {w('readiness', lang)}", "", f"### {w('roles', lang)}", ""]
    out += [
        f"- **{_c(r.name)}** ({w('in_house', lang) if r.in_house else w('outsource', lang)}): {_c(r.what)}"
        for r in data.roles
    ]
    out += ["", f"### {w('checklist', lang)}", ""]
    out += [f"- [{'x' if i.status == 'done' else ' '}] {_c(i.text)} *({w(i.status, lang)})*" for i in data.checklist]
    out += ["", f"### {w('partner', lang)}", ""] + [f"{n}. {_c(q)}" for n, q in enumerate(data.partner_questions, 1)]
    out += ["", f"## {w('evidence', lang)}", ""]
    for block in data.evidence:
        out += [
            f"### {_c(block.name)}",
            "",
            f"| {w('criterion', lang)} | {w('rating', lang)} | {w('source', lang)} | {w('checked', lang)} |",
            "|---|---:|---|---|",
        ]
        for row in block.rows:
            src = link(str(row.source), row.url) if row.url else _c(row.source or "-")
            stale = f" **({_c(row.stale)})**" if row.stale else ""
            out.append(
                f"| {_c(row.criterion)} | {row.rating} | {src}"
                + (f" ({row.evidence})" if row.evidence else "")
                + f" | {row.as_of or '-'}{stale} |"
            )
        out.append("")
    out.append(f"_{w('generated', lang)}, {data.generated}._")
    return "\n".join(out) + "\n"
