"""`advisor explain` and `advisor robustness` for people: plain words, bars, 80 columns."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .._analysis.insights import Edge
from .._analysis.robustness import Acceptability
from .._analysis.stability import Interval
from .._analysis.swap import RatingChange, WeightChange
from .._catalog import Catalog
from .._i18n import day, name, num, t
from .._i18n.results import flag, knockout
from .._safe_text import markdown_strings
from .common import caveat, pct


def bar(share: float, width: int = 20) -> str:
    filled = round(max(0.0, min(1.0, share)) * width)
    return "█" * filled + "·" * (width - filled)


def name_of(catalog: Catalog, target: str, lang: str = "en") -> str:
    if target in catalog.groups:
        return name("group", target, lang, catalog.groups[target].name)
    if target in catalog.criteria:
        return name("criterion", target, lang, catalog.criteria[target].name)
    return catalog.platforms[target].name if target in catalog.platforms else target


def _n(value: float, lang: str, decimals: int = 1) -> str:
    return num(value, lang, decimals)


def weight_text(catalog: Catalog, change: WeightChange, leader: str, challenger: str, lang: str = "en") -> str:
    return t(
        "explain.weight_change",
        lang,
        target=name_of(catalog, change.target, lang),
        needed=pct(change.needed, lang),
        current=pct(change.current, lang),
        challenger=name_of(catalog, challenger, lang),
        leader=name_of(catalog, leader, lang),
    )


def rating_text(catalog: Catalog, change: RatingChange, leader: str, challenger: str, lang: str = "en") -> str:
    who = name_of(catalog, change.platform, lang)
    crit = name_of(catalog, change.criterion, lang)
    was = ("unknown" if lang == "en" else t("common.unknown", lang)) if change.current is None else str(change.current)
    args = {"who": who, "needed": change.needed, "was": was, "criterion": crit}
    if change.platform == challenger:
        return t("explain.rating_overtakes", lang, leader=name_of(catalog, leader, lang), **args)
    return t("explain.rating_overtaken", lang, challenger=name_of(catalog, challenger, lang), **args)


def interval_text(catalog: Catalog, iv: Interval, leader: str, lang: str = "en") -> str:
    parts = []
    if iv.below_leader:
        parts.append(t("explain.below", lang, share=pct(iv.low, lang), name=name_of(catalog, iv.below_leader, lang)))
    if iv.above_leader:
        parts.append(t("explain.above", lang, share=pct(iv.high, lang), name=name_of(catalog, iv.above_leader, lang)))
    return "; ".join(parts) or t("explain.any_weight", lang, name=name_of(catalog, leader, lang))


def edge_lines(catalog: Catalog, edges: list[Edge], lang: str = "en") -> list[str]:
    return [
        t(
            "explain.edge",
            lang,
            name=name_of(catalog, e.criterion, lang),
            value=_n(e.value * 5, lang),
            field=_n(e.field * 5, lang),
            points=("+" if e.points >= 0 else "") + _n(e.points, lang) if lang != "en" else f"{e.points:+.1f}",
        )
        for e in edges
    ]


def why_text(result: Any, a: Any, b: Any, catalog: Catalog, lang: str, n: int = 3) -> str:
    """insights.why_ahead in `lang`: where `a` gains most over `b`, and where `b` is ahead."""
    from .._analysis.insights import head_to_head, why_ahead

    if lang == "en":
        return why_ahead(result, a, b, lambda cid: name_of(catalog, cid))
    gaps = head_to_head(result, a, b)
    ahead = [f"{name_of(catalog, c, lang)} (+{_n(p, lang)})" for c, p in gaps[:n] if p > 0]
    behind = [f"{name_of(catalog, c, lang)} (+{_n(-p, lang)})" for c, p in reversed(gaps) if p < 0][:n]

    def join(items: list[str]) -> str:
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {t('explain.and', lang)} " + items[-1]

    text = (
        t("explain.beats", lang, a=a.name, b=b.name, what=join(ahead))
        if ahead
        else t("explain.no_edge", lang, a=a.name, b=b.name)
    )
    if behind:
        text += t("explain.ahead_on", lang, b=b.name, what=join(behind))
    return text + t("explain.of_100", lang)


def _stability_table(title: str, last: str, lang: str = "en") -> Table:
    table = Table(title=title, title_justify="left", pad_edge=False)
    table.add_column(t("explain.group", lang))
    table.add_column(t("explain.now", lang), justify="right")
    table.add_column(t("explain.range", lang), justify="right")
    table.add_column(last, max_width=38, no_wrap=not last)
    return table


def render_explain(data: dict[str, Any], catalog: Catalog, lang: str = "en") -> Group:
    """Render the payload built by the explain command (the same one JSON prints; built in `lang`)."""
    out: list[Any] = []
    p = data["platform"]
    head = Text()
    head.append(f"#{p['rank']} {p['name']}", style="bold")
    head.append(t("explain.head", lang, score=_n(p["score"], lang), known=pct(p["coverage"], lang)) + "\n")
    head.append(t("explain.for_file", lang, name=data["name"], file=data["file"]) + "\n")
    out.append(head)
    if data.get("caveat"):
        out.append(Text(data["caveat"] + "\n", style="bold yellow"))
    if p["notes"]:
        out.append(Text(t("explain.adjusted", lang) + "; ".join(p["notes"]) + "\n"))
    if p["flags"]:
        check = Text(t("explain.to_check", lang) + "\n", style="bold yellow")
        for f in p["flags"]:
            check.append(f"  ! {f['text']}\n")
        if p["penalty"]:
            check.append("  " + t("explain.penalty", lang, points=_n(p["penalty"], lang)) + "\n")
        out.append(check)

    strong = Text(t("explain.strongest", lang) + "\n", style="bold")
    for line in p["strongest"]:
        strong.append(f"  + {line}\n")
    strong.append(t("explain.weakest", lang) + "\n", style="bold")
    for line in p["weakest"]:
        strong.append(f"  - {line}\n")
    out.append(strong)

    groups = Table(title=t("explain.by_group", lang), title_justify="left", pad_edge=False)
    groups.add_column(t("explain.group", lang))
    groups.add_column(t("explain.weight", lang), justify="right")
    groups.add_column(t("explain.points", lang), justify="right")
    groups.add_column("", no_wrap=True)
    top = max((g["points"] for g in data["groups"]), default=1) or 1
    for g in data["groups"]:
        if g["weight"] > 0:
            groups.add_row(escape(g["name"]), pct(g["weight"], lang), _n(g["points"], lang), bar(g["points"] / top, 16))
    out.append(groups)

    crits = Table(title=t("explain.criteria", lang), title_justify="left", show_lines=False, pad_edge=False)
    crits.add_column(t("explain.criterion", lang), max_width=24)
    crits.add_column(t("explain.rating", lang), justify="right")
    crits.add_column(t("explain.pts", lang), justify="right")
    crits.add_column(t("explain.why", lang), max_width=40)
    for c in data["criteria"]:
        if c["weight"] <= 0:
            continue
        # counted in full from the need up: show what the catalogue rates it, not the full mark
        shown = c["rating"] if c.get("adequate") and c.get("rating") is not None else c["value"] * 5
        rating = "?" if c["unknown"] else f"{shown:.1f}".rstrip("0").rstrip(".") + ("*" if c.get("adequate") else "")
        if lang != "en":
            rating = rating.replace(".", ",")
        src = c["source"]
        why = c["note"] or ""
        if src:
            if lang == "en":
                why += f" [{src['evidence']}, {src['as_of']}]"
            else:
                from datetime import date

                kind = t(f"report.evidence_kind.{src['evidence']}", lang)
                why += f"{kind}, {day(date.fromisoformat(src['as_of']), lang)}"
        crits.add_row(escape(c["name"]), rating, _n(c["points"], lang), escape(why.strip()))
    out.append(crits)
    adequate = data.get("adequate")
    if adequate and adequate["criteria"]:
        out.append(Text(t("explain.adequate_mark", lang, need=adequate["need"]) + "\n"))
    if data.get("cost"):
        out.append(_cost_text(data["cost"], lang))

    vs = data.get("versus")
    if vs:
        title = t(
            "explain.against",
            lang,
            rank=vs["rank"],
            name=vs["name"],
            score=_n(vs["score"], lang),
            gap=_n(vs["gap"], lang),
        )
        text = Text(title + "\n", style="bold")
        text.append(f"  {vs['why']}\n")
        for key in ("weight_change", "rating_change"):
            if vs.get(key):
                text.append(f"  • {vs[key]['text']}\n")
        out.append(text)

    if data["near_misses"]:
        text = Text(t("explain.near_misses", lang) + "\n", style="bold")
        for n in data["near_misses"][:5]:
            line = t(
                "explain.near_miss",
                lang,
                name=n["name"],
                reason=n["reason"],
                rank=n["would_rank"],
                score=_n(n["would_score"], lang),
            )
            text.append(f"  • {line}\n")
        out.append(text)

    if data["stability"]:
        title = t("explain.stability", lang, name=escape(p["name"]))
        table = _stability_table(title, t("explain.then", lang), lang)
        for s in data["stability"]:
            table.add_row(
                escape(s["name"]),
                pct(s["current"], lang),
                f"{pct(s['low'], lang)}-{pct(s['high'], lang)}",
                escape(s["text"]),
            )
        out.append(table)

    tp = data.get("topsis")
    if tp:
        if tp["agrees"]:
            out.append(Text(t("explain.topsis_same", lang, top=", ".join(tp["top3"])) + "\n"))
        else:
            moved = ", ".join(tp["moved"])
            out.append(
                Text(t("explain.topsis_differs", lang, top=", ".join(tp["top3"]), moved=moved) + "\n", style="yellow")
            )
    return Group(*out)


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


def cost_payload(tco: Any, lang: str = "en") -> dict[str, Any]:
    """The cost breakdown of `explain`: the score JSON's cost figures plus the same lines in words."""
    from .common import breakdown_lines, cost, plan_text
    from .json import tco_payload

    return {
        **tco_payload(tco),
        "plan_text": plan_text(tco, lang),
        "three_year_text": cost(tco.three_year, tco, lang),
        "lines": breakdown_lines(tco, lang),
    }


