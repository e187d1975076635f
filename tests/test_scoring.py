"""The scoring core against hand-worked numbers: TCO, knock-outs, weights, ranking."""

from __future__ import annotations

import copy
import io
import math
from pathlib import Path
from typing import Any

import pytest

from platform_advisor._catalog import load_catalog
from platform_advisor._errors import InputError
from platform_advisor._models import Range, Requirements
from platform_advisor._scoring import Costs, derive_weights, score
from platform_advisor._scoring.tco import band_position, cost_value
from platform_advisor._scoring.weights import priority_weight

from .helpers import catalog_tree, flat_pricing, platform, requirements


def _score(root: Path, **changes: Any):  # type: ignore[no-untyped-def]
    catalog = load_catalog(root)
    return score(Requirements.model_validate(requirements(**changes)), catalog)


# --- TCO -------------------------------------------------------------------------------------


def _tco(catalog: Any, pid: str, **changes: Any):  # type: ignore[no-untyped-def]
    return Costs.of(Requirements.model_validate(requirements(**changes)), catalog)(catalog.platforms[pid])


def test_tco_by_hand(tiny: Path) -> None:
    # alpha: 1,000/month licence, 1,200/year running, 10,000 implementation, 1% fee on 500,000
    tco = _tco(load_catalog(tiny), "alpha")
    assert tco.fees_yearly == pytest.approx(5_000)
    assert tco.monthly == pytest.approx(1_000 + (1_200 + 5_000) / 12)
    assert tco.one_off == pytest.approx(10_000)
    assert tco.three_year == pytest.approx(36 * 1_000 + 3 * 1_200 + 10_000 + 3 * 5_000)  # 64,600


def test_tco_converts_currency(tmp_path: Path) -> None:
    p = platform("alpha", pricing=flat_pricing(monthly=100, fee_pct=0, implementation=0, running=0, currency="EUR"))
    catalog = load_catalog(catalog_tree(tmp_path, [p]))
    tco = _tco(catalog, "alpha", business__online_revenue=0)
    assert tco.three_year == pytest.approx(36 * 100 * 10)  # 10 SEK per EUR in the test rates


def test_band_position_is_proportional() -> None:
    band = Range(low=1_000, high=1_001_000)
    assert band_position(1_000, band) == 0
    assert band_position(1_001_000, band) == 1
    assert band_position(251_000, band) == pytest.approx(0.25)
    assert band_position(10, band) == 0 and band_position(10**9, band) == 1
    assert band_position(5, Range(low=7, high=7)) == 0 and band_position(8, Range(low=7, high=7)) == 1


def test_fees_that_scale_down(tmp_path: Path) -> None:
    pricing = flat_pricing()
    pricing["typical_revenue"] = {"low": 0, "high": 1_000_000}
    pricing["transaction_fee_pct"] = {"low": 1, "high": 2, "scales": "down"}
    catalog = load_catalog(catalog_tree(tmp_path, [platform("alpha", pricing=pricing)]))
    top = _tco(catalog, "alpha", business__online_revenue=1_000_000)
    assert top.fee_pct == pytest.approx(1)


def test_cost_value_endpoints() -> None:
    # 1 / (1 + r**k), k = log 3 / log 2: no plateau, 0.75 at half the reference, 0.25 at twice it
    assert cost_value(50, 100) == pytest.approx(0.75)
    assert cost_value(200, 100) == pytest.approx(0.25)
    assert cost_value(100, 100) == pytest.approx(0.5)
    assert 0 < cost_value(10_000, 100) < cost_value(1_000, 100) < cost_value(1, 100) < 1
    assert cost_value(0, 0) == 1 and cost_value(1, 0) == 0


# --- scores ----------------------------------------------------------------------------------


