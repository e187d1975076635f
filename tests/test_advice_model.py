"""The advice model's rules for uncertainty and fit (#13, #15), each on a small inline catalogue."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from platform_advisor._catalog import load_catalog
from platform_advisor._models import Requirements
from platform_advisor._scoring import Result, score

from .helpers import BASE, catalog_tree, flat_pricing, platform, requirements


def _score(root: Path, **changes: Any) -> Result:
    return score(Requirements.model_validate(requirements(**changes)), load_catalog(root))


def _ids(result: Result) -> list[str]:
    return [r.platform for r in result.ranking]


# --- unknown must-haves: to verify, not knocked out ---------------------------------------------


def test_unknown_must_have_ranks_just_below_the_same_platform_with_it_confirmed(tmp_path: Path) -> None:
    plats = [
        platform("sure", erp=4, caps={"b2b_punchout": "native"}),
        platform("maybe", erp=4, caps={"b2b_punchout": "unknown"}),
        platform("weaker", erp=2, caps={"b2b_punchout": "native"}),
    ]
    result = _score(catalog_tree(tmp_path, plats), must_have=["b2b_punchout"])
    assert _ids(result) == ["sure", "maybe", "weaker"]  # the penalty is small, not a knock-out
    sure, maybe = result.ranking[0], result.ranking[1]
    assert maybe.score == pytest.approx(sure.score * 0.95, abs=0.01)
    assert maybe.penalty > 0 and sum(maybe.contributions.values()) == pytest.approx(maybe.score, abs=0.01)
    assert [(f.kind, f.subject, f.text) for f in maybe.flags] == [("verify", "b2b_punchout", "Punchout: to verify")]
    assert not sure.flags


def test_explain_says_where_an_open_must_have_would_rank_once_confirmed(tmp_path: Path) -> None:
    from platform_advisor._render.explain import explain_markdown
    from platform_advisor._render.explain_data import explain

    # "open" is the better platform but for its unconfirmed must-have; the dearer "confirmed"
    # sits between its score with the penalty and its score without it
    plats = [
        platform("confirmed", erp=5, caps={"b2b_punchout": "native"}, pricing=flat_pricing(monthly=1500)),
        platform("open", erp=5, caps={"b2b_punchout": "unknown"}),
    ]
    catalog = load_catalog(catalog_tree(tmp_path, plats))
    req = Requirements.model_validate(requirements(must_have=["b2b_punchout"]))
    result = score(req, catalog)
    assert _ids(result) == ["confirmed", "open"]
    opened = result.ranking[1]
    assert result.ranking[0].score < opened.score + opened.penalty
    data = explain(result, catalog, "open", req=req)
    confirmed = data.platform.if_confirmed
    assert confirmed is not None and confirmed.rank == 1 and confirmed.items == (("verify", "b2b_punchout"),)
    assert confirmed.score == pytest.approx(opened.score + opened.penalty, abs=0.02)  # the penalty given back
    assert data.to_json()["platform"]["if_confirmed"]["rank"] == 1
    text = explain_markdown(data)
    assert "points taken off until the must-haves are confirmed" in text
    assert "Confirmed (Punchout), it would rank #1, with" in text
    assert explain(result, catalog, "confirmed", req=req).platform.if_confirmed is None  # nothing open
    assert explain(result, catalog, "open").platform.if_confirmed is None  # no requirements, no rescore


def test_confirmed_would_match_its_twin_that_has_it_confirmed(tmp_path: Path) -> None:
    from platform_advisor._render.explain import explain_markdown
    from platform_advisor._render.explain_data import explain

    plats = [platform("twin", caps={"b2b_punchout": "native"}), platform("open", caps={"b2b_punchout": "unknown"})]
    catalog = load_catalog(catalog_tree(tmp_path, plats))
    req = Requirements.model_validate(requirements(must_have=["b2b_punchout"]))
    result = score(req, catalog)
    twin = result.ranking[0]
    data = explain(result, catalog, "open", "sv", req)
    confirmed = data.platform.if_confirmed
    assert confirmed is not None and confirmed.score == pytest.approx(twin.score, abs=0.01)
    # level with the twin: counted behind it, never promised first place
    assert confirmed.rank == 2 == data.platform.rank
    assert ") ligger den kvar på plats 2, med " in explain_markdown(data, "sv")


def test_a_connector_to_verify_confirmed_scores_like_the_twin_that_lists_it(tmp_path: Path) -> None:
    from platform_advisor._analysis.whatif import if_confirmed

    plats = [
        platform("twin", erp=5, erp_connectors={"fortnox": "app"}),
        platform("open", erp=5),
        platform("third", erp=4, erp_connectors={"fortnox": "app"}, pricing=flat_pricing(monthly=900)),
    ]
    catalog = load_catalog(catalog_tree(tmp_path, plats))
    req = Requirements.model_validate(requirements(systems={"erp": "fortnox"}))
    result = score(req, catalog)
    opened = next(r for r in result.ranking if r.platform == "open")
    assert [(f.kind, f.subject) for f in opened.flags] == [("connector", "fortnox")]
    assert opened.penalty == 0  # a connector to verify caps a rating; it takes no points off
    confirmed = if_confirmed(req, catalog, result, "open")
    twin = next(r for r in result.ranking if r.platform == "twin")
    assert confirmed is not None and confirmed.items == (("connector", "fortnox"),)
    assert confirmed.score == pytest.approx(twin.score, abs=0.01) and confirmed.score > opened.score
    assert confirmed.rank == twin.rank + 1  # level with the twin, counted behind it
    # the what-if scored a catalogue of its own: the loaded one and its caches are untouched
    assert "fortnox" not in catalog.platforms["open"].connectors.erp
    assert score(req, catalog) == result


def test_unknowns_exclude_knocks_them_out(tmp_path: Path) -> None:
    plats = [platform("sure", caps={"b2b_punchout": "native"}), platform("maybe", caps={"b2b_punchout": "unknown"})]
    result = _score(catalog_tree(tmp_path, plats), must_have=["b2b_punchout"], unknowns="exclude")
    assert _ids(result) == ["sure"]
    (maybe,) = result.excluded
    assert maybe.near_miss and maybe.distance == 0  # a fact to verify is the nearest of near-misses


# --- connectors: unknown is not absent ----------------------------------------------------------


def test_connector_nobody_looked_for_is_capped_at_the_middle_and_flagged(tmp_path: Path) -> None:
    plats = [
        platform("listed", erp=5, erp_connectors={"fortnox": "app"}),
        platform("unlooked", erp=5, api=1),
        platform("known_missing", erp=5, api=4, complete=["erp"]),
    ]
    result = _score(catalog_tree(tmp_path, plats), systems__erp="fortnox")
    by = {r.platform: r for r in result.ranking}
    assert by["listed"].values["erp_integration"] == 1 and not by["listed"].flags
    assert by["unlooked"].values["erp_integration"] == pytest.approx(0.6)  # policy: connector_to_verify_cap 3
    assert [f.text for f in by["unlooked"].flags] == ["connector for Fortnox: to verify"]
    assert by["known_missing"].values["erp_integration"] == pytest.approx(0.4)  # custom_integration_cap 2
    assert not result.excluded  # unlooked has a weak API but nobody knows it lacks a connector


def test_erp_other_is_never_assumed_connected(tmp_path: Path) -> None:
    result = _score(catalog_tree(tmp_path, [platform("p", erp=5, api=1)]), systems__erp="other")
    assert [k.kind for k in result.excluded[0].reasons] == ["erp"]


def test_a_family_id_matches_any_member(tmp_path: Path) -> None:
    overrides = {"criteria/connectors.yaml": copy.deepcopy(BASE["criteria/connectors.yaml"])}
    overrides["criteria/connectors.yaml"]["erp"].update({"visma": "Visma", "visma_net": "Visma.net"})
    overrides["criteria/connectors.yaml"]["families"] = {"visma": ["visma_net"]}
    plats = [platform("p", erp=5, erp_connectors={"visma_net": "native"}, complete=["erp"])]
    result = _score(catalog_tree(tmp_path, plats, overrides), systems__erp="visma")
    assert result.ranking[0].values["erp_integration"] == 1


# --- near-misses by closeness ------------------------------------------------------------------


def test_near_misses_are_ordered_by_how_close_they_came(tmp_path: Path) -> None:
    def priced(pid: str, monthly: float, **kw: Any) -> dict[str, Any]:
        kw.setdefault("caps", {"b2b_punchout": "native"})
        return platform(pid, pricing=flat_pricing(monthly=monthly, fee_pct=0, implementation=0, running=0), **kw)

    plats = [
        priced("fits", 900),
        priced("ten_percent", 1100),
        priced("thirty_percent", 1300),
        priced("ten_times", 10_000),
        priced("no_punchout", 500, caps={"b2b_punchout": "absent"}, erp=5),
    ]
    result = _score(
        catalog_tree(tmp_path, plats),
        budget={"monthly": 1000, "hard": True},
        business__online_revenue=0,
    )
    assert set(_ids(result)) == {"fits", "no_punchout"}
    result = _score(
        catalog_tree(tmp_path / "b", plats),
        budget={"monthly": 1000, "hard": True},
        business__online_revenue=0,
        must_have=["b2b_punchout"],
    )
    near = [e.platform for e in result.excluded if e.near_miss]
    assert near == ["ten_percent", "thirty_percent", "no_punchout"]
    assert "ten_times" not in near  # 10x a limit is never near


def test_tied_near_misses_are_ordered_by_would_score_not_id(tmp_path: Path) -> None:
    plats = [
        platform("aaa", erp=1, caps={"b2b_punchout": "absent"}),
        platform("zzz", erp=5, caps={"b2b_punchout": "absent"}),
        platform("ok", caps={"b2b_punchout": "native"}),
    ]
    result = _score(catalog_tree(tmp_path, plats), must_have=["b2b_punchout"])
    assert [e.platform for e in result.excluded] == ["zzz", "aaa"]


# --- coverage has consequences -----------------------------------------------------------------


def test_a_winner_resting_on_stand_ins_names_the_best_well_covered_alternative(tmp_path: Path) -> None:
    thin = platform("thin", erp="unknown", ease="unknown", api="unknown", pricing=flat_pricing(monthly=10))
    plats = [thin, platform("solid", erp=3, ease=3, api=1)]
    result = _score(catalog_tree(tmp_path, plats))
    first = result.ranking[0]
    if first.platform == "thin":
        assert result.best_covered == "solid"
        assert any(f.kind == "coverage" for f in first.flags)
    else:
        assert result.best_covered is None


# --- segment, market and industry fit ----------------------------------------------------------


def _fit_tree(tmp_path: Path, plats: list[dict[str, Any]], overrides: dict[str, Any] | None = None) -> Path:
    crit: dict[str, Any] = copy.deepcopy(BASE["criteria/criteria.yaml"])
    crit["groups"]["fit"] = {"name": "Fit", "description": "Fit."}
    for cid, computed in (("segment_fit", "segment"), ("market_fit", "market"), ("industry_fit", "industry")):
        crit["criteria"][cid] = {
            "name": cid,
            "group": "fit",
            "default_weight": 1,
            "computed": computed,
            "description": "Computed.",
            "rating_guide": {0: "no", 5: "yes"},
        }
    return catalog_tree(tmp_path, plats, {"criteria/criteria.yaml": crit, **(overrides or {})})


def _with(p: dict[str, Any], **blocks: Any) -> dict[str, Any]:
    p.update(blocks)
    return p


def test_segment_fit_is_one_inside_the_band_and_falls_with_log_distance(tmp_path: Path) -> None:
    seg = {"revenue": {"low": 1_000_000, "high": 10_000_000}, "source": "guess"}
    plats = [_with(platform("mid"), segment=seg)]
    root = _fit_tree(tmp_path, plats)
    inside = _score(root, business__online_revenue=5_000_000).ranking[0]
    assert inside.values["segment_fit"] == 1 and not [f for f in inside.flags if f.kind == "segment"]
    small = _score(root, business__online_revenue=100_000).ranking[0]  # 10x below the band
    assert small.values["segment_fit"] == pytest.approx(1 - 1 / 1.5)
    assert [f.text for f in small.flags if f.kind == "segment"] == [
        "over-dimensioned for a business your size (typically chosen from 1 M SEK a year)"
    ]
    big = _score(root, business__online_revenue=100_000_000).ranking[0]
    assert "likely to be outgrown" in next(f.text for f in big.flags if f.kind == "segment")


def test_segment_fit_counts_the_team_the_platform_presumes(tmp_path: Path) -> None:
    seg = {"revenue": {"low": 0, "high": 10_000_000}, "developers": 3, "it_maturity": "high", "source": "guess"}
    root = _fit_tree(tmp_path, [_with(platform("dev"), segment=seg)])
    agency = _score(root, organisation={"developers": 0, "it_maturity": "high", "build": "agency"}).ranking[0]
    alone = _score(root, organisation={"developers": 0, "it_maturity": "low", "build": "diy"}).ranking[0]
    assert agency.values["segment_fit"] == 1
    assert alone.values["segment_fit"] == pytest.approx(1 - 2 * 0.2 - 0.35)


def test_segment_fit_counts_missing_developers_for_a_suggested_build_mode_too(tmp_path: Path) -> None:
    """The team test read only a stated build mode, so a business that left the question open
    was never short of developers, whatever the estimate assumed it would build with."""
    complexity = copy.deepcopy(BASE["criteria/complexity.yaml"])
    complexity["build"]["suggest"] = [
        {"when": [{"field": "organisation.developers", "op": "gte", "value": 1}], "build": "in_house", "reason": "x"}
    ]
    seg = {"revenue": {"low": 0, "high": 10_000_000}, "developers": 3, "it_maturity": "high", "source": "guess"}
    root = _fit_tree(tmp_path, [_with(platform("dev"), segment=seg)], {"criteria/complexity.yaml": complexity})
    suggested = _score(root, organisation={"developers": 1, "it_maturity": "high"}).ranking[0]
    stated = _score(root, organisation={"developers": 1, "it_maturity": "high", "build": "in_house"}).ranking[0]
    assert suggested.values["segment_fit"] == stated.values["segment_fit"] == pytest.approx(1 - 0.35)
    by_agency = _score(root, organisation={"developers": 0, "it_maturity": "high"}).ranking[0]  # the otherwise
    assert by_agency.values["segment_fit"] == 1


def test_segment_fit_counts_the_industries_a_platform_is_built_for(tmp_path: Path) -> None:
    """segment.industries: outside them segment fit loses policy.segment.other_industry, named."""
    policy = copy.deepcopy(BASE["criteria/policy.yaml"])
    policy["policy"]["segment"]["other_industry"] = 0.6
    industries = copy.deepcopy(BASE["criteria/industries.yaml"])
    industries["industries"]["fashion_apparel"] = {
        "name": "Fashion and apparel",
        "description": "Clothes.",
        "factors": {},
        "proposes": ["saas"],
        "reason": "Sizes and colours.",
    }
    band = {"revenue": {"low": 0, "high": 10_000_000}, "source": "guess"}
    plats = [_with(platform("fashion"), segment={**band, "industries": ["fashion_apparel"]}), platform("any")]
    root = _fit_tree(tmp_path, plats, {"criteria/policy.yaml": policy, "criteria/industries.yaml": industries})
    made_for = {r.platform: r for r in _score(root, business__industry="fashion_apparel").ranking}
    assert made_for["fashion"].values["segment_fit"] == 1
    other = {r.platform: r for r in _score(root, business__industry="digital_goods").ranking}
    assert other["fashion"].values["segment_fit"] == pytest.approx(0.4)
    assert [f.text for f in other["fashion"].flags if f.kind == "segment"] == [
        "built for other industries: Fashion and apparel"
    ]
    # no industry given: nothing to hold against it
    assert _score(root).ranking[0].values["segment_fit"] == 1


def test_a_segment_industry_that_is_not_a_profile_is_a_catalogue_error(tmp_path: Path) -> None:
    seg = {"revenue": {"low": 0, "high": 10_000_000}, "industries": ["fashon"], "source": "guess"}
    with pytest.raises(Exception, match=r"fashion\.yaml:\d+:\d+: unknown industry 'fashon'"):
        load_catalog(_fit_tree(tmp_path, [_with(platform("fashion"), segment=seg)]))


def test_market_fit_flags_a_market_the_platform_is_not_sold_in(tmp_path: Path) -> None:
    local = _with(platform("local"), markets={"countries": ["NO"], "storefront_languages": ["nb"], "source": "docs"})
    wide = _with(platform("wide"), markets={"countries": "global", "storefront_languages": "any", "source": "docs"})
    result = _score(_fit_tree(tmp_path, [local, wide]))  # the test business sells in SE
    by = {r.platform: r for r in result.ranking}
    assert by["wide"].values["market_fit"] == 1
    assert by["local"].values["market_fit"] == pytest.approx(0.4 * 0.25 / 0.6)  # sold part only, no sv
    assert [f.text for f in by["local"].flags if f.kind == "market"] == ["not sold or supported in SE"]


def test_a_small_shop_gets_nothing_for_a_home_market_its_platform_is_not_sold_in(tmp_path: Path) -> None:
    """A Finland-only shop system kept a third of a Norwegian micro-shop's market fit on its
    payment and carrier links and stood fourth for it. For the owner-run shop `support_when`
    describes, nobody at home sells or supports it, so that market counts `unsold_home`; a larger
    business, served by an agency, is still scored part by part."""
    policy = copy.deepcopy(BASE["criteria/policy.yaml"])
    small = [
        {"field": "derived.revenue_eur", "op": "lt", "value": 10_000_000},
        {"field": "organisation.developers", "op": "eq", "value": 0},
    ]
    policy["policy"]["market"].update({"support_when": small, "unsold_home": 0, "home": 0.5})
    local = _with(platform("local"), markets={"countries": ["NO"], "storefront_languages": ["nb"], "source": "docs"})
    markets = copy.deepcopy(BASE["criteria/markets.yaml"])
    markets["countries"]["NO"] = {"name": "Norway", "languages": ["nb"], "payments": [], "carriers": []}
    root = _fit_tree(
        tmp_path, [local, platform("other")], {"criteria/policy.yaml": policy, "criteria/markets.yaml": markets}
    )
    # the test business is based in SE
    owner_run = _score(root, business__online_revenue=500_000, organisation__developers=0).ranking
    assert {r.platform: r for r in owner_run}["local"].values["market_fit"] == 0
    agency_run = _score(root, business__online_revenue=5e9, organisation__developers=0).ranking
    assert {r.platform: r for r in agency_run}["local"].values["market_fit"] == pytest.approx(0.4 * 0.25 / 0.6)
    # with Norway as a second market, the home market counts 0 and Norway in full
    two = _score(root, business__online_revenue=500_000, organisation__developers=0, business__markets=["SE", "NO"])
    assert {r.platform: r for r in two.ranking}["local"].values["market_fit"] == pytest.approx(0.5)


def test_a_payment_method_inside_an_embedded_checkout_counts_in_market_fit(tmp_path: Path) -> None:
    """Svea renders its checkout in the shop, so a platform with a Svea connector offers the Swish
    inside it; with no `through` entry the method stays unknown (half), not absent."""
    conns = copy.deepcopy(BASE["criteria/connectors.yaml"])
    conns["payments"] = {"swish": "Swish", "svea": "Svea"}
    markets = copy.deepcopy(BASE["criteria/markets.yaml"])
    markets["countries"]["SE"]["payments"] = ["swish"]
    sold = {"countries": ["SE"], "storefront_languages": ["sv"], "source": "docs"}
    with_svea = _with(platform("svea_shop"), markets=sold)
    with_svea["connectors"]["payments"] = {"svea": {"level": "app", "source": "docs"}}
    plats = [with_svea, _with(platform("plain"), markets=sold)]
    files = {"criteria/connectors.yaml": conns, "criteria/markets.yaml": markets}
    # sold 0.4 + Swedish pages 0.2 + payments 0.25 x (1 through Svea, or 0.5 unknown) of 0.85
    before = {r.platform: r.values["market_fit"] for r in _score(_fit_tree(tmp_path / "a", plats, files)).ranking}
    assert before == {"svea_shop": pytest.approx(0.725 / 0.85), "plain": pytest.approx(0.725 / 0.85)}
    conns["through"] = {"swish": ["svea"]}
    after = {r.platform: r.values["market_fit"] for r in _score(_fit_tree(tmp_path / "b", plats, files)).ranking}
    assert after == {"svea_shop": 1, "plain": pytest.approx(0.725 / 0.85)}


def test_a_carrier_booked_through_a_delivery_service_counts_and_kinds_are_not_mixed(tmp_path: Path) -> None:
    conns = copy.deepcopy(BASE["criteria/connectors.yaml"])
    conns["shipping"] = {"postnord": "PostNord", "nshift": "nShift"}
    conns["payments"] = {"swish": "Swish"}
    markets = copy.deepcopy(BASE["criteria/markets.yaml"])
    markets["countries"]["SE"]["carriers"] = ["postnord"]
    sold = {"countries": ["SE"], "storefront_languages": ["sv"], "source": "docs"}
    booked = _with(platform("booked"), markets=sold)
    booked["connectors"]["shipping"] = {"nshift": {"level": "app", "source": "docs"}}
    conns["through"] = {"postnord": ["nshift"]}
    files = {"criteria/connectors.yaml": conns, "criteria/markets.yaml": markets}
    result = _score(_fit_tree(tmp_path / "ok", [booked, _with(platform("plain"), markets=sold)], files))
    # sold 0.4 + Swedish pages 0.2 + carriers 0.15 x (1 through nShift, or 0.5 unknown) of 0.75
    assert {r.platform: r.values["market_fit"] for r in result.ranking} == {
        "booked": 1,
        "plain": pytest.approx(0.675 / 0.75),
    }
    conns["through"] = {"postnord": ["swish"]}  # a payment id cannot book a parcel
    with pytest.raises(Exception, match=r"connectors\.yaml:\d+:\d+: unknown shipping id 'swish'"):
        load_catalog(_fit_tree(tmp_path / "bad", [platform("p")], files))


def test_an_in_house_team_is_not_held_to_a_ready_payment_link(tmp_path: Path) -> None:
    """Its own developers add a missing link against the provider's API, as they add a missing
    capability: absent counts `in_house_link`, unknown half-way to a ready link. An agency build
    keeps 0 and a half."""
    conns = copy.deepcopy(BASE["criteria/connectors.yaml"])
    conns["payments"] = {"swish": "Swish"}
    markets = copy.deepcopy(BASE["criteria/markets.yaml"])
    markets["countries"]["SE"]["payments"] = ["swish"]
    policy = copy.deepcopy(BASE["criteria/policy.yaml"])
    policy["policy"]["market"]["in_house_link"] = 0.7
    sold = {"countries": ["SE"], "storefront_languages": ["sv"], "source": "docs"}
    without = _with(platform("without", complete=["payments"]), markets=sold)  # no Swish, list complete
    files = {"criteria/connectors.yaml": conns, "criteria/markets.yaml": markets, "criteria/policy.yaml": policy}
    root = _fit_tree(tmp_path, [without, _with(platform("unsure"), markets=sold)], files)

    def fit(build: str) -> dict[str, float | None]:
        result = _score(root, organisation={"developers": 3, "it_maturity": "high", "build": build})
        return {r.platform: r.values["market_fit"] for r in result.ranking}

    # sold 0.4 + Swedish pages 0.2 + payments 0.25 x share, of 0.85
    assert fit("in_house") == {
        "without": pytest.approx((0.6 + 0.25 * 0.7) / 0.85),
        "unsure": pytest.approx((0.6 + 0.25 * 0.85) / 0.85),
    }
    assert fit("agency") == {"without": pytest.approx(0.6 / 0.85), "unsure": pytest.approx(0.725 / 0.85)}


def test_a_through_entry_naming_an_unknown_checkout_is_a_catalogue_error(tmp_path: Path) -> None:
    conns = copy.deepcopy(BASE["criteria/connectors.yaml"])
    conns["payments"] = {"swish": "Swish"}
    conns["through"] = {"swish": ["sveaa"]}
    with pytest.raises(Exception, match=r"connectors\.yaml:\d+:\d+: unknown payments id 'sveaa'"):
        load_catalog(_fit_tree(tmp_path, [platform("p")], {"criteria/connectors.yaml": conns}))


def test_industry_fit_measures_the_profiles_capabilities(tmp_path: Path) -> None:
    plats = [platform("hosted"), platform("selfhost", caps={"saas": "absent"})]
    result = _score(_fit_tree(tmp_path, plats), business__industry="digital_goods")  # proposes saas
    by = {r.platform: r for r in result.ranking}
    assert by["hosted"].values["industry_fit"] == 1 and by["selfhost"].values["industry_fit"] == 0
    step = next(s for s in result.weights.steps if s.kind == "industry")
    assert step.ref == "digital_goods" and "Delivered digitally." in step.reason


def test_an_unknown_capability_counts_as_the_field_has_it(tmp_path: Path) -> None:
    """Left out of the mean, an unknown let a platform that documents one of two capabilities
    score as if it had both; it now stands in at the median of the platforms that state it."""
    industries = copy.deepcopy(BASE["criteria/industries.yaml"])
    industries["industries"]["spares"] = {
        "name": "Spares",
        "description": "Parts.",
        "factors": {},
        "proposes": ["saas", "b2b_punchout"],
        "reason": "Buyers punch out.",
    }
    plats = [
        platform("half", caps={"b2b_punchout": "unknown"}),
        platform("a"),  # the helper's default: punchout absent
        platform("b"),
        platform("c", caps={"b2b_punchout": "native"}),
        platform("blank", caps={"saas": "unknown", "b2b_punchout": "unknown"}),
    ]
    root = _fit_tree(tmp_path, plats, {"criteria/industries.yaml": industries})
    by = {r.platform: r for r in _score(root, business__industry="spares").ranking}
    assert by["half"].values["industry_fit"] == pytest.approx(0.5)  # saas 1, punchout the field's 0
    assert by["a"].values["industry_fit"] == pytest.approx(0.5) and by["c"].values["industry_fit"] == 1
    # nothing known: no value of its own, so the criterion's median stands in and coverage says so
    assert by["blank"].values["industry_fit"] is None and by["blank"].coverage < 1


def test_custom_work_counts_more_when_the_business_builds_with_its_own_team(tmp_path: Path) -> None:
    policy = copy.deepcopy(BASE["criteria/policy.yaml"])
    policy["policy"]["industry"]["custom_in_house"] = 0.7
    plats = [platform("api", caps={"saas": "custom"})]
    root = _fit_tree(tmp_path, plats, {"criteria/policy.yaml": policy})
    team = {"developers": 6, "it_maturity": "high", "build": "in_house"}
    agency = {"developers": 0, "build": "agency"}
    built = _score(root, business__industry="digital_goods", organisation=team).ranking[0]
    bought = _score(root, business__industry="digital_goods", organisation=agency).ranking[0]
    assert built.values["industry_fit"] == pytest.approx(0.7)
    assert bought.values["industry_fit"] == pytest.approx(0.3)  # the test policy's `custom`


# --- needs-driven weights on the real catalogue -----------------------------------------------


@pytest.fixture(scope="module")
def real() -> Any:
    return load_catalog()


def _weights(real: Any, **changes: Any) -> dict[str, float]:
    from platform_advisor._scoring import derive_weights

    req = Requirements.model_validate(requirements(**changes))
    return derive_weights(req, real).normalised()


def test_what_a_business_does_not_need_falls_to_near_zero(real: Any) -> None:
    consumer = _weights(real)
    b2b = _weights(real, business__model="b2b")
    for cid in ("b2b_buying", "b2b_pricing", "b2b_accounts"):
        assert consumer[cid] < 0.002 < b2b[cid]
    assert consumer["marketplaces"] < _weights(real, business__marketplaces=["cdon"])["marketplaces"] / 10
    assert consumer["crm_marketing_integration"] < _weights(real, systems__crm="klaviyo")["crm_marketing_integration"]
    assert consumer["industry_fit"] == 0 < _weights(real, business__industry="fashion_apparel")["industry_fit"]


def test_composable_moves_weight_from_built_in_content_to_apis(real: Any) -> None:
    none, comp = _weights(real), _weights(real, organisation__architecture="composable")
    assert comp["cms"] < none["cms"] and comp["headless_readiness"] > none["headless_readiness"]
    suite = _weights(real, organisation__architecture="suite")
    assert suite["cms"] > none["cms"] and suite["headless_readiness"] < none["headless_readiness"]


def test_explain_says_in_plain_words_why_the_specialist_beats_the_generalist(tmp_path: Path) -> None:
    from platform_advisor._render.explain_data import explain_payload

    # the generalist is rated higher on everything, the specialist has what the industry needs
    specialist = platform("specialist", erp=2, ease=2, api=2, caps={"saas": "native"})
    generalist = platform("generalist", erp=4, ease=4, api=4, caps={"saas": "absent"})
    industries = copy.deepcopy(BASE["criteria/industries.yaml"])
    industries["industries"]["digital_goods"]["factors"] = {"industry_fit": 10}
    files = {"criteria/industries.yaml": industries, "criteria/criteria.yaml": _criteria_with_industry_fit()}
    catalog = load_catalog(catalog_tree(tmp_path, [specialist, generalist], files))
    result = score(Requirements.model_validate(requirements(business__industry="digital_goods")), catalog)
    assert _ids(result) == ["specialist", "generalist"]
    why = explain_payload(result, catalog, None)["versus"]["why"]
    assert why.startswith("Specialist beats Generalist on industry_fit (+")
    assert "Generalist is ahead on" in why and "ERP integration" in why


def _criteria_with_industry_fit() -> dict[str, Any]:
    crit: dict[str, Any] = copy.deepcopy(BASE["criteria/criteria.yaml"])
    crit["groups"]["fit"] = {"name": "Fit", "description": "Fit."}
    crit["criteria"]["industry_fit"] = {
        "name": "industry_fit",
        "group": "fit",
        "default_weight": 1,
        "computed": "industry",
        "description": "Computed.",
        "rating_guide": {0: "no", 5: "yes"},
    }
    return crit


def test_cost_keeps_discriminating_at_any_budget() -> None:
    from platform_advisor._scoring.tco import cost_value

    budget = 60_000_000  # an enterprise budget: both platforms are far below it
    cheap, dear = cost_value(1_300_000, budget), cost_value(31_000_000, budget)
    assert 1 > cheap > dear + 0.2 > 0  # a 24x dearer platform is visibly worse, and no value saturates
    assert cost_value(budget, budget) == pytest.approx(0.5)
    assert cost_value(budget / 2, budget) == pytest.approx(0.75)
    assert cost_value(2 * budget, budget) == pytest.approx(0.25)


def _headless_criteria() -> dict[str, Any]:
    """The test criteria plus headless readiness, which pairing and storefront rules read."""
    crit: dict[str, Any] = copy.deepcopy(BASE["criteria/criteria.yaml"])
    crit["criteria"]["headless_readiness"] = {
        "name": "Headless",
        "group": "apis",
        "default_weight": 1,
        "description": "Headless.",
        "rating_guide": {0: "no", 5: "yes"},
    }
    return crit


def test_a_headless_platform_is_paired_for_what_it_leaves_out(tmp_path: Path) -> None:
    headless = platform("headless", ease=1)
    headless["ratings"]["headless_readiness"] = {"value": 5, "note": "API first.", "source": "docs"}
    crit = _headless_criteria()
    suite = platform("suite", ease=1)
    suite["ratings"]["headless_readiness"] = {"value": 2, "note": "Themes.", "source": "docs"}
    result = _score(catalog_tree(tmp_path, [headless, suite], {"criteria/criteria.yaml": crit}))
    by = {r.platform: r for r in result.ranking}
    assert by["headless"].values["ease"] == pytest.approx(0.6)  # the test policy pairs "ease" at rating 3
    assert any("paired headless service" in n for n in by["headless"].notes)
    assert by["suite"].values["ease"] == pytest.approx(0.2)


def test_more_than_the_business_needs_counts_no_more(tmp_path: Path) -> None:
    """policy.enough: a rating is valued as the share of this business's need it meets."""
    policy = copy.deepcopy(BASE["criteria/policy.yaml"])
    policy["policy"]["enough"] = {
        "api_coverage": {
            "by": "derived.revenue_eur",
            "steps": [{"below": 1_000_000, "need": 2}, {"below": 10_000_000, "need": 4}],
            "otherwise": 5,
            "reason": "test",
        }
    }
    root = catalog_tree(
        tmp_path,
        [platform("big", api=5), platform("mid", api=4), platform("low", api=1)],
        {"criteria/policy.yaml": policy},
    )
    # 500 000 SEK is well under 1 MEUR: a rating of 2 meets the need, so 4 and 5 are both 1.0
    small = {r.platform: r for r in _score(root).ranking}
    assert small["big"].values["api_coverage"] == small["mid"].values["api_coverage"] == 1.0
    assert small["low"].values["api_coverage"] == pytest.approx(0.5)
    assert any("against the 2 your size needs" in n for n in small["mid"].notes)
    # 50 MSEK is over 1 MEUR and under 10 MEUR (test rates): need 4
    grown = {r.platform: r for r in _score(root, business__online_revenue=50_000_000).ranking}
    assert grown["big"].values["api_coverage"] == grown["mid"].values["api_coverage"] == 1.0
    assert grown["low"].values["api_coverage"] == pytest.approx(0.25)
    # beyond every step: the scale is left as it is
    huge = {r.platform: r for r in _score(root, business__online_revenue=5_000_000_000).ranking}
    assert huge["mid"].values["api_coverage"] == pytest.approx(0.8)


