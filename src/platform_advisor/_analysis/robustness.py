"""Rank acceptability indices (SMAA-2, Lahdelma and Salminen 2001) by sampling weights.

"around": weights from a Dirichlet centred on the stated ones, alpha = concentration * w, so
each weight keeps its mean and a typical 5% weight varies by about +-40% (one s.d.) at the
default concentration of 100. "any": weights uniform on the simplex (no preference at all).
numpy is imported here only, so other commands never pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._catalog import Catalog
from .._scoring import Result

DEFAULT_CONCENTRATION = 100.0


@dataclass(frozen=True)
class Acceptability:
    samples: int
    seed: int
    mode: str
    concentration: float
    platforms: list[str]  # in the stated ranking's order
    shares: dict[str, list[float]]  # platform -> share of samples at rank 1, 2, ...
    central: dict[str, dict[str, float]]  # platform -> mean group weights where it ranks first


def acceptability(
    result: Result,
    catalog: Catalog,
    samples: int = 10_000,
    seed: int = 0,
    mode: str = "around",
    concentration: float = DEFAULT_CONCENTRATION,
) -> Acceptability:
    import numpy as np

    weights = result.weights.normalised()
    crit = [c for c in catalog.criteria if weights[c] > 0]
    ids = [r.platform for r in result.ranking]
    values = np.array([[r.used[c] for c in crit] for r in result.ranking])  # P x C
    rng = np.random.default_rng(seed)
    # "around": mean equal to the stated weights; "any": uniform over the simplex
    alpha = concentration * np.array([weights[c] for c in crit]) if mode == "around" else np.ones(len(crit))
    sampled = rng.dirichlet(alpha, size=samples)  # N x C
    scores = sampled @ values.T  # N x P
    n_plat = len(ids)
    # ties keep the stated order (coverage, cost, id), as the ranking itself does
    tiebreak = np.broadcast_to(np.arange(n_plat), scores.shape)
    order = np.lexsort((tiebreak, -scores), axis=1)  # N x P: platform index at each rank
    counts = np.zeros((n_plat, n_plat), dtype=np.int64)
    for rank in range(n_plat):
        counts[:, rank] = np.bincount(order[:, rank], minlength=n_plat)
    groups = list(catalog.groups)
    group_of = np.array([groups.index(catalog.criteria[c].group) for c in crit])
    central = {}
    for i, pid in enumerate(ids):
        winners = sampled[order[:, 0] == i]
        if len(winners):
            mean = winners.mean(axis=0)
            central[pid] = {g: float(mean[group_of == k].sum()) for k, g in enumerate(groups)}
    return Acceptability(
        samples=samples,
        seed=seed,
        mode=mode,
        concentration=concentration,
        platforms=ids,
        shares={pid: [float(x) / samples for x in counts[i]] for i, pid in enumerate(ids)},
        central=central,
    )
