"""The scoring core: pure functions from (requirements, catalogue) to a ranking. No I/O."""

from .rank import score
from .result import Excluded, Expectations, Flag, Knockout, Ranked, Result
from .tco import Costs, Tco, estimate_tco
from .weights import Weights, WeightStep, derive_weights

__all__ = [
    "Costs",
    "Excluded",
    "Expectations",
    "Flag",
    "Knockout",
    "Ranked",
    "Result",
    "Tco",
    "WeightStep",
    "Weights",
    "derive_weights",
    "estimate_tco",
    "score",
]