def test_an_enough_rule_on_an_unknown_fact_is_a_catalogue_error(tmp_path: Path) -> None:
    policy = copy.deepcopy(BASE["criteria/policy.yaml"])
    policy["policy"]["enough"] = {
        "api_coverage": {"by": "derived.revenue", "steps": [{"below": 1, "need": 2}], "otherwise": 5, "reason": "x"}
    }
    root = catalog_tree(tmp_path, [platform("a")], {"criteria/policy.yaml": policy})
    with pytest.raises(Exception, match=r"derived\.revenue_eur"):
        load_catalog(root)


def test_what_the_business_did_not_emphasise_is_met_by_an_adequate_rating(tmp_path: Path) -> None:
    """policy.adequate: below 1.5x an average weight share, a rating of 3 already counts in full."""
    policy = copy.deepcopy(BASE["criteria/policy.yaml"])
    policy["policy"]["adequate"] = {"need": 3, "below": 1.5}
    plats = [platform("broad", erp=5, ease=5), platform("solid", erp=4, ease=3), platform("thin", erp=4, ease=1)]
    root = catalog_tree(tmp_path, plats, {"criteria/policy.yaml": policy})
    # shares 0.4 (ERP, default weight 2) and 0.2 (the rest); 1.5 x the mean 0.25 is 0.375
    result = _score(root)
    assert result.adequate == ("api_coverage", "ease") and result.adequate_need == 3
    by = {r.platform: r for r in result.ranking}
    assert by["broad"].values["ease"] == by["solid"].values["ease"] == 1.0
    assert by["thin"].values["ease"] == pytest.approx(1 / 3)  # under the need it still costs
    assert by["broad"].values["erp_integration"] == 1.0  # emphasised: the full scale
    assert by["solid"].values["erp_integration"] == pytest.approx(0.8)
    # a priority makes it one of the business's emphases again: 5 beats 3
    rated = {r.platform: r for r in _score(root, priorities={"ease": 5}).ranking}
    assert rated["broad"].values["ease"] == 1.0 and rated["solid"].values["ease"] == pytest.approx(0.6)
    assert "ease" not in _score(root, priorities={"ease": 5}).adequate