def test_score_by_hand(tiny: Path) -> None:
    result = _score(tiny)
    alpha = next(r for r in result.ranking if r.platform == "alpha")
    reference = 3 * 0.05 * 500_000  # no budget: 5% of three years' revenue
    cost = 1 / (1 + (64_600 / reference) ** (math.log(3) / math.log(2)))
    # weights: erp 2, api 1, tco 1, ease 1; alpha rated erp 5, api 1, ease 3
    expected = 100 * (2 * 1 + 1 * 0.2 + 1 * cost + 1 * 0.6) / 5
    assert alpha.score == round(expected, 2)
    assert sum(alpha.contributions.values()) == pytest.approx(alpha.score, abs=0.005)
    assert alpha.coverage == 1


def test_unknown_is_the_field_median_and_lowers_coverage(tiny: Path) -> None:
    gamma = next(r for r in _score(tiny).ranking if r.platform == "gamma")
    assert gamma.coverage == pytest.approx(0.8)  # ease (weight 1 of 5) unknown
    assert gamma.unknown == ["ease"]
    # ease is rated 3 (alpha) and 5 (beta): the median 4/5 stands in, weight 1 of 5
    assert gamma.contributions["ease"] == pytest.approx(100 * 1 * 0.8 / 5)


def test_ranks_are_dense_and_ties_broken_by_id(tmp_path: Path) -> None:
    twins = [platform("zeta"), platform("eta"), platform("theta", erp=0)]
    result = _score(catalog_tree(tmp_path, twins))
    assert [(r.rank, r.platform) for r in result.ranking] == [(1, "eta"), (2, "zeta"), (3, "theta")]
    assert result.ranking[0].score == result.ranking[1].score


# --- knock-outs ------------------------------------------------------------------------------


def test_must_have_knocks_out_with_reasons(tmp_path: Path) -> None:
    plats = [
        platform("alpha"),
        platform("beta", caps={"b2b_punchout": "custom"}),
        platform("gamma", caps={"b2b_punchout": "unknown"}),
        platform("delta", caps={"b2b_punchout": "app"}),
    ]
    result = _score(catalog_tree(tmp_path, plats), must_have=["b2b_punchout"])
    # unknown is "to verify": gamma stays, below delta which has it confirmed (#13)
    assert [r.platform for r in result.ranking] == ["delta", "gamma"]
    reasons = {e.platform: e.reasons[0].text for e in result.excluded}
    assert reasons["alpha"] == "Punchout is a must-have: not available"
    assert reasons["beta"] == "Punchout is a must-have: only through custom development"
    assert "gamma" not in reasons
    strict = _score(catalog_tree(tmp_path / "strict", plats), must_have=["b2b_punchout"], unknowns="exclude")
    assert [r.platform for r in strict.ranking] == ["delta"]
    assert "not known to be available" in next(e for e in strict.excluded if e.platform == "gamma").reasons[0].text


def test_erp_knockout_respects_api_route(tiny: Path) -> None:
    result = _score(tiny, systems__erp="fortnox")
    assert [e.platform for e in result.excluded] == ["gamma"]  # known to lack one, API rated 2
    assert "no connector for Fortnox" in result.excluded[0].reasons[0].text
    ranked = {r.platform for r in result.ranking}
    assert ranked == {"alpha", "beta"}  # alpha has a connector, beta an API rated 4


def test_hard_budget_excludes_soft_budget_penalises(tiny: Path) -> None:
    hard = _score(tiny, budget={"monthly": 1_600, "one_off": 20_000, "hard": True})
    gamma = next(e for e in hard.excluded if e.platform == "gamma")
    assert [k.subject for k in gamma.reasons] == ["monthly", "one_off"]
    assert "3 517 SEK/month exceeds the hard budget of 1 600 SEK/month" in gamma.reasons[0].text
    soft = _score(tiny, budget={"monthly": 1_600, "one_off": 20_000, "hard": False})
    assert not soft.excluded
    values = {r.platform: r.values["tco"] for r in soft.ranking}
    assert values["gamma"] < values["alpha"]


# --- weights ---------------------------------------------------------------------------------


