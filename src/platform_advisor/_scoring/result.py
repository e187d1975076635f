"""Result objects. They check their own invariants when built (scores in range, dense ranks,
contributions that add up), so a bug shows up as an internal error, never as a wrong answer."""

from __future__ import annotations

from dataclasses import dataclass, field

from .tco import Tco
from .weights import Weights


@dataclass(frozen=True)
class Knockout:
    """Why a platform is excluded: one failed must-have, ERP, budget or affordability check."""

    kind: str  # "must_have" | "erp" | "budget" | "affordability"
    subject: str  # capability id, ERP id, or "monthly"/"one_off"/"three_year"
    text: str
    status: str | None = None  # e.g. the capability status that failed
    ratio: float | None = None  # for budget and affordability: how many times over the limit
    # The figures `text` states, for a text in another language: budget {budget}; affordability
    # {reference, basis}, basis one of Reference.kind. Not compared: the text says the same.
    args: dict[str, float | str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Flag:
    """Something a ranked platform's place rests on that the merchant should check.

    kinds: "verify" (a must-have whose availability is unknown), "connector" (no known
    connector for the merchant's system, list not known to be complete), "budget" (may
    exceed a hard budget, or not checked against it), "cost" (a lower bound, not a full
    estimate), "coverage" (the score rests mostly on stand-ins), "segment" (far outside the revenue
    band, or built for other industries), "market",
    "storefront" (a must-have a headless-first platform leaves to the storefront the project builds).
    """

    kind: str
    subject: str
    text: str
    # What `text` states, for a text in another language: budget flags {case: unchecked |
    # known_parts | may_exceed, budget}. Not compared: the text says the same.
    args: dict[str, float | str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Ranked:
    """A platform that passed every knock-out, with its score and what it is made of."""

    rank: int
    platform: str
    name: str
    score: float  # 0..100, rounded to 2 decimals
    coverage: float  # 0..1: share of weight whose data is known
    contributions: dict[str, float]  # criterion -> points, rounded; sums to score
    values: dict[str, float | None]  # criterion -> normalised value 0..1, None if unknown
    tco: Tco
    notes: tuple[str, ...] = ()
    used: dict[str, float] = field(default_factory=dict)  # values scored, stand-ins included
    flags: tuple[Flag, ...] = ()
    penalty: float = 0.0  # points taken off for must-haves to verify (already out of score)

    @property
    def unknown(self) -> list[str]:
        return [cid for cid, v in self.values.items() if v is None]


@dataclass(frozen=True)
class Excluded:
    """A knocked-out platform, its reasons, and how near it came."""

    platform: str
    name: str
    reasons: tuple[Knockout, ...]
    tco: Tco
    would_score: float = 0.0  # its score had it not been knocked out
    would_rank: int | None = None  # set for near-misses
    near: bool = False  # one must-have or ERP reason, or only small budget overshoots
    distance: float = float("inf")  # how far from making it: 0 = a fact to verify; r - 1 for r times a limit

    @property
    def near_miss(self) -> bool:
        return self.near


def place_among(ranking: tuple[Ranked, ...], score: float) -> int:
    """The rank a score would take among the ranked platforms (ties share the better place)."""
    return 1 + sum(r.score > score for r in ranking)


@dataclass(frozen=True)
class Expectations:
    """The outcome of a file's `expect` block."""

    passed: bool
    failures: tuple[str, ...]
    checked: bool  # False when the file has no `expect` block


@dataclass(frozen=True)
class Result:
    """Everything one requirements file scored to: the ranking, the knock-outs, the weights."""

    file: str
    name: str
    ranking: tuple[Ranked, ...]
    excluded: tuple[Excluded, ...]
    weights: Weights
    expectations: Expectations = field(default_factory=lambda: Expectations(True, (), False))
    best_covered: str | None = None  # when #1 rests mostly on stand-ins: the best well-covered platform
    # rated criteria this business did not emphasise, valued min(1, rating / adequate_need)
    adequate: tuple[str, ...] = ()
    adequate_need: int = 5
    # rated criterion -> the rating that fully meets this business's need (policy.enough and
    # adequacy): the value of a rating r there is min(1, r / need), not r / 5
    needs: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for i, r in enumerate(self.ranking, start=1):
            if r.rank != i:
                raise AssertionError(f"ranks are not dense: {r.platform} has {r.rank}, expected {i}")
            if not 0 <= r.score <= 100:
                raise AssertionError(f"score out of range for {r.platform}: {r.score}")
            if abs(sum(r.contributions.values()) - r.score) > 0.0051:
                raise AssertionError(f"contributions of {r.platform} do not add up to its score")
            if not 0 <= r.coverage <= 1:
                raise AssertionError(f"coverage out of range for {r.platform}")
        ids = [r.platform for r in self.ranking] + [e.platform for e in self.excluded]
        if len(ids) != len(set(ids)):
            raise AssertionError("a platform is both ranked and excluded")