def test_a_what_if_on_the_weights_keeps_what_the_business_emphasised(tmp_path: Path) -> None:
    """Robustness and stability move the weights to see what the ranking rests on; the value of
    each rating, adequate or not, stays what the business's own answers made it."""
    from platform_advisor._scoring import Weights

    policy = copy.deepcopy(BASE["criteria/policy.yaml"])
    policy["policy"]["adequate"] = {"need": 3, "below": 1.5}
    root = catalog_tree(tmp_path, [platform("a", ease=5), platform("b", ease=3)], {"criteria/policy.yaml": policy})
    req = Requirements.model_validate(requirements())
    catalog = load_catalog(root)
    own = score(req, catalog)
    raw = dict(own.weights.raw)
    raw["ease"] *= 20  # would be emphasised, were these the business's weights
    moved = score(req, catalog, weights=Weights(raw, ()))
    assert moved.adequate == own.adequate and "ease" in moved.adequate
    assert {r.platform: r.values["ease"] for r in moved.ranking} == {"a": 1.0, "b": 1.0}


def test_the_adequate_criteria_are_in_the_json_and_explained(tmp_path: Path) -> None:
    from platform_advisor._render.explain_data import explain_payload
    from platform_advisor._render.json import result_payload

    policy = copy.deepcopy(BASE["criteria/policy.yaml"])
    policy["policy"]["adequate"] = {"need": 3, "below": 1.5}
    root = catalog_tree(tmp_path, [platform("a", ease=4), platform("b", ease=2)], {"criteria/policy.yaml": policy})
    result = _score(root)
    assert result_payload(result)["adequate"] == {"need": 3, "criteria": ["api_coverage", "ease"]}
    data = explain_payload(result, load_catalog(root), "a")
    row = next(c for c in data["criteria"] if c["criterion"] == "ease")
    assert row["adequate"] and row["rating"] == 4 and row["value"] == 1.0
    assert list(data["adequate"]["criteria"]) == ["api_coverage", "ease"]