def test_rules_preset_and_priorities_are_recorded(tiny: Path) -> None:
    catalog = load_catalog(tiny)
    req = Requirements.model_validate(requirements(systems__erp="fortnox", organisation__developers=0, preset="cheap"))
    w = derive_weights(req, catalog)
    assert w.raw == {"erp_integration": 4, "api_coverage": 1, "tco": 3, "ease": 1.5}
    assert [(s.kind, s.ref) for s in w.steps] == [
        ("rule", "erp_present"),
        ("rule", "no_developers"),
        ("preset", "cheap"),
    ]
    assert w.steps[0].reason == "You run an ERP."


def test_priorities_override(tiny: Path) -> None:
    catalog = load_catalog(tiny)
    req = Requirements.model_validate(requirements(priorities={"cost": 5, "ease": 0}))
    w = derive_weights(req, catalog)
    scale = (5 / 4) / 2.5  # mean derived weight over the priority midpoint
    assert w.raw["tco"] == pytest.approx(5 * scale * 1)  # 4 criteria / 4 groups = 1 per group
    assert w.raw["ease"] == 0
    assert w.raw["erp_integration"] == 2


def test_priority_scale_runs_from_nothing_through_the_mean_to_the_heaviest() -> None:
    assert priority_weight(0, mean=2, heaviest=10) == 0
    assert priority_weight(1, mean=2, heaviest=10) == pytest.approx(0.8)
    assert priority_weight(2.5, mean=2, heaviest=10) == 2
    assert priority_weight(4, mean=2, heaviest=10) == pytest.approx(2 + 0.6 * 8)
    assert priority_weight(5, mean=2, heaviest=10) == 10
    # nothing heavier than twice the mean: 5 is twice the mean, as it always was
    assert priority_weight(5, mean=2, heaviest=3) == 4


def test_a_5_weighs_as_much_as_the_heaviest_criterion_left_to_the_rules(tmp_path: Path) -> None:
    # a rule that lifts ERP integration to 20 (of 23): "twice an average" for a 5 would have put
    # a criterion the business rated 5 of 5 at 11.5, well under one it never rated
    rules = {
        "rules": {
            "erp_present": {
                "when": [{"field": "derived.has_erp", "op": "eq", "value": True}],
                "factors": {"erp_integration": 10},
                "reason": "ERP.",
            }
        }
    }
    catalog = load_catalog(catalog_tree(tmp_path, overrides={"criteria/rules.yaml": rules}))
    mean = (20 + 1 + 1 + 1) / 4

    def raw(**priorities: int) -> dict[str, float]:
        req = Requirements.model_validate(requirements(systems__erp="fortnox", priorities=priorities))
        return derive_weights(req, catalog).raw

    assert raw(ease=5)["ease"] == pytest.approx(20)
    assert raw(ease=4)["ease"] == pytest.approx(mean + 0.6 * (20 - mean))
    assert raw(ease=1)["ease"] == pytest.approx(mean / 2.5)
    # the yardstick is what the business left to the rules: rating ERP itself takes it away
    both = raw(ease=5, erp_integration=1)
    assert both["ease"] == pytest.approx(2 * mean) and both["erp_integration"] == pytest.approx(mean / 2.5)
    # a group against the other groups' totals, members of a rated group no yardstick either
    assert raw(usability=5)["ease"] == pytest.approx(20)
    assert raw(integration=3, ease=5)["ease"] == pytest.approx(2 * mean)


def test_all_zero_weights_is_an_input_error(tiny: Path) -> None:
    catalog = load_catalog(tiny)
    zero = {k: 0 for k in ("integration", "apis", "cost", "usability")}
    with pytest.raises(InputError, match="every criterion has weight 0"):
        derive_weights(Requirements.model_validate(requirements(priorities=zero)), catalog)


# --- expectations ----------------------------------------------------------------------------


def test_expectations(tiny: Path) -> None:
    ok = _score(tiny, expect={"top_1": ["alpha"], "not_top_5": [], "top_3_includes": ["gamma"]})
    assert ok.expectations.passed and ok.expectations.checked
    bad = _score(tiny, systems__erp="fortnox", expect={"top_1": ["beta"], "excluded": ["alpha"]})
    assert not bad.expectations.passed
    assert bad.expectations.failures[0].startswith("top_1: expected one of beta first; got alpha")
    assert bad.expectations.failures[1] == "excluded: alpha was not excluded (it is #1)"


