"""Where a platform is strong and weak relative to the rest of the field."""

from __future__ import annotations

from dataclasses import dataclass

from .._scoring import Ranked, Result


@dataclass(frozen=True)
class Edge:
    criterion: str
    value: float  # this platform's value, 0..1
    field: float  # mean over the ranked platforms
    points: float  # weighted difference in score points


def edges(result: Result, platform: Ranked) -> list[Edge]:
    weights = result.weights.normalised()
    n = len(result.ranking)
    out = []
    for cid, w in weights.items():
        if w <= 0:
            continue
        mean = sum(r.used[cid] for r in result.ranking) / n
        out.append(Edge(cid, platform.used[cid], mean, 100 * w * (platform.used[cid] - mean)))
    return sorted(out, key=lambda e: (-e.points, e.criterion))


def strongest_weakest(result: Result, platform: Ranked, n: int = 3) -> tuple[list[Edge], list[Edge]]:
    all_edges = edges(result, platform)
    # differences under 0.05 points are noise, not strengths or weaknesses
    strong = [e for e in all_edges if e.points >= 0.05][:n]
    weak = [e for e in reversed(all_edges) if e.points <= -0.05][:n]
    return strong, weak
