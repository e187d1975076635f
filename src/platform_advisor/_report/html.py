"""A single self-contained HTML page: inline CSS, inline SVG charts, no script, no network.

Every piece of catalogue or user text passes through `e()` (escaped, with control and bidi characters shown as
escapes); links appear only as <a href> in the evidence table.
"""

from __future__ import annotations

from .._i18n import money
from .._safe_text import html, url
from .model import Report
from .words import w

PALETTE = [
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#393b79",
]

CSS = """
:root { --ink: #1d2330; --muted: #5b6473; --line: #d9dde3; --accent: #0b5cab; --bg: #ffffff; --soft: #f4f6f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       color: var(--ink); background: var(--bg); }
main { max-width: 980px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.7rem; margin: 0 0 4px; } h2 { font-size: 1.25rem; margin: 36px 0 10px;
     border-bottom: 2px solid var(--line); padding-bottom: 4px; } h3 { font-size: 1.05rem; margin: 20px 0 8px; }
.lead { font-size: 1.1rem; } .muted { color: var(--muted); font-size: .9rem; }
.card { display: grid; grid-template-columns: repeat(auto-fit, minmax(230px, 1fr)); gap: 8px 20px;
        background: var(--soft); border-radius: 8px; padding: 14px 18px; margin: 12px 0; }
.card div { font-size: .95rem; } .card b { display: block; color: var(--muted); font-size: .8rem;
        font-weight: 600; text-transform: uppercase; letter-spacing: .03em; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; margin: 8px 0; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); font-weight: 600; } td.num, th.num { text-align: right; white-space: nowrap; }
svg { max-width: 100%; height: auto; display: block; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: .82rem; margin: 6px 0 12px; }
.legend span::before { content: ""; display: inline-block; width: 10px; height: 10px; margin-right: 5px;
        background: var(--c); border-radius: 2px; }
.tag { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: .78rem; font-weight: 600; }
.in { background: #e3f2e6; color: #1e6b32; } .out { background: #fdf0dd; color: #8a5300; }
.done { background: #e3f2e6; color: #1e6b32; } .todo { background: #fde2e1; color: #a1241c; }
.check { background: #e8eefb; color: #23479c; } .stale { color: #a1241c; font-weight: 600; }
ul.tight li { margin: 3px 0; } a { color: var(--accent); }
footer { margin-top: 40px; color: var(--muted); font-size: .85rem; }
@media (max-width: 640px) { body { font-size: 15px; } main { padding: 16px 12px 32px; } h1 { font-size: 1.4rem; } }
@media print {
  body { font-size: 11pt; } main { max-width: none; padding: 0; } h2 { break-after: avoid; }
  section { break-inside: avoid-page; } .scroll { overflow: visible; } a { color: inherit; text-decoration: none; }
  .card, th { background: none !important; }
}
"""


def e(value: object) -> str:
    return html(str(value))


def ranking_svg(data: Report) -> str:
    rows = data.ranking
    groups = [g.id for g in data.groups]
    label_w, bar_w, row_h = 190, 560, 26
    height = row_h * len(rows) + 30
    label = e(w("chart_ranking", data.lang))
    parts = [f'<svg viewBox="0 0 {label_w + bar_w + 60} {height}" role="img" aria-label="{label}">']
    for tick in range(0, 101, 25):
        gx = label_w + bar_w * tick / 100
        parts.append(f'<line x1="{gx:.1f}" y1="0" x2="{gx:.1f}" y2="{height - 22}" stroke="#e3e6ea"/>')
        parts.append(
            f'<text x="{gx:.1f}" y="{height - 6}" font-size="11" text-anchor="middle" fill="#5b6473">{tick}</text>'
        )
    for i, r in enumerate(rows):
        y = i * row_h + 4
        label = f"{e(r.rank)}. {e(r.name)}"
        parts.append(f'<text x="{label_w - 8}" y="{y + 16}" font-size="13" text-anchor="end">{label}</text>')
        x = float(label_w)
        for k, g in enumerate(groups):
            width = bar_w * r.by_group[g] / 100
            if width <= 0:
                continue
            colour = PALETTE[k % len(PALETTE)]
            parts.append(
                f'<rect x="{x:.2f}" y="{y}" width="{width:.2f}" height="{row_h - 8}" fill="{colour}">'
                f"<title>{e(data.groups[k].name)}: {e(r.by_group_text[g])}</title></rect>"
            )
            x += width
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}" font-size="12" font-weight="600">{e(r.score_text)}</text>')
    parts.append("</svg>")
    legend = "".join(
        f'<span style="--c:{PALETTE[k % len(PALETTE)]}">{e(g.name)}</span>' for k, g in enumerate(data.groups)
    )
    return "".join(parts) + f'<div class="legend">{legend}</div>'