def test_affordability_veto_names_the_figures(tmp_path: Path) -> None:
    dear = platform("dear", pricing=flat_pricing(monthly=20_000, fee_pct=0, implementation=0, running=0))
    result = _score(catalog_tree(tmp_path, [platform("alpha"), dear]))
    # reference without a budget: 5% of 3 years' revenue = 75,000; dear costs 720,000 (9.6x)
    (out,) = result.excluded
    assert out.platform == "dear" and out.reasons[0].kind == "affordability"
    assert "720 000 SEK is 9.6 times 5% of three years' online revenue (75 000 SEK)" in out.reasons[0].text


@pytest.mark.parametrize(
    ("factor", "lang", "said"), [(4, "en", "over 4x"), (2.5, "en", "over 2.5x"), (2.5, "sv", "mer än 2,5 gånger")]
)
def test_the_excluded_summary_states_the_policy_veto(tmp_path: Path, factor: float, lang: str, said: str) -> None:
    """The limit comes from criteria/policy.yaml, not from the sentence."""
    from rich.console import Console

    from platform_advisor._render.table import render_result

    from .helpers import BASE

    policy = copy.deepcopy(BASE["criteria/policy.yaml"])
    policy["policy"]["cost"]["affordability_veto"] = factor
    dear = platform("dear", pricing=flat_pricing(monthly=20_000, fee_pct=0, implementation=0, running=0))
    root = catalog_tree(tmp_path, [platform("alpha"), dear], {"criteria/policy.yaml": policy})
    result = _score(root)
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(render_result(result, load_catalog(root), lang))
    assert said in console.export_text()


def test_integration_rating_is_capped_without_a_connector_for_your_erp(tiny: Path, tmp_path: Path) -> None:
    result = _score(tiny, systems__erp="fortnox")
    beta = next(r for r in result.ranking if r.platform == "beta")  # rated 2 anyway: no cap needed
    alpha = next(r for r in result.ranking if r.platform == "alpha")  # has a Fortnox connector
    assert alpha.values["erp_integration"] == 1 and not alpha.notes
    assert beta.values["erp_integration"] == pytest.approx(0.4)
    strong = platform("strong", erp=5, api=4, complete=["erp"])
    capped = next(r for r in _score(catalog_tree(tmp_path / "x", [strong]), systems__erp="fortnox").ranking)
    assert capped.values["erp_integration"] == pytest.approx(0.4)
    assert capped.notes == ("ERP integration: no connector for Fortnox, so rated 2 (custom integration) instead of 5",)
    assert not capped.flags  # known absence is a fact, not a question


def test_tables_kept_per_combination_of_answers_are_bounded_and_change_no_score(
    tiny: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What depends on the catalogue and a few answers only is worked out once per combination
    and kept (fit.for_answers) for a bounded number of combinations; a file scores the same
    from the kept tables, and past the bound, without keeping any."""
    import dataclasses

    from platform_advisor._scoring import fit

    catalog = load_catalog(tiny)
    req = Requirements.model_validate(requirements(must_have=["b2b_portal"], systems={"erp": "visma_net"}))
    first = score(req, catalog)
    assert score(req, catalog) == first  # from the kept tables
    assert {key[1][0] for key, table in catalog.fit_cache.items() if key[0] == "answers" and table} == {
        "rated",
        "medians",
        "knockouts",
    }
    monkeypatch.setattr(fit, "KEEP_ANSWERS", 0)
    bare = dataclasses.replace(catalog)  # a catalogue that has kept nothing yet
    assert score(req, bare) == first
    assert all(not table for key, table in bare.fit_cache.items() if key[0] == "answers")
    monkeypatch.setattr(fit, "KEEP_ANSWERS", 2)
    tables = [fit.for_answers(bare, "test", (i,)) for i in range(5)]
    assert len(bare.fit_cache[("answers", ("test",))]) == 2
    assert fit.for_answers(bare, "test", (1,)) is tables[1]
    assert fit.for_answers(bare, "test", (4,)) is not tables[4]
