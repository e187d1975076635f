"""`advisor explain` and `advisor robustness` for people: plain words, bars, 80 columns."""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from datetime import date
from typing import Any, TypeVar

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .._analysis.robustness import Acceptability
from .._analysis.stability import Interval
from .._catalog import Catalog
from .._i18n import day, t
from .._safe_text import markdown
from .common import pct
from .explain_data import CostLines, Explanation, name_of, num1

T = TypeVar("T")


def bar(share: float, width: int = 20) -> str:
    filled = round(max(0.0, min(1.0, share)) * width)
    return "█" * filled + "·" * (width - filled)


def _stability_table(title: str, last: str, lang: str = "en") -> Table:
    table = Table(title=title, title_justify="left", pad_edge=False)
    table.add_column(t("explain.group", lang))
    table.add_column(t("explain.now", lang), justify="right")
    table.add_column(t("explain.range", lang), justify="right")
    table.add_column(last, max_width=38, no_wrap=not last)
    return table


def render_explain(data: Explanation, catalog: Catalog, lang: str = "en") -> Group:
    """The explain screen; `data` was built in `lang`."""
    out: list[Any] = []
    p = data.platform
    head = Text()
    head.append(f"#{p.rank} {p.name}", style="bold")
    head.append(t("explain.head", lang, score=num1(p.score, lang), known=pct(p.coverage, lang)) + "\n")
    head.append(t("explain.for_file", lang, name=data.name, file=data.file) + "\n")
    out.append(head)
    if data.caveat:
        out.append(Text(data.caveat + "\n", style="bold yellow"))
    if p.notes:
        out.append(Text(t("explain.adjusted", lang) + "; ".join(p.notes) + "\n"))
    if p.flags:
        check = Text(t("explain.to_check", lang) + "\n", style="bold yellow")
        for f in p.flags:
            check.append(f"  ! {f.text}\n")
        for line in p.confirm:
            check.append(f"  {line}\n")
        out.append(check)

    strong = Text(t("explain.strongest", lang) + "\n", style="bold")
    for line in p.strongest:
        strong.append(f"  + {line}\n")
    strong.append(t("explain.weakest", lang) + "\n", style="bold")
    for line in p.weakest:
        strong.append(f"  - {line}\n")
    out.append(strong)

    groups = Table(title=t("explain.by_group", lang), title_justify="left", pad_edge=False)
    groups.add_column(t("explain.group", lang))
    groups.add_column(t("explain.weight", lang), justify="right")
    groups.add_column(t("explain.points", lang), justify="right")
    groups.add_column("", no_wrap=True)
    top = max((g.points for g in data.groups), default=1) or 1
    for g in data.groups:
        if g.weight > 0:
            groups.add_row(escape(g.name), pct(g.weight, lang), num1(g.points, lang), bar(g.points / top, 16))
    out.append(groups)

    crits = Table(title=t("explain.criteria", lang), title_justify="left", show_lines=False, pad_edge=False)
    crits.add_column(t("explain.criterion", lang), max_width=24)
    crits.add_column(t("explain.rating", lang), justify="right")
    crits.add_column(t("explain.pts", lang), justify="right")
    crits.add_column(t("explain.why", lang), max_width=40)
    for c in data.criteria:
        if c.weight <= 0:
            continue
        # counted in full from the need up: show what the catalogue rates it, not the full mark
        shown = c.rating if c.adequate and c.rating is not None else c.value * 5
        rating = "?" if c.unknown else f"{shown:.1f}".rstrip("0").rstrip(".") + ("*" if c.adequate else "")
        if lang != "en":
            rating = rating.replace(".", ",")
        src = c.source
        why = c.note or ""
        if src:
            if lang == "en":
                why += f" [{src.evidence}, {src.as_of}]"
            else:
                kind = t(f"report.evidence_kind.{src.evidence}", lang)
                why += f"{kind}, {day(date.fromisoformat(src.as_of), lang)}"
        crits.add_row(escape(c.name), rating, num1(c.points, lang), escape(why.strip()))
    out.append(crits)
    if data.adequate.criteria:
        out.append(Text(t("explain.adequate_mark", lang, need=data.adequate.need) + "\n"))
    out.append(_cost_text(data.cost, lang))

    vs = data.versus
    if vs:
        title = t(
            "explain.against", lang, rank=vs.rank, name=vs.name, score=num1(vs.score, lang), gap=num1(vs.gap, lang)
        )
        text = Text(title + "\n", style="bold")
        text.append(f"  {vs.why}\n")
        for move in (vs.weight_change, vs.rating_change):
            if move:
                text.append(f"  • {move.text}\n")
        out.append(text)

    if data.near_misses:
        text = Text(t("explain.near_misses", lang) + "\n", style="bold")
        for n in data.near_misses[:5]:
            line = t(
                "explain.near_miss",
                lang,
                name=n.name,
                reason=n.reason,
                rank=n.would_rank,
                score=num1(n.would_score, lang),
            )
            text.append(f"  • {line}\n")
        out.append(text)

    if data.stability:
        title = t("explain.stability", lang, name=escape(data.stability_of or p.name))
        table = _stability_table(title, t("explain.then", lang), lang)
        for s in data.stability:
            table.add_row(
                escape(s.name),
                pct(s.current, lang),
                f"{pct(s.low, lang)}-{pct(s.high, lang)}",
                escape(s.text),
            )
        out.append(table)

    tp = data.topsis
    if tp:
        if tp.agrees:
            out.append(Text(t("explain.topsis_same", lang, top=", ".join(tp.top3)) + "\n"))
        else:
            moved = ", ".join(tp.moved)
            out.append(
                Text(t("explain.topsis_differs", lang, top=", ".join(tp.top3), moved=moved) + "\n", style="yellow")
            )
    return Group(*out)


