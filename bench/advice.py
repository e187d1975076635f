"""Advice benchmark: how often the advisor's ranking agrees with a Nordic consultant's shortlist.

    python bench/advice.py [--catalog DIR] [--json]

Each file in bench/advice/businesses/ describes one business, a shortlist of 3-5 platforms written
from consulting practice before the tool was ever run on it, and a requirements block. The
requirements block is validated exactly as `advisor score` validates a file (errors are located in
the business file) and scored in-process. A benchmark, not a test: it reports agreement, it never
fails on it.

bench/advice/second_opinion.yaml, when present, is a second consultant's top 5 per business,
written blind to the shortlists and to the tool: the same figures for it show how far two
consultants agree, a reference for reading the tool's.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platform_advisor._catalog import Catalog, load_catalog
from platform_advisor._errors import AdvisorError
from platform_advisor._requirements import check
from platform_advisor._scoring import score
from platform_advisor._yaml import Document, Loc, load_file

BUSINESSES = Path(__file__).resolve().parent / "advice" / "businesses"
SECOND = Path(__file__).resolve().parent / "advice" / "second_opinion.yaml"
TOP = 5


@dataclass(frozen=True)
class Row:
    id: str
    top: tuple[tuple[str, float], ...]  # (platform, score), best first, at most TOP
    shortlist: tuple[str, ...]
    # the best-ranked shortlisted platform: (platform, rank, points behind #1); None if none ranked
    best_listed: tuple[str, int, float] | None = None
    # for a hit, how many points the best platform off the shortlist is behind #1
    lead: float | None = None

    @property
    def first(self) -> str | None:
        return self.top[0][0] if self.top else None

    @property
    def first_hit(self) -> bool:
        return self.first in self.shortlist

    @property
    def top_hits(self) -> int:
        return sum(p in self.shortlist for p, _ in self.top)


def requirements_block(doc: Document) -> Document:
    """The `requirements` mapping as a document of its own, keeping its positions in the file."""
    data = doc.data.get("requirements") if isinstance(doc.data, dict) else None
    prefix: Loc = ("requirements",)
    positions = {loc[1:]: pos for loc, pos in doc.positions.items() if loc[:1] == prefix}
    positions.setdefault((), doc.positions.get(prefix, (1, 1)))
    return Document(doc.path, data, positions)


def evaluate(path: Path, catalog: Catalog, warnings: list[str]) -> Row:
    doc = load_file(path, str(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path))
    req = check(requirements_block(doc), catalog)
    shortlist = tuple(str(item["platform"]) for item in doc.data.get("shortlist") or [])
    for pid in shortlist:
        if pid not in catalog.platforms:
            warnings.append(f"warning: {path.stem}: shortlisted {pid!r} is not in the catalogue (not matched)")
    result = score(req, catalog, file=str(path))
    top = tuple((r.platform, r.score) for r in result.ranking[:TOP])
    listed = next((r for r in result.ranking if r.platform in shortlist), None)
    best = None
    if listed is not None:
        best = (listed.platform, listed.rank, round(result.ranking[0].score - listed.score, 2))
    off = next((r for r in result.ranking if r.platform not in shortlist), None)
    lead = None
    if listed is not None and listed.rank == 1 and off is not None:
        lead = round(listed.score - off.score, 2)
    return Row(str(doc.data.get("id", path.stem)), top, shortlist, best, lead)


def summarise(rows: list[Row]) -> dict[str, Any]:
    n = len(rows)
    firsts = Counter(r.first for r in rows if r.first)
    top_places = sum(len(r.top) for r in rows)
    leader, leader_n = firsts.most_common(1)[0] if firsts else (None, 0)
    return {
        "businesses": n,
        "first_on_shortlist": sum(r.first_hit for r in rows),
        "first_on_shortlist_pct": round(100 * sum(r.first_hit for r in rows) / n, 1) if n else 0.0,
        "top5_places_filled": top_places,
        "top5_places_on_shortlist": sum(r.top_hits for r in rows),
        "top5_places_on_shortlist_pct": round(100 * sum(r.top_hits for r in rows) / top_places, 1)
        if top_places
        else 0.0,
        "distinct_first": len(firsts),
        "most_common_first": leader,
        "most_common_first_count": leader_n,
        "most_common_first_pct": round(100 * leader_n / n, 1) if n else 0.0,
        "first_counts": dict(firsts.most_common()),
        # how fragile the misses are: a miss whose best shortlisted platform is within a point
        # of #1 turns on details any catalogue edit can move
        "misses_within_1_point": sum(
            1 for r in rows if not r.first_hit and r.best_listed is not None and r.best_listed[2] <= 1.0
        ),
        "hits_within_1_point": sum(1 for r in rows if r.first_hit and r.lead is not None and r.lead <= 1.0),
    }


def second_picks(path: Path = SECOND) -> dict[str, list[str]] | None:
    """The second consultant's platforms per business, best first; None without the file."""
    if not path.exists():
        return None
    doc = load_file(path, str(path.name))
    return {str(bid): [str(item["platform"]) for item in items] for bid, items in (doc.data or {}).items()}


