"""The CI thresholds of `advisor score` (--fail-under, --min-margin, --fail-on-unknown): which
scored files fail them, and why, in words a CI log can show."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._brief import Scored


@dataclass(frozen=True)
class Thresholds:
    """The CI thresholds given on the command line; None: not checked."""

    fail_under: float | None = None  # the #1's score must reach this
    min_margin: float | None = None  # points #1 must lead #2 by
    coverage: float | None = None  # known share of data each of the top 3 must reach

    def failures(self, results: Sequence[Scored]) -> dict[str, list[str]]:
        """Per file that fails one, the reasons; files that pass are left out."""
        out: dict[str, list[str]] = {}
        for r in results:
            found = self._of(r)
            if found:
                out[r.file] = found
        return out

    def _of(self, r: Scored) -> list[str]:
        found = []
        first = r.ranking[0] if r.ranking else None
        if self.fail_under is not None and (first is None or first.score < self.fail_under):
            got = f"{first.name} scores {first.score:.2f}" if first else "nothing is ranked"
            found.append(f"fail-under: {got}, below {self.fail_under:g}")
        if self.min_margin is not None and len(r.ranking) >= 2:
            margin = r.ranking[0].score - r.ranking[1].score
            if margin < self.min_margin:
                found.append(
                    f"min-margin: {r.ranking[0].name} leads {r.ranking[1].name} by {margin:.2f} points, "
                    f"less than {self.min_margin:g}"
                )
        if self.coverage is not None:
            for x in r.ranking[:3]:
                if x.coverage < self.coverage:
                    found.append(
                        f"fail-on-unknown: {x.name} (#{x.rank}) rests on {x.coverage:.0%} known data, "
                        f"below {self.coverage:.0%}"
                    )
        return found