def _cost_text(cost: CostLines, lang: str = "en") -> Text:
    text = Text(t("render.cost_title", lang, total=cost.three_year_text) + "\n", style="bold")
    for line in cost.lines:
        text.append(f"  {line}\n")
    return text


def render_acceptability(
    acc: Acceptability, catalog: Catalog, intervals: list[Interval], leader: str, top: int = 10
) -> Group:
    parts = []
    if "weights" in acc.varied:
        parts.append("weights near yours" if acc.mode == "around" else "any weights at all")
    if "data" in acc.varied:
        parts.append("estimates and unknowns as they might turn out")
    table = Table(
        title=f"How often each platform ranks 1st, 2nd, 3rd: {acc.samples:,} samples of "
        f"{' and '.join(parts) or 'the stated weights and data'}, seed {acc.seed}",
        title_justify="left",
        pad_edge=False,
    )
    table.add_column("Platform")
    table.add_column("1st", justify="right")
    table.add_column("", no_wrap=True)
    table.add_column("2nd", justify="right")
    table.add_column("3rd", justify="right")
    ranked = sorted(acc.platforms, key=lambda p: (-acc.shares[p][0], -acc.shares[p][1], acc.platforms.index(p)))
    for pid in ranked[:top]:
        s = acc.shares[pid]
        table.add_row(
            escape(name_of(catalog, pid)),
            f"{s[0]:.0%}",
            bar(s[0], 20),
            f"{s[1]:.0%}" if len(s) > 1 else "-",
            f"{s[2]:.0%}" if len(s) > 2 else "-",
        )
    stab = _stability_table(f"Weight ranges within which {escape(name_of(catalog, leader))} stays first", "")
    for iv in intervals:
        span = "·" * round(iv.low * 20) + "█" * max(1, round((iv.high - iv.low) * 20))
        stab.add_row(
            escape(name_of(catalog, iv.target)),
            f"{iv.current:.0%}",
            f"{iv.low:.0%}-{iv.high:.0%}",
            span.ljust(20, "·")[:20],
        )
    return Group(Text(verdict(acc, catalog), style="bold"), table, Text(""), stab, Text(method(acc), style="dim"))


def acceptability_payload(acc: Acceptability, catalog: Catalog, intervals: list[Interval]) -> dict[str, Any]:
    """The JSON form of `advisor robustness`."""
    return {
        "verdict": verdict(acc, catalog),
        "samples": acc.samples,
        "seed": acc.seed,
        "mode": acc.mode,
        "concentration": acc.concentration,
        "varied": list(acc.varied),
        "acceptability": acc.shares,
        "central_weights": {p: {g: round(v, 4) for g, v in w.items()} for p, w in acc.central.items()},
        "stability": {
            iv.target: {"low": round(iv.low, 4), "high": round(iv.high, 4), "current": round(iv.current, 4)}
            for iv in intervals
        },
    }


def method(acc: Acceptability) -> str:
    """The sampling method as a footnote: what a statistician checks, after what everyone reads."""
    parts = []
    if "weights" in acc.varied:
        parts.append(
            f"weights from a Dirichlet distribution around yours (concentration {acc.concentration:g})"
            if acc.mode == "around"
            else "weights uniform over all weights"
        )
    if "data" in acc.varied:
        parts.append(
            "estimates one step either way, unknowns anywhere on the scale, "
            "costs known in part anywhere above that part"
        )
    return f"Method: {acc.samples:,} samples, seed {acc.seed}; " + ("; ".join(parts) or "nothing varied") + "."


