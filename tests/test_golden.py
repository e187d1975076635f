"""The analysis methods against results worked out outside this code: a published TOPSIS
example and an SMAA-2 case whose acceptability indices have a closed form.

Both run the project's own functions on a real `Result`, with its values and weights replaced
by the example's decision matrix, so what is checked is the method, not the scoring."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from platform_advisor._analysis.robustness import acceptability
from platform_advisor._analysis.topsis import topsis
from platform_advisor._catalog import Catalog, load_catalog
from platform_advisor._models import Requirements
from platform_advisor._scoring import Result, Weights, score

from .helpers import catalog_tree, platform, requirements


def with_matrix(tmp_path: Path, rows: dict[str, dict[str, float]], weights: dict[str, float]) -> tuple[Catalog, Result]:
    """A result for the platforms named in `rows` whose scored values are `rows` (criterion ->
    value) and whose weights are `weights` (every other criterion of the catalogue at 0)."""
    catalog = load_catalog(catalog_tree(tmp_path / "catalog", [platform(pid) for pid in rows]))
    result = score(Requirements.model_validate(requirements()), catalog)
    assert {r.platform for r in result.ranking} == set(rows), "every platform is ranked"
    raw = {cid: weights.get(cid, 0.0) for cid in catalog.criteria}
    ranking = tuple(dataclasses.replace(r, used={**r.used, **rows[r.platform]}) for r in result.ranking)
    return catalog, dataclasses.replace(result, ranking=ranking, weights=Weights(raw, ()))


def test_topsis_reproduces_tzeng_and_huang(tmp_path: Path) -> None:
    """Tzeng, G.-H. and Huang, J.-J. (2011), Multiple Attribute Decision Making: Methods and
    Applications, CRC Press, the TOPSIS example: four alternatives on three benefit criteria,
    weights 0.3, 0.4 and 0.3, decision matrix

        A1: 5 8 4    A2: 7 6 8    A3: 8 8 6    A4: 7 4 6

    relative closeness to the ideal A1 0.5037, A2 0.6581, A3 0.7482, A4 0.3340, so the order
    A3, A2, A1, A4. (The figures as reproduced by scikit-criteria's test suite,
    test_TOPSIS_tzeng2011multiple.) The book states four decimals: the tolerance is one unit
    in the last of them."""
    c1, c2, c3 = "erp_integration", "api_coverage", "ease"
    matrix: dict[str, dict[str, float]] = {
        "a1": {c1: 5, c2: 8, c3: 4},
        "a2": {c1: 7, c2: 6, c3: 8},
        "a3": {c1: 8, c2: 8, c3: 6},
        "a4": {c1: 7, c2: 4, c3: 6},
    }
    _, result = with_matrix(tmp_path, matrix, {c1: 0.3, c2: 0.4, c3: 0.3})
    check = topsis(result)
    assert check.closeness == pytest.approx({"a1": 0.5037, "a2": 0.6581, "a3": 0.7482, "a4": 0.3340}, abs=1e-4)
    assert check.order == ["a3", "a2", "a1", "a4"]


def test_smaa2_acceptability_matches_its_closed_form(tmp_path: Path) -> None:
    """SMAA-2 (Lahdelma and Salminen 2001) with no weight information and exact values. We
    found no published table that we could reproduce from its stated inputs (the paper's own
    example has stochastic criteria), so this is a case solved by hand instead.

    Two criteria with weights (w, 1 - w), w uniform on [0, 1] (a uniform draw on the simplex),
    and three alternatives: A = (1, 0) is worth w, B = (0, 1) is worth 1 - w, C = (0.6, 0.6)
    is worth 0.6. A is first when w > 0.6, B when w < 0.4, C in between; A is last when
    w < 0.5 and B when w > 0.5, so C is never last. Rank acceptability indices:

        A: 0.4, 0.1, 0.5    B: 0.4, 0.1, 0.5    C: 0.2, 0.8, 0

    and central weight vectors, the mean weights where each is first: A (0.8, 0.2),
    B (0.2, 0.8), C (0.5, 0.5). With 200,000 samples a share's standard error is at most
    0.0012; the tolerance of 0.006 is five of them (the seed is fixed, so this is also a check
    that a change of sampling stays within the error)."""
    first, second = "erp_integration", "api_coverage"  # in two groups: integration and apis
    matrix = {"a": {first: 1.0, second: 0.0}, "b": {first: 0.0, second: 1.0}, "c": {first: 0.6, second: 0.6}}
    catalog, result = with_matrix(tmp_path, matrix, {first: 1.0, second: 1.0})
    found = acceptability(result, catalog, samples=200_000, seed=7, mode="any", varied=("weights",))
    assert found.varied == ("weights",)
    expected = {"a": [0.4, 0.1, 0.5], "b": [0.4, 0.1, 0.5], "c": [0.2, 0.8, 0.0]}
    for pid, shares in expected.items():
        assert found.shares[pid] == pytest.approx(shares, abs=0.006), pid
    central = {pid: (found.central[pid]["integration"], found.central[pid]["apis"]) for pid in expected}
    assert central["a"] == pytest.approx((0.8, 0.2), abs=0.006)
    assert central["b"] == pytest.approx((0.2, 0.8), abs=0.006)
    assert central["c"] == pytest.approx((0.5, 0.5), abs=0.006)
