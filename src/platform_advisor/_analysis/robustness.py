"""Rank acceptability indices (SMAA-2, Lahdelma and Salminen 2001) by sampling weights and data.

Weights: "around" draws from a Dirichlet centred on the stated ones, alpha = concentration * w,
so each weight keeps its mean and a typical 5% weight varies by about +-40% (one s.d.) at the
default concentration of 100; "any" draws uniformly on the simplex (no preference at all).

Data: a value resting on vendor documentation or a reputable third party is held fixed; an
editor's estimate moves by one step of the 0-5 scale either way (or stays), clipped; an
unknown (a stand-in) is drawn uniformly over the whole scale. A 3-year cost that is only a
lower bound (some price parts unknown) is drawn between 0 and its lower-bound value, since
the full cost can only be higher; a wholly unknown cost over the whole range. The penalty for
must-haves to verify is kept as it is.

Samples are drawn in chunks, so memory stays flat however many are asked for. numpy is
imported here only, so other commands never pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .._catalog import Catalog
from .._models import Evidence
from .._scoring import Ranked, Result

DEFAULT_CONCENTRATION = 100.0
CHUNK = 2_000  # samples per draw: about 2,000 x 50 platforms x 40 criteria floats at a time
STEP = 0.2  # one step of the 0-5 rating scale, as a value 0..1
VARY = ("weights", "data")


@dataclass(frozen=True)
class Acceptability:
    samples: int
    seed: int
    mode: str
    concentration: float
    platforms: list[str]  # in the stated ranking's order
    shares: dict[str, list[float]]  # platform -> share of samples at rank 1, 2, ...
    central: dict[str, dict[str, float]]  # platform -> mean group weights where it ranks first
    varied: tuple[str, ...] = VARY  # what was sampled: "weights", "data" or both


def evidence_kinds(result: Result, catalog: Catalog, criteria: list[str]) -> list[list[str]]:
    """Per ranked platform and criterion: "fixed", "estimate", "unknown", "lower_bound"."""
    out = []
    for r in result.ranking:
        row = []
        for cid in criteria:
            row.append(_kind(r, catalog, cid))
        out.append(row)
    return out


def _kind(r: Ranked, catalog: Catalog, cid: str) -> str:
    if r.values.get(cid) is None:
        return "unknown"
    computed = catalog.criteria[cid].computed
    if computed == "tco":
        return "lower_bound" if r.tco.unknown else "fixed"
    if computed is not None:
        return "fixed"  # segment, market and industry fit are worked out from stated facts
    platform = catalog.platforms[r.platform]
    rating = platform.ratings.get(cid)
    source = platform.source_for(rating.source if rating else None)
    return "estimate" if source is None or source.evidence is Evidence.estimate else "fixed"


def acceptability(
    result: Result,
    catalog: Catalog,
    samples: int = 10_000,
    seed: int = 0,
    mode: str = "around",
    concentration: float = DEFAULT_CONCENTRATION,
    varied: tuple[str, ...] = VARY,
) -> Acceptability:
    import numpy as np

    weights = result.weights.normalised()
    crit = [c for c in catalog.criteria if weights[c] > 0]
    ids = [r.platform for r in result.ranking]
    n_plat = len(ids)
    values = np.array([[r.used[c] for c in crit] for r in result.ranking])  # P x C
    # the verify penalty scales a platform's whole score; keep it in every sample
    factor = np.array([r.score / (r.score + r.penalty) if r.score + r.penalty > 0 else 1.0 for r in result.ranking])
    kinds = np.array(evidence_kinds(result, catalog, crit)) if n_plat else np.empty((0, len(crit)), dtype=str)
    estimate, unknown, bound = kinds == "estimate", kinds == "unknown", kinds == "lower_bound"
    cells = np.argwhere(estimate | unknown | bound) if "data" in varied else np.empty((0, 2), dtype=np.int64)
    vary_data = len(cells) > 0
    stated = np.array([weights[c] for c in crit])
    alpha = concentration * stated if mode == "around" else np.ones(len(crit))
    if vary_data:
        # only the cells that vary are drawn: a sample's score is the stated values' score
        # plus, per varying cell, its weight times how far the drawn value moved
        rank_of = {"estimate": 0, "unknown": 1, "lower_bound": 2}
        cells = cells[np.argsort([rank_of[kinds[p, c]] for p, c in cells], kind="stable")]  # one slice per kind
        cell_p, cell_c = cells[:, 0], cells[:, 1]
        base = values[cell_p, cell_c]
        sizes = [int((kinds[cell_p, cell_c] == k).sum()) for k in rank_of]
        to_platform = np.zeros((len(cells), n_plat))
        to_platform[np.arange(len(cells)), cell_p] = 1.0

    rng = np.random.default_rng(seed)
    counts = np.zeros((n_plat, n_plat), dtype=np.int64)
    groups = list(catalog.groups)
    group_of = np.array([groups.index(catalog.criteria[c].group) for c in crit])
    win_sum = np.zeros((n_plat, len(crit)))
    win_n = np.zeros(n_plat, dtype=np.int64)
    done = 0
    while done < samples:
        n = min(CHUNK, samples - done)
        w = rng.dirichlet(alpha, size=n) if "weights" in varied else np.broadcast_to(stated, (n, len(crit)))
        scores = w @ values.T  # N x P
        if vary_data:
            moved = _moves(rng, n, base, sizes)  # N x cells
            scores = scores + (w[:, cell_c] * moved) @ to_platform
        scores = scores * factor
        # ties keep the stated order (coverage, cost, id), as the ranking itself does
        tiebreak = np.broadcast_to(np.arange(n_plat), scores.shape)
        order = np.lexsort((tiebreak, -scores), axis=1)  # N x P: platform index at each rank
        for rank in range(n_plat):
            counts[:, rank] += np.bincount(order[:, rank], minlength=n_plat)
        first = order[:, 0] if n_plat else np.empty(0, dtype=np.int64)
        np.add.at(win_sum, first, w)
        win_n += np.bincount(first, minlength=n_plat)
        done += n
    central: dict[str, dict[str, float]] = {}
    for i, pid in enumerate(ids):
        if win_n[i]:
            mean = win_sum[i] / win_n[i]
            central[pid] = {g: float(mean[group_of == k].sum()) for k, g in enumerate(groups)}
    return Acceptability(
        samples=samples,
        seed=seed,
        mode=mode,
        concentration=concentration,
        platforms=ids,
        shares={pid: [float(x) / samples for x in counts[i]] for i, pid in enumerate(ids)},
        central=central,
        varied=tuple(v for v in VARY if v in varied and (v != "data" or vary_data)),
    )


def _moves(rng: Any, n: int, base: Any, sizes: list[int]) -> Any:
    """How far each varying value moves in each of n samples (drawn value minus stated value);
    the cells come as estimates, then unknowns, then lower-bound costs."""
    import numpy as np

    e, u, b = sizes
    moved = np.empty((n, len(base)))
    if e:
        low, high = -base[:e], 1.0 - base[:e]
        steps = rng.integers(-1, 2, size=(n, e), dtype=np.int8) * STEP
        moved[:, :e] = np.minimum(np.maximum(steps, low), high)
    if u:
        moved[:, e : e + u] = rng.integers(0, 6, size=(n, u), dtype=np.int8) / 5 - base[e : e + u]
    if b:
        moved[:, e + u :] = (rng.random((n, b)) - 1.0) * base[e + u :]
    return moved