def _cost_text(cost: dict[str, Any], lang: str = "en") -> Text:
    text = Text(t("render.cost_title", lang, total=cost["three_year_text"]) + "\n", style="bold")
    for line in cost["lines"]:
        text.append(f"  {line}\n")
    return text


# what each computed criterion is worked out from (README, "How segment, market and industry enter")
_COMPUTED = {
    "tco": "computed from the 3-year TCO",
    "segment": "computed from your size and team against the platform's sweet spot",
    "market": "computed from your markets: sold there, local language, payments and carriers",
    "industry": "computed from the capabilities your industry usually needs",
}


def explain_payload(result: Any, catalog: Catalog, platform_id: str | None, lang: str = "en") -> dict[str, Any]:
    """Everything `advisor explain` shows, as data (the JSON output and the table's source).
    JSON is always built in English; `lang` gives the texts for a table or markdown."""
    from .._analysis.insights import strongest_weakest
    from .._analysis.stability import stability
    from .._analysis.swap import rating_change, weight_change
    from .._analysis.topsis import topsis

    ranking = result.ranking
    chosen = next(r for r in ranking if r.platform == platform_id) if platform_id else ranking[0]
    weights = result.weights.normalised()
    plat = catalog.platforms[chosen.platform]
    strong, weak = strongest_weakest(result, chosen)
    criteria = []
    for cid, crit in catalog.criteria.items():
        rating = plat.ratings.get(cid)
        src = plat.source_for(rating.source) if rating else None
        note = rating.note if rating else (_COMPUTED.get(crit.computed, "computed") if crit.computed else None)
        if lang != "en":
            note = None  # catalogue notes are written in English; the evidence and date stay
        criteria.append(
            {
                "criterion": cid,
                "name": name("criterion", cid, lang, crit.name),
                "group": crit.group,
                "weight": round(weights[cid], 4),
                "value": round(chosen.used[cid], 4),
                # the catalogue's own rating (None for computed criteria and unknowns)
                "rating": rating.value if rating and rating.value != "unknown" else None,
                "adequate": cid in result.adequate,
                "unknown": chosen.values[cid] is None,
                "points": chosen.contributions.get(cid, 0.0),
                "note": note,
                "source": None
                if src is None
                else {
                    "url": str(src.url) if src.url else None,
                    "title": src.title,
                    "evidence": src.evidence.value,
                    "as_of": src.as_of.isoformat(),
                },
            }
        )
    groups = [
        {
            "group": g,
            "name": name("group", g, lang, grp.name),
            "weight": round(sum(weights[c] for c in catalog.criteria_in(g)), 4),
            "points": round(sum(chosen.contributions.get(c, 0.0) for c in catalog.criteria_in(g)), 2),
        }
        for g, grp in catalog.groups.items()
    ]
    data: dict[str, Any] = {
        "file": result.file,
        "name": result.name,
        "platform": {
            "id": chosen.platform,
            "name": chosen.name,
            "rank": chosen.rank,
            "score": chosen.score,
            "coverage": chosen.coverage,
            # adjustment notes are the scoring core's English sentences, without keys to translate
            "notes": list(chosen.notes) if lang == "en" else [],
            "flags": [
                {"kind": f.kind, "subject": f.subject, "text": flag(f, chosen, None, catalog, lang)}
                for f in chosen.flags
            ],
            "penalty": chosen.penalty,
            "strongest": edge_lines(catalog, strong, lang),
            "weakest": edge_lines(catalog, weak, lang),
        },
        "groups": groups,
        "criteria": criteria,
        "versus": None,
        "caveat": caveat(result, lang),
        "near_misses": [
            {
                "platform": e.platform,
                "name": e.name,
                "reason": "; ".join(knockout(k, e, None, catalog, lang) for k in e.reasons),
                "kind": e.reasons[0].kind,
                "would_rank": e.would_rank,
                "would_score": e.would_score,
            }
            for e in result.excluded
            if e.near_miss
        ],
        "stability": [],
        "topsis": None,
        "adequate": {
            "need": result.adequate_need,
            "criteria": list(result.adequate),
            "names": [name("criterion", c, lang, catalog.criteria[c].name) for c in result.adequate],
        },
    }
    data["cost"] = cost_payload(chosen.tco, lang)
    other = (
        ranking[chosen.rank] if chosen.rank < len(ranking) else (ranking[chosen.rank - 2] if chosen.rank > 1 else None)
    )
    if other is not None:
        leader, challenger = (chosen, other) if chosen.rank < other.rank else (other, chosen)
        wc = weight_change(result, catalog, leader, challenger)
        rc = rating_change(result, catalog, leader, challenger)
        data["versus"] = {
            "platform": other.platform,
            "name": other.name,
            "rank": other.rank,
            "score": other.score,
            "gap": round(abs(chosen.score - other.score), 2),
            "why": why_text(result, leader, challenger, catalog, lang),
            "weight_change": None
            if wc is None
            else {
                "target": wc.target,
                "current": round(wc.current, 4),
                "needed": round(wc.needed, 4),
                "text": weight_text(catalog, wc, leader.platform, challenger.platform, lang),
            },
            "rating_change": None
            if rc is None
            else {
                "platform": rc.platform,
                "criterion": rc.criterion,
                "current": rc.current,
                "needed": rc.needed,
                "text": rating_text(catalog, rc, leader.platform, challenger.platform, lang),
            },
        }
    if len(ranking) >= 2:
        data["stability"] = [
            {
                "group": iv.target,
                "name": name_of(catalog, iv.target, lang),
                "current": round(iv.current, 4),
                "low": round(iv.low, 4),
                "high": round(iv.high, 4),
                "text": interval_text(catalog, iv, ranking[0].platform, lang),
            }
            for iv in stability(result, catalog)
            if iv.current > 0 or iv.high > 0
        ]
        check = topsis(result)
        data["topsis"] = {
            "top3": check.order[:3],
            "agrees": not check.moved,
            "moved": check.moved,
            "closeness": {k: round(v, 4) for k, v in check.closeness.items()},
        }
    return data