def test_without_an_adequate_policy_every_rating_counts_on_the_full_scale(tmp_path: Path) -> None:
    root = catalog_tree(tmp_path, [platform("a", ease=4), platform("b", ease=2)])
    result = _score(root)
    assert result.adequate == ()
    assert {r.platform: r.values["ease"] for r in result.ranking} == {"a": pytest.approx(0.8), "b": pytest.approx(0.4)}


def test_market_fit_asks_the_vendor_to_be_at_home_not_in_every_export_market(tmp_path: Path) -> None:
    """The home market (the first) is where the business is served: sold there and an admin in
    its language; an export market needs pages in its language (and its payments and carriers)."""
    policy = copy.deepcopy(BASE["criteria/policy.yaml"])
    policy["policy"]["market"].update({"admin": 0.15, "home": 0.5})
    markets = copy.deepcopy(BASE["criteria/markets.yaml"])
    markets["countries"]["DE"] = {"name": "Germany", "languages": ["de"], "payments": [], "carriers": []}
    nordic = {"countries": ["SE"], "storefront_languages": ["sv", "de"], "admin_languages": ["sv"], "source": "docs"}
    english = {"countries": "global", "storefront_languages": ["en"], "admin_languages": ["en"], "source": "docs"}
    plats = [_with(platform("nordic"), markets=nordic), _with(platform("english"), markets=english)]
    root = _fit_tree(tmp_path, plats, {"criteria/policy.yaml": policy, "criteria/markets.yaml": markets})
    result = _score(root, business__markets=["SE", "DE"])
    by = {r.platform: r for r in result.ranking}
    # at home: sold 0.4 + Swedish pages 0.2 + Swedish admin 0.15 of 0.75; in Germany: German pages
    assert by["nordic"].values["market_fit"] == pytest.approx(0.5 * 1 + 0.5 * 1)
    assert not [f for f in by["nordic"].flags if f.kind == "market"]  # not sold in DE: no matter
    assert by["english"].values["market_fit"] == pytest.approx(0.5 * (0.4 / 0.75) + 0.5 * 0)
    assert [f.text for f in by["english"].flags if f.kind == "market"] == ["no storefront in a language of DE"]
    # with the home market alone, the export half is gone
    alone = {r.platform: r for r in _score(root, business__markets=["SE"]).ranking}
    assert alone["english"].values["market_fit"] == pytest.approx(0.4 / 0.75)


