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
from .common import caveat


def bar(share: float, width: int = 20) -> str:
    filled = round(max(0.0, min(1.0, share)) * width)
    return "█" * filled + "·" * (width - filled)


def name_of(catalog: Catalog, target: str) -> str:
    if target in catalog.groups:
        return catalog.groups[target].name
    if target in catalog.criteria:
        return catalog.criteria[target].name
    return catalog.platforms[target].name if target in catalog.platforms else target


def weight_text(catalog: Catalog, change: WeightChange, leader: str, challenger: str) -> str:
    return (
        f"If {name_of(catalog, change.target)} carried {change.needed:.0%} of the weight instead of "
        f"{change.current:.0%} (the rest scaled to fit), {name_of(catalog, challenger)} would draw level "
        f"with {name_of(catalog, leader)}; beyond that it leads."
    )


def rating_text(catalog: Catalog, change: RatingChange, leader: str, challenger: str) -> str:
    who = name_of(catalog, change.platform)
    crit = name_of(catalog, change.criterion)
    was = "unknown" if change.current is None else str(change.current)
    if change.platform == challenger:
        return (
            f"If {who} were rated {change.needed} instead of {was} on {crit}, it would overtake "
            f"{name_of(catalog, leader)}."
        )
    return (
        f"If {who} were rated {change.needed} instead of {was} on {crit}, "
        f"{name_of(catalog, challenger)} would overtake it."
    )


def interval_text(catalog: Catalog, iv: Interval, leader: str) -> str:
    parts = []
    if iv.below_leader:
        parts.append(f"below {iv.low:.0%} {name_of(catalog, iv.below_leader)} leads")
    if iv.above_leader:
        parts.append(f"above {iv.high:.0%} {name_of(catalog, iv.above_leader)} leads")
    return "; ".join(parts) or f"{name_of(catalog, leader)} leads at any weight"


def edge_lines(catalog: Catalog, edges: list[Edge]) -> list[str]:
    return [
        f"{name_of(catalog, e.criterion)}: {e.value * 5:.1f} vs field {e.field * 5:.1f} ({e.points:+.1f} pts)"
        for e in edges
    ]


def _stability_table(title: str, last: str) -> Table:
    table = Table(title=title, title_justify="left", pad_edge=False)
    table.add_column("Group")
    table.add_column("Now", justify="right")
    table.add_column("Range", justify="right")
    table.add_column(last, max_width=38, no_wrap=not last)
    return table