def explain_markdown(data: dict[str, Any], lang: str = "en") -> str:
    data = markdown_strings(data)
    p = data["platform"]
    lines = [
        "## " + t("explain.why_title", lang, name=p["name"], rank=p["rank"], score=_n(p["score"], lang)),
        "",
        t("explain.for_known", lang, name=data["name"], known=pct(p["coverage"], lang)),
        "",
        f"**{t('explain.strongest', lang)}:** " + "; ".join(p["strongest"]),
        "",
        f"**{t('explain.weakest', lang)}:** " + "; ".join(p["weakest"]),
        "",
    ]
    if data.get("caveat"):
        lines += [f"**{t('explain.note', lang)}** {data['caveat']}", ""]
    if p["flags"]:
        lines += [f"**{t('explain.to_check_md', lang)}** " + "; ".join(f["text"] for f in p["flags"]), ""]
    lines += [
        f"| {t('explain.group', lang)} | {t('explain.weight', lang)} | {t('explain.points', lang)} |",
        "|---|---:|---:|",
    ]
    lines += [
        f"| {g['name']} | {pct(g['weight'], lang)} | {_n(g['points'], lang)} |"
        for g in data["groups"]
        if g["weight"] > 0
    ]
    if data.get("cost"):
        lines += ["", f"**{t('render.cost_label', lang)}** {data['cost']['three_year_text']}", ""]
        lines += [f"- {line.strip()}" for line in data["cost"]["lines"]]
    adequate = data.get("adequate")
    if adequate and adequate["criteria"]:
        lines += ["", t("explain.adequate", lang, need=adequate["need"], names=", ".join(adequate["names"]))]
    vs = data.get("versus")
    if vs:
        head = t("explain.against_md", lang, rank=vs["rank"], name=vs["name"])
        lines += ["", f"**{head}** {t('explain.apart', lang, gap=_n(vs['gap'], lang))}: {vs['why']}"]
        lines += [f"- {vs[k]['text']}" for k in ("weight_change", "rating_change") if vs.get(k)]
    if data["near_misses"]:
        lines += ["", f"**{t('explain.near_misses_md', lang)}**"]
        lines += [
            "- " + t("explain.near_miss_md", lang, name=n["name"], reason=n["reason"], rank=n["would_rank"])
            for n in data["near_misses"]
        ]
    if data["stability"]:
        cols = [t(f"explain.{k}", lang) for k in ("group", "now", "stays_first", "then")]
        head = "| " + " | ".join(cols) + " |"
        lines += ["", head, "|---|---:|---:|---|"]
        lines += [
            f"| {s['name']} | {pct(s['current'], lang)} | {pct(s['low'], lang)}-{pct(s['high'], lang)} | {s['text']} |"
            for s in data["stability"]
        ]
    return "\n".join(lines) + "\n"