def test_the_admin_language_counts_only_where_the_policy_says(tmp_path: Path) -> None:
    policy = copy.deepcopy(BASE["criteria/policy.yaml"])
    small = [{"field": "derived.revenue_eur", "op": "lt", "value": 10_000_000}]
    policy["policy"]["market"].update({"admin": 0.15, "admin_when": small})
    english = {"countries": ["SE"], "storefront_languages": ["sv"], "admin_languages": ["en"], "source": "docs"}
    root = _fit_tree(tmp_path, [_with(platform("english"), markets=english)], {"criteria/policy.yaml": policy})
    shop = _score(root, business__online_revenue=500_000).ranking[0]
    chain = _score(root, business__online_revenue=5_000_000_000).ranking[0]
    assert shop.values["market_fit"] == pytest.approx(0.6 / 0.75)  # no Swedish admin for a small team
    assert chain.values["market_fit"] == 1  # a large organisation works in an English admin


def test_an_unknown_admin_language_is_not_held_against_a_platform(tmp_path: Path) -> None:
    policy = copy.deepcopy(BASE["criteria/policy.yaml"])
    policy["policy"]["market"].update({"admin": 0.15})
    plats = [_with(platform("quiet"), markets={"countries": ["SE"], "storefront_languages": ["sv"], "source": "docs"})]
    root = _fit_tree(tmp_path, plats, {"criteria/policy.yaml": policy})
    assert _score(root).ranking[0].values["market_fit"] == 1


