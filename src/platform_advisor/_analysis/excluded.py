"""What an excluded platform would have scored: the answer `advisor explain` gives for a
platform the knock-outs removed, instead of refusing to explain it."""

from __future__ import annotations

from dataclasses import dataclass

from .._scoring import Result
from .._scoring.result import Excluded, Knockout, place_among


@dataclass(frozen=True)
class Leader:
    platform: str
    name: str
    score: float


@dataclass(frozen=True)
class WouldBe:
    """An excluded platform's place had nothing knocked it out; `leader` is the #1 it would
    be measured against (None when nothing passed the knock-outs)."""

    platform: str
    name: str
    file: str
    requirements: str
    would_score: float
    would_rank: int  # among the ranked platforms, as the near-misses are ranked
    ranked: int  # how many platforms passed the knock-outs
    reasons: tuple[Knockout, ...]
    excluded: Excluded
    leader: Leader | None


def would_be(result: Result, platform_id: str) -> WouldBe:
    ex = next(e for e in result.excluded if e.platform == platform_id)
    top = result.ranking[0] if result.ranking else None
    return WouldBe(
        platform=ex.platform,
        name=ex.name,
        file=result.file,
        requirements=result.name,
        would_score=ex.would_score,
        would_rank=place_among(result.ranking, ex.would_score),
        ranked=len(result.ranking),
        reasons=ex.reasons,
        excluded=ex,
        leader=None if top is None else Leader(top.platform, top.name, top.score),
    )
