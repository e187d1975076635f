"""Where a platform is strong and weak relative to the rest of the field."""

from __future__ import annotations

from collections.abc import Callable
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


def head_to_head(result: Result, a: Ranked, b: Ranked) -> list[tuple[str, float]]:
    """Per weighted criterion, the points `a` gains over `b` (negative: where `b` is ahead),
    largest gaps first in each direction: why one platform beats another, in its parts."""
    weights = result.weights.normalised()
    gaps = [(cid, 100 * w * (a.used[cid] - b.used[cid])) for cid, w in weights.items() if w > 0]
    return sorted((g for g in gaps if abs(g[1]) >= 0.05), key=lambda g: (-g[1], g[0]))


def why_ahead(result: Result, a: Ranked, b: Ranked, name: Callable[[str], str], n: int = 3) -> str:
    """One plain sentence: where `a` gains most over `b`, and where `b` is ahead."""
    gaps = head_to_head(result, a, b)
    ahead = [f"{name(c)} (+{p:.1f})" for c, p in gaps[:n] if p > 0]
    behind = [f"{name(c)} (+{-p:.1f})" for c, p in reversed(gaps) if p < 0][:n]
    text = f"{a.name} beats {b.name} on " + _join(ahead) if ahead else f"{a.name} has no clear edge over {b.name}"
    if behind:
        text += f"; {b.name} is ahead on " + _join(behind)
    return text + " (points of 100)."


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