def second_opinion(rows: list[Row], path: Path = SECOND) -> dict[str, Any] | None:
    """The second consultant's top 5 scored like the tool's against the shortlists, and the
    tool's top 5 against it. None without the file."""
    picks = second_picks(path)
    if picks is None:
        return None
    theirs = [Row(r.id, tuple((p, 0.0) for p in picks.get(r.id, [])[:TOP]), r.shortlist) for r in rows]
    own = summarise([t for t in theirs if t.top])
    overlap = sum(sum(p in picks.get(r.id, [])[:TOP] for p, _ in r.top) for r in rows if r.id in picks)
    places = sum(len(r.top) for r in rows if r.id in picks)
    return {
        "businesses": own["businesses"],
        "first_on_shortlist": own["first_on_shortlist"],
        "first_on_shortlist_pct": own["first_on_shortlist_pct"],
        "top5_places_on_shortlist_pct": own["top5_places_on_shortlist_pct"],
        "tool_top5_in_second_top5": overlap,
        "tool_top5_in_second_top5_pct": round(100 * overlap / places, 1) if places else 0.0,
    }


def origin_mix(rows: list[Row], catalog: Catalog, path: Path = SECOND) -> dict[str, Any]:
    """How many of the places go to platforms whose vendor is based in a country of
    criteria/markets.yaml (the Nordic countries), for the tool, the shortlists and the second
    opinion: a tool that reads the same facts differently from both consultants shows it here
    first, whichever of them is right."""
    region = set(catalog.markets)
    home = {pid for pid, p in catalog.platforms.items() if p.origin in region}

    def share(lists: list[list[str]]) -> dict[str, Any]:
        places = sum(len(items) for items in lists)
        local = sum(p in home for items in lists for p in items)
        return {"places": places, "nordic": local, "pct": round(100 * local / places, 1) if places else 0.0}

    out = {
        "region": sorted(region),
        "catalogue": {"platforms": len(catalog.platforms), "nordic": len(home)},
        "tool_top5": share([[p for p, _ in r.top] for r in rows]),
        "tool_first": share([[r.first] for r in rows if r.first]),
        "shortlists": share([list(r.shortlist) for r in rows]),
        # each shortlist is written best fit first
        "shortlists_first": share([list(r.shortlist[:1]) for r in rows if r.shortlist]),
    }
    picks = second_picks(path)
    if picks is not None:
        out["second_top5"] = share([items[:TOP] for items in picks.values()])
        out["second_first"] = share([items[:1] for items in picks.values() if items])
    return out


