"""What a batch keeps of each scored file once its report is written.

A `Result` holds every platform's per-criterion contributions, values and knock-outs: about
150 KB. The checks (`expect`, thresholds, the baseline), the CI formats and the step summary
read only the top few places of each file, so a batch keeps a `Brief` of each (under 2 KB)
and 10,000 files fit in a few tens of MB. Both types satisfy `Scored`, which is what those
readers are typed against.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ._scoring import Result, Tco
from ._scoring.result import Expectations

KEEP = 5  # places: the step summary shows five, the checks and CI formats three


class Place(Protocol):
    @property
    def rank(self) -> int: ...
    @property
    def platform(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def coverage(self) -> float: ...
    @property
    def tco(self) -> Tco: ...


class Scored(Protocol):
    @property
    def file(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def ranking(self) -> Sequence[Place]: ...
    @property
    def expectations(self) -> Expectations: ...


@dataclass(frozen=True, slots=True)
class Placed:
    """A place in a brief: what the checks and CI formats read of a ranked platform."""

    rank: int
    platform: str
    name: str
    score: float
    coverage: float
    tco: Tco


@dataclass(frozen=True, slots=True)
class Brief:
    """The part of a result that outlives its report: the top places and the expectations."""

    file: str
    name: str
    ranking: tuple[Placed, ...]
    expectations: Expectations

    @classmethod
    def of(cls, result: Result) -> Brief:
        top = tuple(Placed(x.rank, x.platform, x.name, x.score, x.coverage, x.tco) for x in result.ranking[:KEEP])
        return cls(result.file, result.name, top, result.expectations)
