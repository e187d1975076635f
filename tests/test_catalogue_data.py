"""The shipped catalogue itself: complete, sourced, and giving sensible advice."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from platform_advisor import load_catalog, load_requirements, score

from .conftest import REPO, Run

EXPECTED_PLATFORMS = [
    "shopify",
    "shopify_plus",
    "bigcommerce",
    "wix",
    "squarespace",
    "ecwid",
    "lightspeed_ecom",
    "salesforce_commerce_cloud",
    "sap_commerce_cloud",
    "adobe_commerce",
    "optimizely_commerce",
    "hcl_commerce",
    "intershop",
    "commercetools",
    "elastic_path",
    "spryker",
    "vtex",
    "crystallize",
    "woocommerce",
    "magento_open_source",
    "prestashop",
    "shopware",
    "sylius",
    "medusa",
    "saleor",
    "vendure",
    "nopcommerce",
    "sana_commerce",
    "dynamicweb",
    "centra",
    "norce",
    "askas",
    "abicart",
    "quickbutik",
    "starweb",
    "wikinggruppen",
    "dandomain",
    "mystore",
]

EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))


def test_every_listed_platform_is_in_the_catalogue(run: Callable[..., Run]) -> None:
    r = run("platforms", "list", "--format", "json")
    ids = {p["id"] for p in json.loads(r.out)}
    assert set(EXPECTED_PLATFORMS) <= ids


def test_criteria_cover_every_group(run: Callable[..., Run]) -> None:
    rows = json.loads(run("criteria", "list", "--format", "json").out)
    assert len(rows) >= 25
    groups = {
        "integration",
        "content",
        "apis",
        "cost",
        "flexibility",
        "b2b",
        "commerce",
        "operations",
        "marketing",
        "vendor",
        "usability",
    }
    assert groups <= {r["group"] for r in rows}


def test_catalogue_validates(run: Callable[..., Run]) -> None:
    r = run("catalog", "validate")
    assert r.code == 0, r.err


def test_every_known_rating_has_a_source_or_is_an_estimate() -> None:
    catalog = load_catalog()
    for p in catalog.platforms.values():
        for cid, rating in p.ratings.items():
            if rating.value == "unknown":
                continue
            src = p.source_for(rating.source)
            assert src is not None, f"{p.id}.{cid}"
            assert src.url is not None or src.evidence.value == "estimate", f"{p.id}.{cid}"


def test_presets_document_their_weights() -> None:
    catalog = load_catalog()
    assert {
        "small_b2c",
        "growing_b2c",
        "b2b_wholesaler",
        "b2b_manufacturer_punchout",
        "d2c_multi_market",
        "marketplace_seller",
        "enterprise_composable",
    } <= set(catalog.presets)
    assert all(len(p.rationale) > 80 for p in catalog.presets.values())


def test_there_are_enough_examples() -> None:
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_meets_its_expectations(path: Path) -> None:
    catalog = load_catalog()
    result = score(load_requirements(path, catalog), catalog, str(path))
    assert result.expectations.checked, "every example states what a sensible answer is"
    top = [f"{r.platform} {r.score:.1f}" for r in result.ranking[:5]]
    assert result.expectations.passed, f"{result.expectations.failures}; top 5: {top}"


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_interview_replays_an_example_to_the_same_ranking(path: Path, run: Callable[..., Run], tmp_path: Path) -> None:
    out = tmp_path / "replayed.yaml"
    r = run("interview", "--answers", path, "--defaults", "--out", out)
    assert r.code == 0, r.err

    def ranking(p: Path) -> tuple[list[tuple[str, float]], list[str]]:
        res = json.loads(run("score", p, "-f", "json").out)["results"][0]
        return [(x["platform"], x["score"]) for x in res["ranking"]], [e["platform"] for e in res["excluded"]]

    assert ranking(out) == ranking(path)


def test_examples_match_the_committed_baseline(run: Callable[..., Run], tmp_path: Path) -> None:
    """A catalogue edit that moves a known recommendation must update ci/baseline.json on purpose:
    advisor score examples/*.yaml --format json -o /dev/stdout --baseline ci/baseline.json --update-baseline"""
    import os

    cwd = Path.cwd()
    os.chdir(REPO)  # the baseline is keyed by the paths as given, relative to the repository
    try:
        r = run(
            "score",
            *[str(p.relative_to(REPO)) for p in EXAMPLES],
            "-f",
            "json",
            "-o",
            tmp_path / "out.json",
            "--baseline",
            "ci/baseline.json",
        )
    finally:
        os.chdir(cwd)
    assert r.code == 0, r.err


def test_no_source_is_a_known_mirror_or_machine_summary() -> None:
    """The `mirrors` of criteria/evidence.yaml are not evidence; `catalog audit --fail-on mirror`
    shows which facts rest on one."""
    catalog = load_catalog()
    policy = catalog.evidence
    assert policy.mirrors, "criteria/evidence.yaml lists no mirrors: the check below would pass vacuously"
    citing = {
        pid: sorted(key for key, s in p.sources.items() if policy.mirror_for(s.url))
        for pid, p in catalog.platforms.items()
    }
    citing = {pid: keys for pid, keys in citing.items() if keys}
    assert not citing, f"these sources are mirrors or machine summaries; cite the page they copy: {citing}"
    assert not [u for u in catalog.rates.sources if policy.mirror_for(u)], "exchange rates cite a mirror"


def test_every_connector_cites_its_own_source_and_nothing_cites_a_mirror(run: Callable[..., Run]) -> None:
    r = run("catalog", "audit", "-f", "json", "--fail-on", "unsourced,mirror")
    assert r.code == 0, r.err