def render_explain(data: dict[str, Any], catalog: Catalog) -> Group:
    """Render the payload built by the explain command (the same one JSON prints)."""
    out: list[Any] = []
    p = data["platform"]
    head = Text()
    head.append(f"#{p['rank']} {p['name']}", style="bold")
    head.append(f"  {p['score']:.1f} points, {p['coverage']:.0%} of the weighted data known\n")
    head.append(f"for {data['name']} ({data['file']})\n")
    out.append(head)
    if data.get("caveat"):
        out.append(Text(data["caveat"] + "\n", style="bold yellow"))
    if p["notes"]:
        out.append(Text("Adjusted for your systems: " + "; ".join(p["notes"]) + "\n"))
    if p["flags"]:
        check = Text("To check before relying on this\n", style="bold yellow")
        for f in p["flags"]:
            check.append(f"  ! {f['text']}\n")
        if p["penalty"]:
            check.append(f"  ({p['penalty']:.1f} points taken off until the must-haves are confirmed)\n")
        out.append(check)

    strong = Text("Strongest against the field\n", style="bold")
    for line in p["strongest"]:
        strong.append(f"  + {line}\n")
    strong.append("Weakest against the field\n", style="bold")
    for line in p["weakest"]:
        strong.append(f"  - {line}\n")
    out.append(strong)

    groups = Table(title="Score by group", title_justify="left", pad_edge=False)
    groups.add_column("Group")
    groups.add_column("Weight", justify="right")
    groups.add_column("Points", justify="right")
    groups.add_column("", no_wrap=True)
    top = max((g["points"] for g in data["groups"]), default=1) or 1
    for g in data["groups"]:
        if g["weight"] > 0:
            groups.add_row(escape(g["name"]), f"{g['weight']:.0%}", f"{g['points']:.1f}", bar(g["points"] / top, 16))
    out.append(groups)

    crits = Table(title="Criteria behind the score", title_justify="left", show_lines=False, pad_edge=False)
    crits.add_column("Criterion", max_width=24)
    crits.add_column("Rating", justify="right")
    crits.add_column("Pts", justify="right")
    crits.add_column("Why (catalogue note, evidence, checked)", max_width=40)
    for c in data["criteria"]:
        if c["weight"] <= 0:
            continue
        rating = "?" if c["unknown"] else f"{c['value'] * 5:.1f}".rstrip("0").rstrip(".")
        src = c["source"]
        why = c["note"] or ""
        if src:
            why += f" [{src['evidence']}, {src['as_of']}]"
        crits.add_row(escape(c["name"]), rating, f"{c['points']:.1f}", escape(why))
    out.append(crits)

    vs = data.get("versus")
    if vs:
        text = Text(
            f"Against #{vs['rank']} {vs['name']} ({vs['score']:.1f}, {vs['gap']:.1f} points behind)\n", style="bold"
        )
        text.append(f"  {vs['why']}\n")
        for key in ("weight_change", "rating_change"):
            if vs.get(key):
                text.append(f"  • {vs[key]['text']}\n")
        out.append(text)

    if data["near_misses"]:
        text = Text("Near-misses (closest first; best five)\n", style="bold")
        for n in data["near_misses"][:5]:
            text.append(
                f"  • {n['name']}: {n['reason']}; would have ranked #{n['would_rank']} ({n['would_score']:.1f}).\n"
            )
        out.append(text)

    if data["stability"]:
        title = f"How far each group's weight can move before {escape(p['name'])} loses first place"
        table = _stability_table(title, "Then")
        for s in data["stability"]:
            table.add_row(
                escape(s["name"]), f"{s['current']:.0%}", f"{s['low']:.0%}-{s['high']:.0%}", escape(s["text"])
            )
        out.append(table)

    t = data.get("topsis")
    if t:
        if t["agrees"]:
            out.append(Text(f"Cross-check: TOPSIS gives the same top 3 ({', '.join(t['top3'])}).\n"))
        else:
            out.append(
                Text(
                    f"Cross-check: TOPSIS ranks the top 3 differently ({', '.join(t['top3'])}); "
                    f"platforms that move: {', '.join(t['moved'])}.\n",
                    style="yellow",
                )
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
    return Group(Text(verdict(acc, catalog), style="bold"), table, Text(""), stab)


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


def explain_payload(result: Any, catalog: Catalog, platform_id: str | None) -> dict[str, Any]:
    """Everything `advisor explain` shows, as data (the JSON output and the table's source)."""
    from .._analysis.insights import strongest_weakest, why_ahead
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
        note = rating.note if rating else ("computed from the 3-year TCO" if crit.computed else None)
        criteria.append(
            {
                "criterion": cid,
                "name": crit.name,
                "group": crit.group,
                "weight": round(weights[cid], 4),
                "value": round(chosen.used[cid], 4),
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
            "name": grp.name,
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
            "notes": list(chosen.notes),
            "flags": [{"kind": f.kind, "subject": f.subject, "text": f.text} for f in chosen.flags],
            "penalty": chosen.penalty,
            "strongest": edge_lines(catalog, strong),
            "weakest": edge_lines(catalog, weak),
        },
        "groups": groups,
        "criteria": criteria,
        "versus": None,
        "caveat": caveat(result),
        "near_misses": [
            {
                "platform": e.platform,
                "name": e.name,
                "reason": "; ".join(k.text for k in e.reasons),
                "kind": e.reasons[0].kind,
                "would_rank": e.would_rank,
                "would_score": e.would_score,
            }
            for e in result.excluded
            if e.near_miss
        ],
        "stability": [],
        "topsis": None,
    }
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
            "why": why_ahead(result, leader, challenger, lambda cid: name_of(catalog, cid)),
            "weight_change": None
            if wc is None
            else {
                "target": wc.target,
                "current": round(wc.current, 4),
                "needed": round(wc.needed, 4),
                "text": weight_text(catalog, wc, leader.platform, challenger.platform),
            },
            "rating_change": None
            if rc is None
            else {
                "platform": rc.platform,
                "criterion": rc.criterion,
                "current": rc.current,
                "needed": rc.needed,
                "text": rating_text(catalog, rc, leader.platform, challenger.platform),
            },
        }
    if len(ranking) >= 2:
        data["stability"] = [
            {
                "group": iv.target,
                "name": name_of(catalog, iv.target),
                "current": round(iv.current, 4),
                "low": round(iv.low, 4),
                "high": round(iv.high, 4),
                "text": interval_text(catalog, iv, ranking[0].platform),
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


def explain_markdown(data: dict[str, Any]) -> str:
    p = data["platform"]
    lines = [
        f"## Why {p['name']} (#{p['rank']}, {p['score']:.1f} points)",
        "",
        f"For {data['name']}; {p['coverage']:.0%} of the weighted data is known.",
        "",
        "**Strongest against the field:** " + "; ".join(p["strongest"]),
        "",
        "**Weakest against the field:** " + "; ".join(p["weakest"]),
        "",
    ]
    if data.get("caveat"):
        lines += [f"**Note:** {data['caveat']}", ""]
    if p["flags"]:
        lines += ["**To check:** " + "; ".join(f["text"] for f in p["flags"]), ""]
    lines += [
        "| Group | Weight | Points |",
        "|---|---:|---:|",
    ]
    lines += [f"| {g['name']} | {g['weight']:.0%} | {g['points']:.1f} |" for g in data["groups"] if g["weight"] > 0]
    vs = data.get("versus")
    if vs:
        lines += ["", f"**Against #{vs['rank']} {vs['name']}** ({vs['gap']:.1f} points apart): {vs['why']}"]
        lines += [f"- {vs[k]['text']}" for k in ("weight_change", "rating_change") if vs.get(k)]
    if data["near_misses"]:
        lines += ["", "**Near-misses:**"]
        lines += [f"- {n['name']}: {n['reason']}; would have ranked #{n['would_rank']}." for n in data["near_misses"]]
    if data["stability"]:
        lines += ["", "| Group | Now | Stays first within | Then |", "|---|---:|---:|---|"]
        lines += [
            f"| {s['name']} | {s['current']:.0%} | {s['low']:.0%}-{s['high']:.0%} | {s['text']} |"
            for s in data["stability"]
        ]
    return "\n".join(lines) + "\n"