def test_vendor_support_in_the_home_language_counts_for_a_small_business_only(tmp_path: Path) -> None:
    """A small shop without developers calls the vendor when something breaks; a large one has
    an agency, and one with developers fixes it itself. Support
    languages the catalogue does not know are not held against a platform, and a vendor with no
    support desk of its own (`[]`) has none in any language."""
    policy = copy.deepcopy(BASE["criteria/policy.yaml"])
    small = [
        {"field": "derived.revenue_eur", "op": "lt", "value": 10_000_000},
        {"field": "organisation.developers", "op": "eq", "value": 0},
    ]
    policy["policy"]["market"].update({"support": 0.15, "support_when": small})
    base = {"countries": ["SE"], "storefront_languages": ["sv"], "source": "docs"}
    plats = [
        _with(platform("local"), markets={**base, "support_languages": ["sv", "en"]}),
        _with(platform("english"), markets={**base, "support_languages": ["en"]}),
        _with(platform("community"), markets={**base, "support_languages": []}),
        _with(platform("quiet"), markets=base),
    ]
    root = _fit_tree(tmp_path, plats, {"criteria/policy.yaml": policy})
    shop = {
        r.platform: r.values["market_fit"]
        for r in _score(root, business__online_revenue=500_000, organisation__developers=0).ranking
    }
    # sold 0.4 + Swedish pages 0.2 + Swedish support 0.15 of 0.75
    assert shop == {
        "local": 1,
        "english": pytest.approx(0.6 / 0.75),
        "community": pytest.approx(0.6 / 0.75),
        "quiet": 1,
    }
    chain = {
        r.platform: r.values["market_fit"]
        for r in _score(root, business__online_revenue=5e9, organisation__developers=0).ranking
    }
    assert set(chain.values()) == {1}
    # owners who are developers themselves do not need the vendor's help desk either
    coders = {r.platform: r.values["market_fit"] for r in _score(root, business__online_revenue=500_000).ranking}
    assert set(coders.values()) == {1}