def print_table(rows: list[Row], s: dict[str, Any]) -> None:
    width = max((len(r.id) for r in rows), default=2)
    print(f"{'business':<{width}}  {'#1 (score)':<34} {'#1 in':<5} {'top5':<5} shortlist")
    for r in rows:
        first = f"{r.top[0][0]} ({r.top[0][1]:.1f})" if r.top else "(nothing ranked)"
        hit = "yes" if r.first_hit else "no"
        print(f"{r.id:<{width}}  {first:<34} {hit:<5} {r.top_hits}/{len(r.top):<3} {', '.join(r.shortlist)}")
    n = s["businesses"]
    print()
    print(f"#1 on the shortlist:            {s['first_on_shortlist']}/{n} ({s['first_on_shortlist_pct']}%)")
    print(
        f"top-{TOP} places on the shortlist:  {s['top5_places_on_shortlist_pct']}% "
        f"({s['top5_places_on_shortlist']} of {s['top5_places_filled']} places filled)"
    )
    misses = [r for r in rows if not r.first_hit]
    if misses:
        print()
        print("misses, with the best-ranked shortlisted platform and how far behind #1 it is:")
        for r in misses:
            best = r.best_listed
            where = f"{best[0]} #{best[1]} ({best[2]:.1f} points behind)" if best else "none ranked"
            print(f"  {r.id:<{width}}  {where}")
        print()
    print(f"distinct platforms at #1:       {s['distinct_first']}")
    print(
        f"most often #1:                  {s['most_common_first']}, "
        f"{s['most_common_first_count']}/{n} ({s['most_common_first_pct']}%)"
    )
    print(f"misses within a point of #1:    {s['misses_within_1_point']}/{len(misses)}")
    print(
        f"hits within a point of losing:  {s['hits_within_1_point']}/{n - len(misses)} "
        "(an off-list platform that close behind #1)"
    )
    second = s.get("second_opinion")
    if second:
        print()
        print(
            f"second opinion (bench/advice/second_opinion.yaml), against the shortlists: "
            f"#1 {second['first_on_shortlist']}/{second['businesses']} ({second['first_on_shortlist_pct']}%), "
            f"top-{TOP} places {second['top5_places_on_shortlist_pct']}%"
        )
        print(
            f"the tool's top-{TOP} places in the second opinion's top {TOP}: "
            f"{second['tool_top5_in_second_top5_pct']}% ({second['tool_top5_in_second_top5']})"
        )
    mix = s.get("nordic_origin")
    if mix:
        cat = mix["catalogue"]
        print()
        print(
            f"vendor based in {', '.join(mix['region'])} ({cat['nordic']} of {cat['platforms']} platforms): "
            f"the tool's top-{TOP} places {mix['tool_top5']['pct']}%, its #1 "
            f"{mix['tool_first']['nordic']}/{mix['tool_first']['places']}; "
            f"the shortlists {mix['shortlists']['pct']}%, their first-listed "
            f"{mix['shortlists_first']['nordic']}/{mix['shortlists_first']['places']}"
            + (
                f"; the second opinion's top {TOP} {mix['second_top5']['pct']}%, its #1 "
                f"{mix['second_first']['nordic']}/{mix['second_first']['places']}"
                if "second_top5" in mix
                else ""
            )
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--catalog", type=Path, help="catalogue directory (default: the repository's)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    warnings: list[str] = []
    try:
        catalog = load_catalog(args.catalog) if args.catalog else load_catalog()
        rows = [evaluate(p, catalog, warnings) for p in sorted(BUSINESSES.glob("*.yaml"))]
    except AdvisorError as exc:
        print(exc, file=sys.stderr)
        return int(exc.exit_code)
    for w in warnings:
        print(w, file=sys.stderr)
    sys.stderr.flush()
    summary = summarise(rows)
    summary["second_opinion"] = second_opinion(rows)
    summary["nordic_origin"] = origin_mix(rows, catalog)
    if args.json:
        summary["per_business"] = [
            {
                "id": r.id,
                "top": [p for p, _ in r.top],
                "first_on_shortlist": r.first_hit,
                "top5_hits": r.top_hits,
                "best_listed": list(r.best_listed) if r.best_listed else None,
            }
            for r in rows
        ]
        print(json.dumps(summary, indent=2))
    else:
        print_table(rows, summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