def verdict(acc: Acceptability, catalog: Catalog) -> str:
    """One plain sentence first: how firm the #1 is."""
    if not acc.platforms:
        return "Nothing is ranked, so there is nothing to test."
    leader = acc.platforms[0]
    share = acc.shares[leader][0]
    name = name_of(catalog, leader)
    if share >= 0.8:
        return f"{name} stays first in {share:.0%} of the samples: a firm recommendation."
    rival = max(acc.platforms[1:], key=lambda p: acc.shares[p][0], default=None)
    other = f"; {name_of(catalog, rival)} is first in {acc.shares[rival][0]:.0%}" if rival else ""
    if share >= 0.5:
        return f"{name} is first in {share:.0%} of the samples{other}: likely, but check the facts it rests on."
    return f"{name} is first in only {share:.0%} of the samples{other}: too close to call on these facts."


def _md(value: T) -> T:
    """`value` with every string in it escaped for inline Markdown (the cost's figures too);
    same types, so the renderer below stays checked."""
    if isinstance(value, str):
        return markdown(value)  # type: ignore[return-value]
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: _md(getattr(value, f.name)) for f in fields(value)})
    if isinstance(value, tuple):
        return tuple(_md(v) for v in value)  # type: ignore[return-value]
    if isinstance(value, list):
        return [_md(v) for v in value]  # type: ignore[return-value]
    if isinstance(value, dict):
        return {k: _md(v) for k, v in value.items()}  # type: ignore[return-value]
    return value


def explain_markdown(data: Explanation, lang: str = "en") -> str:
    data = _md(data)
    p = data.platform
    lines = [
        "## " + t("explain.why_title", lang, name=p.name, rank=p.rank, score=num1(p.score, lang)),
        "",
        t("explain.for_known", lang, name=data.name, known=pct(p.coverage, lang)),
        "",
        f"**{t('explain.strongest', lang)}:** " + "; ".join(p.strongest),
        "",
        f"**{t('explain.weakest', lang)}:** " + "; ".join(p.weakest),
        "",
    ]
    if data.caveat:
        lines += [f"**{t('explain.note', lang)}** {data.caveat}", ""]
    if p.flags:
        lines += [f"**{t('explain.to_check_md', lang)}** " + "; ".join(f.text for f in p.flags), ""]
    if p.confirm:
        lines += [" ".join(p.confirm), ""]
    lines += [
        f"| {t('explain.group', lang)} | {t('explain.weight', lang)} | {t('explain.points', lang)} |",
        "|---|---:|---:|",
    ]
    lines += [f"| {g.name} | {pct(g.weight, lang)} | {num1(g.points, lang)} |" for g in data.groups if g.weight > 0]
    lines += ["", f"**{t('render.cost_label', lang)}** {data.cost.three_year_text}", ""]
    lines += [f"- {line.strip()}" for line in data.cost.lines]
    if data.adequate.criteria:
        lines += ["", t("explain.adequate", lang, need=data.adequate.need, names=", ".join(data.adequate.names))]
    vs = data.versus
    if vs:
        head = t("explain.against_md", lang, rank=vs.rank, name=vs.name)
        lines += ["", f"**{head}** {t('explain.apart', lang, gap=num1(vs.gap, lang))}: {vs.why}"]
        lines += [f"- {move.text}" for move in (vs.weight_change, vs.rating_change) if move]
    if data.near_misses:
        lines += ["", f"**{t('explain.near_misses_md', lang)}**"]
        lines += [
            "- " + t("explain.near_miss_md", lang, name=n.name, reason=n.reason, rank=n.would_rank)
            for n in data.near_misses
        ]
    if data.stability:
        cols = [t(f"explain.{k}", lang) for k in ("group", "now", "stays_first", "then")]
        head = "| " + " | ".join(cols) + " |"
        title = t("explain.stability", lang, name=data.stability_of or data.platform.name)
        lines += ["", f"**{title}**", "", head, "|---|---:|---:|---|"]
        lines += [
            f"| {s.name} | {pct(s.current, lang)} | {pct(s.low, lang)}-{pct(s.high, lang)} | {s.text} |"
            for s in data.stability
        ]
    return "\n".join(lines) + "\n"