def test_a_headless_platform_builds_storefront_features_in_the_storefront(tmp_path: Path) -> None:
    """A storefront capability that is `custom` on a headless-first platform is project work in
    the storefront the project builds anyway: flagged, its days added to the implementation, and
    neither a knock-out nor an open question (no verify penalty). On a platform with its own
    storefront, custom still knocks it out."""
    caps = copy.deepcopy(BASE["criteria/capabilities.yaml"])
    caps["capabilities"]["b2b_punchout"]["storefront"] = True
    crit = _headless_criteria()
    pricing = flat_pricing()
    pricing["effort_days"] = {"low": 10, "high": 10, "source": "guess"}
    headless = platform("headless", caps={"b2b_punchout": "custom"}, pricing=pricing)
    headless["ratings"]["headless_readiness"] = {"value": 5, "note": "API first.", "source": "docs"}
    suite = platform("suite", caps={"b2b_punchout": "custom"})
    suite["ratings"]["headless_readiness"] = {"value": 2, "note": "Themes.", "source": "docs"}
    overrides = {"criteria/capabilities.yaml": caps, "criteria/criteria.yaml": crit}
    root = catalog_tree(tmp_path, [headless, suite], overrides)
    result = _score(root, must_have=["b2b_punchout"], organisation__build="agency")
    assert _ids(result) == ["headless"]
    kept = result.ranking[0]
    assert [(f.kind, f.text) for f in kept.flags] == [("storefront", "Punchout: to build in your storefront")]
    assert kept.penalty == 0
    assert [e.platform for e in result.excluded] == ["suite"]
    # the test policy's 5 storefront days, priced at the agency day rate like the rest of the build
    plain = {r.platform: r for r in _score(root, organisation__build="agency").ranking}["headless"]
    built, base = kept.tco.build, plain.tco.build
    assert built is not None and base is not None and built.day_rate is not None
    assert (built.storefront_days, base.storefront_days) == (5, 0)
    assert built.effort_days == pytest.approx((base.effort_days or 0) + 5)
    assert kept.tco.implementation == pytest.approx((plain.tco.implementation or 0) + 5 * built.day_rate)


