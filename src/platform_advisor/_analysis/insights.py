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


def field_means(result: Result) -> dict[str, float]:
    """Per weighted criterion, the mean value over the ranked platforms: "the field"."""
    n = len(result.ranking) or 1
    weights = result.weights.normalised()
    return {cid: sum(r.used[cid] for r in result.ranking) / n for cid, w in weights.items() if w > 0}


def edges(result: Result, platform: Ranked, means: dict[str, float] | None = None) -> list[Edge]:
    weights = result.weights.normalised()
    means = field_means(result) if means is None else means
    out = [
        Edge(cid, platform.used[cid], mean, 100 * weights[cid] * (platform.used[cid] - mean))
        for cid, mean in means.items()
    ]
    return sorted(out, key=lambda e: (-e.points, e.criterion))


def strongest_weakest(
    result: Result, platform: Ranked, n: int = 3, means: dict[str, float] | None = None
) -> tuple[list[Edge], list[Edge]]:
    all_edges = edges(result, platform, means)
    # differences under 0.05 points are noise, not strengths or weaknesses
    strong = [e for e in all_edges if e.points >= 0.05][:n]
    weak = [e for e in reversed(all_edges) if e.points <= -0.05][:n]
    return strong, weak
