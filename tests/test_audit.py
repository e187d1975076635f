"""`advisor catalog audit`: what the facts rest on, and the findings CI can fail on."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import platform_advisor.cli._console as _console
from platform_advisor._models.evidence import Mirror

from .conftest import Run
from .helpers import BASE, catalog_tree, platform

Invoke = Callable[..., Run]


def _audit(run: Invoke, root: Path, *args: str) -> dict[str, Any]:
    r = run("catalog", "audit", "-f", "json", "--catalog", root, *args)
    assert r.code == 0, r.err
    report: dict[str, Any] = json.loads(r.out)
    return report


def _row(report: dict[str, Any], pid: str) -> dict[str, Any]:
    return next(p for p in report["platforms"] if p["platform"] == pid)


def test_evidence_shares_count_each_fact_by_its_source(run: Invoke, tiny: Path) -> None:
    # alpha: 3 ratings, 2 capabilities and 1 connector on the vendor's docs; of the 4 pricing
    # figures, monthly fee and fee % on the pricing page, implementation and running on a guess.
    # gamma: the same without the connector and with `ease` unknown.
    report = _audit(run, tiny, "--as-of", "2026-12-01")
    alpha, gamma = _row(report, "alpha"), _row(report, "gamma")
    assert alpha["facts"] == 10
    assert alpha["evidence"] == {"vendor_docs": 8, "third_party": 0, "estimate": 2, "unknown": 0}
    assert alpha["shares"] == {"vendor_docs": 0.8, "third_party": 0.0, "estimate": 0.2, "unknown": 0.0}
    assert gamma["evidence"] == {"vendor_docs": 6, "third_party": 0, "estimate": 2, "unknown": 1}
    assert gamma["unknown"] == ["ratings.ease"]


def test_estimates_that_carry_money_are_listed(run: Invoke, tmp_path: Path) -> None:
    p = platform("alpha")
    p["pricing"]["plans"] = [
        {"name": "Basic", "monthly_fee": 300, "source": "docs"},
        {"name": "Pro", "monthly_fee": 900, "source": "guess"},
    ]
    report = _audit(run, catalog_tree(tmp_path, [p]), "--as-of", "2026-12-01")
    assert _row(report, "alpha")["money_estimates"] == [
        "pricing.implementation",
        "pricing.yearly_running",
        "pricing.plans.1",
    ]
    assert report["totals"]["money_estimates"] == 3


def test_a_fact_is_dated_by_its_pages_own_date(run: Invoke, tmp_path: Path) -> None:
    p = platform("alpha")
    p["sources"]["old_page"] = {
        "url": "https://alpha.example.com/2019",
        "title": "A page of 2019, read last week",
        "evidence": "vendor_docs",
        "as_of": "2026-11-22",
        "published": "2019-03-01",
    }
    p["ratings"]["ease"]["source"] = "old_page"
    report = _audit(run, catalog_tree(tmp_path, [p]), "--as-of", "2026-12-01")
    assert _row(report, "alpha")["stale"] == ["ratings.ease"]
    assert _row(report, "alpha")["oldest"] == "2019-03-01"


def test_the_stale_limit_comes_from_the_evidence_file(run: Invoke, tmp_path: Path) -> None:
    # every test source was read on 2026-11-22: stale two months on under a one-month limit
    policy = {**BASE["criteria/evidence.yaml"], "stale_after_months": 1}
    root = catalog_tree(tmp_path, [platform("alpha")], {"criteria/evidence.yaml": policy})
    assert _audit(run, root, "--as-of", "2027-01-23")["max_age_months"] == 1
    assert len(_row(_audit(run, root, "--as-of", "2027-01-23"), "alpha")["stale"]) == 9
    assert _row(_audit(run, root, "--as-of", "2027-01-23", "--max-age", "3"), "alpha")["stale"] == []


@pytest.mark.parametrize(("today", "stale"), [("2025-10-16", False), ("2025-10-17", True)])
def test_exchange_rates_older_than_the_limit_are_flagged(run: Invoke, tiny: Path, today: str, stale: bool) -> None:
    # the test rates are of 2025-04-16 and the limit is six months
    report = _audit(run, tiny, "--as-of", today)
    assert report["exchange_rates"]["stale"] is stale
    r = run(
        "catalog", "audit", "-f", "json", "--catalog", tiny, "--as-of", today, "--max-age", "100", "--fail-on", "stale"
    )
    assert r.code == (1 if stale else 0)


def test_bare_connector_levels_are_unsourced_until_they_cite_their_own_page(run: Invoke, tmp_path: Path) -> None:
    p = platform("alpha", erp_connectors={"fortnox": "app"})
    p["connectors"]["marketplaces"] = {"cdon": {"level": "native", "source": "docs"}}
    root = catalog_tree(tmp_path, [p])
    unsourced = _row(_audit(run, root, "--as-of", "2026-12-01"), "alpha")["unsourced"]
    assert unsourced == ["connectors.erp.fortnox", "connectors.source"]
    r = run("catalog", "audit", "--catalog", root, "--as-of", "2026-12-01", "--fail-on", "unsourced")
    assert r.code == 1
    assert "audit failed: 2 unsourced facts" in r.err
    del p["connectors"]["source"]
    p["connectors"]["erp"] = {"fortnox": {"level": "app", "source": "docs"}}
    own = catalog_tree(tmp_path / "own", [p])
    assert run("catalog", "audit", "--catalog", own, "--as-of", "2026-12-01", "--fail-on", "unsourced").code == 0
    note = run("catalog", "validate", "--catalog", root).err
    assert "1 connector cites only the block's shared `source`" in note


def test_a_marked_estimate_is_not_unsourced(run: Invoke, tiny: Path) -> None:
    beta = _row(_audit(run, tiny, "--as-of", "2026-12-01"), "beta")  # two pricing figures on a guess
    assert beta["evidence"]["estimate"] == 2
    assert beta["unsourced"] == ["connectors.source"]


def test_a_mirror_is_a_finding_ci_can_fail_on(run: Invoke, tmp_path: Path) -> None:
    p = platform("alpha")
    p["sources"]["copy"] = {
        "url": "https://pages.Mirror.example/alpha/pricing",
        "title": "A copy of the pricing page",
        "evidence": "third_party",
        "as_of": "2026-11-22",
    }
    p["pricing"]["source"] = "copy"
    root = catalog_tree(tmp_path, [p, platform("beta")])
    report = _audit(run, root, "--as-of", "2026-12-01")
    assert _row(report, "alpha")["mirror"] == ["pricing.monthly_fee", "pricing.transaction_fee_pct"]
    assert _row(report, "alpha")["mirror_sources"] == {"copy": "https://pages.Mirror.example/alpha/pricing"}
    assert _row(report, "beta")["mirror"] == []
    failed = run("catalog", "audit", "--catalog", root, "--as-of", "2026-12-01", "--fail-on", "mirror")
    assert failed.code == 1 and "2 mirror facts" in failed.err
    clean = catalog_tree(tmp_path / "clean", [platform("alpha")])
    assert run("catalog", "audit", "--catalog", clean, "--as-of", "2026-12-01", "--fail-on", "mirror").code == 0


@pytest.mark.parametrize(
    ("pattern", "url", "hit"),
    [
        ("*.pages.dev", "https://migrationshop-com.pages.dev/migrate", True),
        ("*.pages.dev", "https://pages.dev.example.com/x", False),
        ("5dok.org", "https://5dok.org/document/x", True),
        ("5dok.org", "https://www.5dok.org/document/x", False),
        ("raw.githubusercontent.com/api-evangelist/*", "https://raw.githubusercontent.com/api-evangelist/x.yml", True),
        ("raw.githubusercontent.com/api-evangelist/*", "https://raw.githubusercontent.com/vendurehq/vendure/x", False),
        ("deepwiki.com", "https://DeepWiki.com/geins-io/ralph", True),
    ],
)
def test_mirror_patterns_match_host_or_host_and_path(pattern: str, url: str, hit: bool) -> None:
    assert Mirror(pattern=pattern, reason="test").matches(url) is hit


def test_table_fits_80_columns_and_never_cuts_an_id(
    run: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    _console.out.cache_clear()  # the console takes its width when first made
    monkeypatch.setattr(_console, "out", _console.out.__wrapped__)
    long_id = "salesforce_commerce_cloud_b2b"
    root = catalog_tree(tmp_path, [platform("alpha"), platform(long_id)])
    r = run("catalog", "audit", "-f", "table", "--catalog", root, "--as-of", "2026-12-01")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    assert sum(line.lstrip().startswith(long_id + " ") for line in lines) == 2  # evidence and coverage rows
    assert "Estimates that carry money" in r.out


def test_markdown_leads_with_a_dated_summary_and_the_evidence_table(run: Invoke, tiny: Path) -> None:
    r = run("catalog", "audit", "-f", "markdown", "--catalog", tiny, "--as-of", "2026-12-01")
    first, _, header = r.out.splitlines()[:3]
    assert first.startswith(
        "Catalogue audit as of 2026-12-01: 3 platforms, 28 facts resting on 75% vendor documentation"
    )
    assert "Exchange rates of 2025-04-16: 19 months old (older than 6: refresh them)." in first
    assert (
        header == "| platform | facts | vendor docs | third party | estimate | unknown | stale | unsourced | mirror |"
    )
    assert "| alpha | 10 | 80% | 0% | 20% | 0% | 0 | 2 | 0 |" in r.out


def test_fail_on_names_every_finding(run: Invoke, tiny: Path) -> None:
    r = run("catalog", "audit", "--catalog", tiny, "--fail-on", "stale,mirrors")
    assert r.code == 2
    assert "'mirrors' is not one of stale, unsourced, mirror, unknown" in r.err


def test_the_real_catalogue_table_fits_80_columns_uncut(run: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    _console.out.cache_clear()
    monkeypatch.setattr(_console, "out", _console.out.__wrapped__)
    r = run("catalog", "audit", "-f", "table", "--as-of", "2026-12-01")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    assert "…" not in r.out  # no header or id shortened
    ids = json.loads(run("platforms", "list", "-f", "json").out)
    for p in ids:
        assert sum(line.startswith(f" {p['id']} ") for line in lines) == 2, p["id"]


def test_a_computed_fit_is_covered_when_its_block_is_stated(run: Invoke, tmp_path: Path) -> None:
    criteria = copy.deepcopy(BASE["criteria/criteria.yaml"])
    criteria["groups"]["fit"] = {"name": "Fit", "description": "Fit."}
    criteria["criteria"]["segment_fit"] = {
        "name": "Segment fit",
        "group": "fit",
        "default_weight": 1,
        "computed": "segment",
        "description": "Made for a business this size.",
        "rating_guide": {0: "no", 5: "yes"},
    }
    stated = platform("alpha")
    stated["segment"] = {"revenue": {"low": 0, "high": 1_000_000}, "source": "docs"}
    root = catalog_tree(tmp_path, [stated, platform("beta")], {"criteria/criteria.yaml": criteria})
    report = _audit(run, root, "--as-of", "2026-12-01")
    assert _row(report, "alpha")["coverage"]["fit"] == 1.0
    assert _row(report, "beta")["coverage"]["fit"] == 0.0
