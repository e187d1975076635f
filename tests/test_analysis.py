"""Stability intervals, swap suggestions, acceptability and TOPSIS, each checked by applying it."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from platform_advisor._analysis.robustness import acceptability
from platform_advisor._analysis.stability import stability
from platform_advisor._analysis.swap import rating_change, weight_change
from platform_advisor._analysis.topsis import topsis
from platform_advisor._catalog import Catalog, load_catalog
from platform_advisor._models import Requirements
from platform_advisor._scoring import Result, Weights, score

from .conftest import Run
from .helpers import catalog_tree, flat_pricing, platform, requirements

PLATFORMS = [
    platform("alpha", erp=5, ease=2, api=3),
    platform("beta", erp=3, ease=4, api=4),
    platform("gamma", erp=4, ease=4, api=1, pricing=flat_pricing(monthly=400)),
    platform("delta", erp=2, ease=3, api=5, pricing=flat_pricing(monthly=2500)),
]


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Catalog, Requirements, Result]:
    catalog = load_catalog(catalog_tree(tmp_path, copy.deepcopy(PLATFORMS)))
    req = Requirements.model_validate(requirements())
    return catalog, req, score(req, catalog)


def with_share(result: Result, catalog: Catalog, target: str, x: float) -> Weights:
    """The weights with `target` (group or criterion) at share x, the rest rescaled."""
    w = result.weights.normalised()
    members = set(catalog.criteria_in(target)) if target in catalog.groups else {target}
    inside = sum(w[c] for c in members)
    return Weights({c: (x * w[c] / inside if c in members else (1 - x) * w[c] / (1 - inside)) for c in w}, ())


def leader(catalog: Catalog, req: Requirements, weights: Weights) -> str:
    return score(req, catalog, weights=weights).ranking[0].platform


def test_stability_endpoints_hold_just_inside_and_fail_just_outside(setup: Any) -> None:
    catalog, req, result = setup
    top = result.ranking[0].platform
    intervals = stability(result, catalog)
    assert intervals, "there is something to test"
    checked = 0
    for iv in intervals:
        assert iv.low <= iv.current <= iv.high
        for edge, inside, outside in (
            (iv.low, iv.low + 0.01, iv.low - 0.01),
            (iv.high, iv.high - 0.01, iv.high + 0.01),
        ):
            if not 0.0 < edge < 1.0:
                continue
            assert leader(catalog, req, with_share(result, catalog, iv.target, inside)) == top
            assert leader(catalog, req, with_share(result, catalog, iv.target, outside)) != top
            checked += 1
    assert checked >= 2


def test_weight_change_swaps_the_pair(setup: Any) -> None:
    catalog, req, result = setup
    first, second = result.ranking[0], result.ranking[1]
    change = weight_change(result, catalog, first, second)
    assert change is not None
    beyond = change.needed + (0.01 if change.needed > change.current else -0.01)
    rescored = score(req, catalog, weights=with_share(result, catalog, change.target, beyond))
    order = [r.platform for r in rescored.ranking]
    assert order.index(second.platform) < order.index(first.platform)


def test_rating_change_swaps_the_pair(setup: Any, tmp_path: Path) -> None:
    catalog, req, result = setup
    first, second = result.ranking[0], result.ranking[1]
    change = rating_change(result, catalog, first, second)
    assert change is not None
    edited = copy.deepcopy(PLATFORMS)
    target = next(p for p in edited if p["id"] == change.platform)
    target["ratings"][change.criterion]["value"] = change.needed
    rescored = score(req, load_catalog(catalog_tree(tmp_path / "edited", edited)))
    order = [r.platform for r in rescored.ranking]
    assert order.index(second.platform) < order.index(first.platform)


def test_a_rating_change_against_a_need_is_one_that_swaps_the_pair(tmp_path: Path) -> None:
    """Where a rating counts against the business's need (here: criteria it did not emphasise
    are met by a 3), a 5 and a 4 are worth the same; the proposed change must still be one that,
    applied to the catalogue, puts the challenger ahead (it once said "rated 4 instead of 4")."""
    from .helpers import BASE

    policy = copy.deepcopy(BASE["criteria/policy.yaml"])
    policy["policy"]["adequate"] = {"need": 3, "below": 1.5}
    plats = [
        platform("alpha", erp=4, ease=5, api=4),
        platform("beta", erp=4, ease=2, api=5),
        platform("gamma", erp=3, ease=4, api=4),
    ]
    req = Requirements.model_validate(requirements())
    root = catalog_tree(tmp_path / "base", copy.deepcopy(plats), {"criteria/policy.yaml": policy})
    result = score(req, load_catalog(root))
    assert result.needs, "some criterion counts against a need"
    checked = 0
    for first, second in zip(result.ranking, result.ranking[1:], strict=False):
        change = rating_change(result, load_catalog(root), first, second)
        if change is None:
            continue
        assert change.current != change.needed
        edited = copy.deepcopy(plats)
        target = next(p for p in edited if p["id"] == change.platform)
        target["ratings"][change.criterion]["value"] = change.needed
        again = catalog_tree(tmp_path / f"edited{checked}", edited, {"criteria/policy.yaml": policy})
        order = [r.platform for r in score(req, load_catalog(again)).ranking]
        assert order.index(second.platform) < order.index(first.platform), change
        checked += 1
    assert checked


def _uncertain(tmp_path: Path) -> tuple[Catalog, Result]:
    plats = [
        platform("doc", erp=4, ease=4, api=4),
        platform("mystery", erp=4, ease="unknown", api=4),
        platform("guess", erp=3, ease=5, api=3),
    ]
    plats[2]["ratings"]["ease"]["source"] = "guess"  # an editor's estimate
    catalog = load_catalog(catalog_tree(tmp_path, plats))
    return catalog, score(Requirements.model_validate(requirements()), catalog)


@pytest.mark.parametrize("varied", [("weights",), ("data",), ("weights", "data")])
@pytest.mark.parametrize("mode", ["around", "any"])
def test_acceptability_shares_sum_to_one_and_repeat(tmp_path: Path, mode: str, varied: tuple[str, ...]) -> None:
    catalog, result = _uncertain(tmp_path)
    acc = acceptability(result, catalog, samples=2500, seed=7, mode=mode, varied=varied)  # chunks of 2000 + 500
    n = len(acc.platforms)
    for pid in acc.platforms:
        assert sum(acc.shares[pid]) == pytest.approx(1)
    for rank in range(n):
        assert sum(acc.shares[p][rank] for p in acc.platforms) == pytest.approx(1)
    assert acceptability(result, catalog, samples=2500, seed=7, mode=mode, varied=varied).shares == acc.shares
    if any(0 < x < 1 for row in acc.shares.values() for x in row):  # samples that disagree: seeds matter
        assert acceptability(result, catalog, samples=2500, seed=8, mode=mode, varied=varied).shares != acc.shares
    assert acc.varied == varied


def test_tight_concentration_reproduces_the_stated_ranking(setup: Any) -> None:
    catalog, _, result = setup
    acc = acceptability(result, catalog, samples=500, seed=1, concentration=1e6, varied=("weights",))
    assert acc.shares[result.ranking[0].platform][0] == 1.0


def test_documented_facts_stay_fixed_and_unknowns_vary(tmp_path: Path) -> None:
    """Vendor-documented ratings do not move; an unknown rating spreads over the whole scale."""
    catalog, result = _uncertain(tmp_path)
    acc = acceptability(result, catalog, samples=3000, seed=3, concentration=1e6)
    assert acc.varied == ("weights", "data")
    first = {p: acc.shares[p][0] for p in acc.platforms}
    assert 0.05 < first["mystery"] < 0.95  # sometimes better, sometimes worse than its stand-in
    weights_only = acceptability(result, catalog, samples=3000, seed=3, concentration=1e6, varied=("weights",))
    assert max(weights_only.shares[p][0] for p in acc.platforms) == 1.0  # the weights alone settle it
    only_docs = load_catalog(catalog_tree(tmp_path / "docs", [platform("a"), platform("b", erp=2)]))
    res2 = score(Requirements.model_validate(requirements()), only_docs)
    assert acceptability(res2, only_docs, samples=100, varied=("data",)).varied == ()  # nothing uncertain


def test_topsis_by_hand() -> None:
    """Two criteria, equal weights; worked on paper.

    a = (1.0, 0.0), b = (0.0, 1.0), c = (0.6, 0.6). Column norms: sqrt(1.36) each.
    c is equidistant from ideal and anti-ideal on both axes only in proportion, so it ranks first.
    """
    from dataclasses import dataclass

    @dataclass
    class R:
        platform: str
        used: dict[str, float]

    @dataclass
    class Res:
        ranking: list[R]
        weights: Weights

    res = Res(
        [R("a", {"x": 1.0, "y": 0.0}), R("b", {"x": 0.0, "y": 1.0}), R("c", {"x": 0.6, "y": 0.6})],
        Weights({"x": 1.0, "y": 1.0}, ()),
    )
    check = topsis(res)  # type: ignore[arg-type]
    # weighted normalised: a=(0.4287,0), b=(0,0.4287), c=(0.2572,0.2572); ideal (0.4287,0.4287)
    # c: d+ = 0.2425, d- = 0.3638 -> 0.6; a and b: d+ = 0.4287, d- = 0.4287 -> 0.5
    assert check.closeness["c"] == pytest.approx(0.6, abs=1e-4)
    assert check.closeness["a"] == pytest.approx(0.5, abs=1e-4)
    assert check.order == ["c", "a", "b"]


def test_near_miss_names_the_one_reason(tmp_path: Path) -> None:
    plats = copy.deepcopy(PLATFORMS)
    plats[1]["capabilities"]["b2b_punchout"] = {"status": "custom", "source": "docs"}
    catalog = load_catalog(catalog_tree(tmp_path, plats))
    req = Requirements.model_validate(requirements(must_have=["b2b_punchout"]))
    result = score(req, catalog)
    assert not result.ranking  # nobody has punchout natively or through an app
    beta = next(e for e in result.excluded if e.platform == "beta")
    assert beta.near_miss and beta.would_rank == 1
    assert beta.reasons[0].text == "Punchout is a must-have: only through custom development"


def test_explain_and_robustness_commands(run: Callable[..., Run], tmp_path: Path) -> None:
    root = catalog_tree(tmp_path / "cat", copy.deepcopy(PLATFORMS))
    req = tmp_path / "req.yaml"
    req.write_text(json.dumps(requirements()))
    r = run("explain", req, "--catalog", root, "-f", "table")
    assert r.code == 0, r.err
    assert "Strongest against the field" in r.out and "Against #2" in r.out
    data = json.loads(run("explain", req, "beta", "--catalog", root, "-f", "json").out)
    assert data["platform"]["id"] == "beta" and data["versus"]["rating_change"]["text"]
    assert sum(c["points"] for c in data["criteria"]) == pytest.approx(data["platform"]["score"], abs=0.01)
    rob = json.loads(run("robustness", req, "--samples", "500", "--seed", "3", "--catalog", root, "-f", "json").out)
    assert rob["samples"] == 500 and rob["seed"] == 3
    assert set(rob["stability"]) == {"integration", "apis", "cost", "usability"}
    assert all(set(v) == {"low", "high", "current"} for v in rob["stability"].values())
    bad = run("explain", req, "zeta", "--catalog", root)
    assert bad.code == 2 and "unknown platform 'zeta'" in bad.err
    # the weight ranges are about the #1's first place, whichever platform is explained
    leader = json.loads(run("score", req, "--catalog", root, "-f", "json").out)["results"][0]["ranking"][0]
    assert leader["platform"] != "gamma" and data["stability_of"] == leader["name"]
    for fmt in ("markdown", "table"):
        shown = " ".join(run("explain", req, "gamma", "--catalog", root, "-f", fmt).out.split())
        assert f"before {leader['name']} loses first place" in shown


def test_explain_of_an_excluded_platform_shows_its_would_be_place(run: Callable[..., Run], tmp_path: Path) -> None:
    dear = platform("dear", pricing=flat_pricing(monthly=20_000, fee_pct=0, implementation=0, running=0))
    root = catalog_tree(tmp_path / "cat", [platform("alpha"), platform("beta", ease=5), dear])
    req = tmp_path / "req.yaml"
    req.write_text(json.dumps(requirements()))
    result = score(Requirements.model_validate(requirements()), load_catalog(root))
    (out,) = result.excluded
    place = 1 + sum(r.score > out.would_score for r in result.ranking)

    data = json.loads(run("explain", req, "dear", "--catalog", root, "-f", "json").out)
    assert data["platform"]["excluded"] is True and data["platform"]["id"] == "dear"
    assert data["platform"]["would_score"] == out.would_score and data["platform"]["would_rank"] == place
    assert [k["kind"] for k in data["platform"]["reasons"]] == ["affordability"]
    assert data["leader"]["id"] == result.ranking[0].platform

    table = run("explain", req, "dear", "--catalog", root, "-f", "table")
    assert table.code == 0, table.err
    assert "Dear is excluded" in table.out and "9.6 times" in table.out
    assert f"would score {out.would_score:.1f} points and rank #{place}" in table.out
    sv = run("explain", req, "dear", "--catalog", root, "-f", "markdown", "--lang", "sv")
    assert sv.code == 0 and "## Dear är utesluten" in sv.out and f"plats {place}" in sv.out


def test_explain_of_an_excluded_platform_works_when_nothing_is_ranked(run: Callable[..., Run], tmp_path: Path) -> None:
    root = catalog_tree(tmp_path / "cat", copy.deepcopy(PLATFORMS))
    req = tmp_path / "req.yaml"
    req.write_text(json.dumps(requirements(must_have=["b2b_punchout"])))
    assert run("explain", req, "--catalog", root).code == 2  # nothing to explain by default
    r = run("explain", req, "beta", "--catalog", root, "-f", "json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["platform"]["would_rank"] == 1 and data["leader"] is None and data["ranked"] == 0