def tco_svg(data: Report) -> str:
    rows = [(r, r.tco.three_year) for r in data.ranking[:5] if r.tco.three_year is not None]
    if not rows:
        return ""
    top = max(total for _, total in rows) or 1
    label_w, bar_w, row_h = 190, 480, 26
    parts = [
        f'<svg viewBox="0 0 {label_w + bar_w + 170} {row_h * len(rows) + 6}" role="img" '
        f'aria-label="{e(w("chart_tco", data.lang))}">'
    ]
    for i, (r, total) in enumerate(rows):
        y = i * row_h + 4
        width = bar_w * total / top
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" font-size="13" text-anchor="end">{e(r.name)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{width:.2f}" height="{row_h - 8}" fill="#0b5cab"/>')
        amount = e(("≥ " if r.tco.at_least else "") + money(total, data.currency, data.lang))
        parts.append(f'<text x="{label_w + width + 6:.1f}" y="{y + 14}" font-size="12">{amount}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(head: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    """A scrollable table; cells are already-escaped HTML, numeric columns align right."""
    numeric = numeric or set()

    def cell(tag: str, i: int, value: str) -> str:
        return f'<{tag} class="num">{value}</{tag}>' if i in numeric else f"<{tag}>{value}</{tag}>"

    lines = ["<tr>" + "".join(cell("th", i, h) for i, h in enumerate(head)) + "</tr>"]
    lines += ["<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>" for row in rows]
    return '<div class="scroll"><table>' + "".join(lines) + "</table></div>"


def _tag(kind: str, text: str) -> str:
    return f'<span class="tag {kind}">{text}</span>'


def _section(anchor: str, title: str, note: str | None = None) -> str:
    muted = f'<p class="muted">{e(note)}</p>' if note else ""
    return f'<section id="{anchor}"><h2>{e(title)}</h2>{muted}'


def render(data: Report) -> str:
    lang = data.lang

    def t(key: str) -> str:
        return e(w(key, lang))

    out: list[str] = []
    add = out.append
    add(
        f'<!doctype html>\n<html lang="{e(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{t('title')}: {e(data.name)}</title><style>{CSS}</style></head><body><main>"
    )
    add(f'<header><p class="muted">{t("title")}</p><h1>{e(data.name)}</h1></header>')

    add(_section("summary", w("summary", lang)))
    add("".join(f'<p class="lead">{e(s)}</p>' for s in data.summary))
    add(f'<h3>{t("requirements")}</h3><div class="card">')
    add("".join(f"<div><b>{e(k)}</b>{e(v)}</div>" for k, v in data.card) + "</div>")
    if data.goals:
        add('<ul class="tight">' + "".join(f"<li>{e(g)}</li>" for g in data.goals) + "</ul>")
    add("</section>")

    if data.ranking:
        add(_section("ranking", w("ranking", lang), w("ranking_note", lang)) + ranking_svg(data))
        rows = [
            [str(r.rank), e(r.name), e(r.score_text), e(r.coverage_text), e("; ".join(r.flags))] for r in data.ranking
        ]
        add(_table(["#", t("platform"), t("score"), t("known"), t("to_check")], rows, {2, 3}) + "</section>")

    add(_section("knockouts", w("knockouts", lang)))
    if data.near_misses:
        add(f'<h3>{t("near_misses")}</h3><ul class="tight">')
        add(
            "".join(
                f"<li><b>{e(n.name)}</b>: {e(n.reason)} ({e(w('would_rank', lang, rank=n.would_rank))})</li>"
                for n in data.near_misses
            )
            + "</ul>"
        )
    if not data.near_misses and not data.excluded:
        add(f"<p>{t('no_exclusions')}</p>")
    if data.excluded:
        add(f'<h3>{t("others")}</h3><ul class="tight">')
        add("".join(f"<li><b>{e(x.name)}</b>: {e('; '.join(x.reasons))}</li>" for x in data.excluded) + "</ul>")
    add("</section>")

    if data.ranking:
        add(_section("tco", w("tco", lang), w("tco_note", lang)) + tco_svg(data))
        rows = [
            [e(r.name), e(r.tco.basis), e(r.tco_text.monthly), e(r.tco_text.one_off), e(r.tco_text.three_year)]
            for r in data.ranking[:5]
        ]
        head = [t("platform"), t("cost_basis"), t("monthly"), t("one_off"), t("three_year")]
        add(_table(head, rows, {2, 3, 4}))
        for c in data.costs:
            items = "".join(f"<li>{e(line.strip())}</li>" for line in c.lines)
            add(f'<h3>{e(c.name)}: {e(c.three_year)}</h3><ul class="tight">{items}</ul>')
        add("</section>")

    if data.acceptability:
        add(_section("robustness", w("robustness", lang), w("acceptability", lang, samples=data.samples)))
        rows = [[e(a.name)] + [e(s) for s in a.shares_text] for a in data.acceptability]
        add(_table([t("platform"), "1", "2", "3"], rows, {1, 2, 3}))
        if data.stability:
            rows = [[e(s.name), e(s.now_text), e(s.range_text)] for s in data.stability]
            add(f'<p class="muted">{t("stability")}</p>' + _table([t("group"), t("now"), t("range")], rows, {1, 2}))
        add("</section>")

    add(_section("readiness", w("readiness", lang)) + f"<h3>{t('roles')}</h3>")
    rows = [
        [
            t(role.area),
            f"<b>{e(role.name)}</b>",
            _tag("in" if role.in_house else "out", t("in_house" if role.in_house else "outsource")),
            e(role.what),
        ]
        for role in data.roles
    ]
    add(_table([t("area"), t("role"), "", ""], rows))
    add(f'<h3>{t("checklist")}</h3><ul class="tight">')
    add("".join(f'<li><span class="tag {i.status}">{t(i.status)}</span> {e(i.text)}</li>' for i in data.checklist))
    add(
        f"</ul><h3>{t('partner')}</h3><ol>"
        + "".join(f"<li>{e(q)}</li>" for q in data.partner_questions)
        + "</ol></section>"
    )

    add(_section("evidence", w("evidence", lang), w("evidence_note", lang)))
    for block in data.evidence:
        rows = []
        for row in block.rows:
            src = e(row.source or "-")
            if href := url(row.url or ""):
                src = f'<a href="{e(href)}" rel="noopener noreferrer">{src}</a>'
            stale = f' <span class="stale">({e(row.stale)})</span>' if row.stale else ""
            rows.append(
                [
                    e(row.criterion) + (f'<br><span class="muted">{e(row.note)}</span>' if row.note else ""),
                    e(row.rating),
                    f'{src}<br><span class="muted">{e(row.evidence or "")}</span>',
                    e(row.as_of or "-") + stale,
                ]
            )
        add(f"<h3>{e(block.name)}</h3>" + _table([t("criterion"), t("rating"), t("source"), t("checked")], rows, {1}))
    add("</section>")
    add(f"<footer>{t('generated')}, {e(data.generated)}. {e(data.file)}</footer></main></body></html>\n")
    return "".join(out)