def test_custom_work_on_a_back_office_feature_still_knocks_a_headless_platform_out(tmp_path: Path) -> None:
    headless = platform("headless", caps={"b2b_punchout": "custom"})
    headless["ratings"]["headless_readiness"] = {"value": 5, "note": "API first.", "source": "docs"}
    crit = _headless_criteria()
    other = platform("other", caps={"b2b_punchout": "native"})
    other["ratings"]["headless_readiness"] = {"value": 2, "note": "Themes.", "source": "docs"}
    root = catalog_tree(tmp_path, [headless, other], {"criteria/criteria.yaml": crit})
    result = _score(root, must_have=["b2b_punchout"])  # punchout is not a storefront feature here
    assert [e.platform for e in result.excluded] == ["headless"]


def test_the_it_competence_a_platform_asks_is_held_against_the_team_the_business_has(real: Any) -> None:
    """policy.enough on the real catalogue: a low team needs a rating of 4, medium 2, high 1."""
    rated_one = {pid for pid, p in real.platforms.items() if p.ratings["it_maturity_required"].value == 1}
    by = {}
    for maturity in ("low", "medium", "high"):
        org = {"developers": 1, "it_maturity": maturity}
        req = Requirements.model_validate(requirements(organisation=org, business__online_revenue=200_000_000))
        by[maturity] = {r.platform: r.values["it_maturity_required"] for r in score(req, real).ranking}
    demanding = sorted(rated_one.intersection(*by.values()))
    assert demanding, "no platform rated 1 is ranked for the test business"
    pid = demanding[0]
    assert by["low"][pid] == pytest.approx(0.25)
    assert by["medium"][pid] == pytest.approx(0.5)
    assert by["high"][pid] == 1


def test_a_misspelt_field_in_the_admin_language_condition_is_a_catalogue_error(tmp_path: Path) -> None:
    policy = copy.deepcopy(BASE["criteria/policy.yaml"])
    policy["policy"]["market"]["admin_when"] = [{"field": "derived.revenue", "op": "lt", "value": 1}]
    root = catalog_tree(tmp_path, [platform("a")], {"criteria/policy.yaml": policy})
    with pytest.raises(Exception, match=r"unknown field 'derived\.revenue' \(did you mean derived\.revenue_eur"):
        load_catalog(root)


def _held(tmp_path: Path, groups: list[str]) -> Path:
    policy = copy.deepcopy(BASE["criteria/policy.yaml"])
    policy["policy"]["held"] = {"groups": groups, "reason": "Held against the features."}
    return catalog_tree(tmp_path, [platform("a"), platform("b")], {"criteria/policy.yaml": policy})


def test_a_held_group_keeps_its_default_weight_against_the_features(tmp_path: Path) -> None:
    """policy.held: the ERP rule doubles ERP integration (2 -> 4); the features (ERP 2, API 1,
    ease 1 by default) then weigh 6 instead of 4, so the cost group is scaled by 6 / 4 and keeps
    its default 1 : 4 against them. A factor aimed at cost itself (the preset's x3) still counts."""
    from platform_advisor._scoring import derive_weights

    def raw(root: Path, **changes: Any) -> dict[str, float]:
        return derive_weights(Requirements.model_validate(requirements(**changes)), load_catalog(root)).raw

    features = ("erp_integration", "api_coverage", "ease")
    diluted = raw(catalog_tree(tmp_path / "plain", [platform("a"), platform("b")]), systems__erp="fortnox")
    assert diluted["tco"] / sum(diluted[c] for c in features) == pytest.approx(1 / 6)
    root = _held(tmp_path / "held", ["cost"])
    held = raw(root, systems__erp="fortnox")
    assert held["erp_integration"] == 4 and held["tco"] == pytest.approx(1.5)
    assert held["tco"] / sum(held[c] for c in features) == pytest.approx(1 / 4)
    cheap = raw(root, systems__erp="fortnox", preset="cheap")
    assert cheap["tco"] / sum(cheap[c] for c in features) == pytest.approx(3 / 4)
    # nothing moved the features: nothing to hold, and no step says otherwise
    steps = derive_weights(Requirements.model_validate(requirements()), load_catalog(root)).steps
    assert all(s.kind != "held" for s in steps)


def test_the_held_step_comes_before_priorities_and_is_explained(tmp_path: Path) -> None:
    from platform_advisor._render.weights import reasons
    from platform_advisor._scoring import derive_weights

    root = _held(tmp_path, ["cost"])
    catalog = load_catalog(root)
    req = Requirements.model_validate(requirements(systems__erp="fortnox", priorities={"ease": 5}))
    weights = derive_weights(req, catalog)
    kinds = [s.kind for s in weights.steps]
    assert kinds.index("held") < kinds.index("priority")
    held = next(r for r in reasons(weights, catalog, req) if r["kind"] == "held")
    assert held["changes"] == ["Cost ×1.5"]
    assert held["reason"] == "Held against the features."
    assert held["because"] == "the rules, industry and preset above"
    swedish = next(r for r in reasons(weights, catalog, req, "sv") if r["kind"] == "held")
    assert swedish["because"] == "reglerna, branschen och profilen ovan"
    assert swedish["reason"].startswith("De flyttade vikt mellan plattformens funktioner")


def test_a_held_group_that_does_not_exist_is_a_catalogue_error(tmp_path: Path) -> None:
    with pytest.raises(Exception, match=r"policy\.yaml:\d+:\d+: 'cots' is not a group.*cost"):
        load_catalog(_held(tmp_path, ["cots"]))
