"""What the report shows, as typed data: built once by `data.build` from a score result, in
the report's language, and laid out by `html` and `markdown` (which only escape and arrange)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class GroupName:
    id: str
    name: str


@dataclass(frozen=True)
class CostTexts:
    """Monthly, one-off and 3-year cost as shown, "≥ " in front of a lower bound."""

    monthly: str
    one_off: str
    three_year: str


@dataclass(frozen=True)
class Tco:
    monthly: float | None
    one_off: float | None
    three_year: float | None
    at_least: bool  # the figures are lower bounds: some parts are unknown
    basis: str  # the plan or the price range the figures rest on


@dataclass(frozen=True)
class Row:
    """A ranked platform."""

    rank: int
    platform: str
    name: str
    score: float
    score_text: str
    coverage: float
    coverage_text: str
    by_group: Mapping[str, float]  # group id -> points
    by_group_text: Mapping[str, str]
    tco: Tco
    tco_text: CostTexts
    flags: tuple[str, ...]


@dataclass(frozen=True)
class CostBlock:
    """A shortlisted platform's 3-year cost part by part, so a reader can redo the arithmetic."""

    name: str
    three_year: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class NearMiss:
    name: str
    reason: str
    would_rank: int | None


@dataclass(frozen=True)
class Excluded:
    name: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Acceptability:
    name: str
    shares: tuple[float, ...]  # of ranking 1st, 2nd, 3rd
    shares_text: tuple[str, ...]


@dataclass(frozen=True)
class Stability:
    name: str
    current: float
    low: float
    high: float
    now_text: str
    range_text: str


@dataclass(frozen=True)
class EvidenceRow:
    criterion: str
    rating: int | str  # 0..5, or "unknown" in the report's language
    note: str | None
    source: str | None
    url: str | None
    evidence: str | None
    as_of: str | None
    stale: str | None  # the warning when the fact is older than the catalogue allows


@dataclass(frozen=True)
class EvidenceBlock:
    name: str
    rows: tuple[EvidenceRow, ...]


@dataclass(frozen=True)
class Role:
    area: Literal["organisation", "technical", "marketing"]
    name: str
    what: str
    in_house: bool


@dataclass(frozen=True)
class CheckItem:
    text: str
    status: Literal["done", "todo", "check"]  # check: nothing in the file says either way


@dataclass(frozen=True)
class Report:
    lang: str
    name: str
    file: str
    currency: str
    summary: tuple[str, ...]
    card: tuple[tuple[str, str], ...]  # the requirements at a glance: label, value
    goals: tuple[str, ...]
    groups: tuple[GroupName, ...]
    ranking: tuple[Row, ...]
    costs: tuple[CostBlock, ...]
    near_misses: tuple[NearMiss, ...]  # closest first
    excluded: tuple[Excluded, ...]
    acceptability: tuple[Acceptability, ...]  # empty without a robustness run
    stability: tuple[Stability, ...]
    evidence: tuple[EvidenceBlock, ...]
    roles: tuple[Role, ...]
    checklist: tuple[CheckItem, ...]
    partner_questions: tuple[str, ...]
    generated: str
    samples: str
