"""The cost model against hand-worked figures: plans, build modes, complexity, payment fees,
billing currency, lower bounds and hard budgets."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from platform_advisor._catalog import load_catalog
from platform_advisor._errors import InputError
from platform_advisor._models import Requirements
from platform_advisor._scoring import Costs, score
from platform_advisor._scoring.knockouts import Knockouts
from platform_advisor._scoring.tco import Reference, Tco, cost_value

from .conftest import Run
from .helpers import BASE, catalog_tree, flat_pricing, platform, requirements

REPO = Path(__file__).resolve().parent.parent


def _req(**changes: Any) -> Requirements:
    return Requirements.model_validate(requirements(**changes))


def _known(value: float | None) -> float:
    assert value is not None
    return value


def _tco(root: Path, pid: str, **changes: Any) -> Tco:
    catalog = load_catalog(root)
    return Costs.of(_req(**changes), catalog)(catalog.platforms[pid])


def _plans(**pricing: Any) -> dict[str, Any]:
    """A Shopify-like price list in USD (1 USD = 10 SEK in the test rates)."""
    out = flat_pricing(monthly=0, fee_pct=0, implementation=0, running=1200, currency="USD")
    out["plans"] = [
        {"name": "Basic", "monthly_fee": 39, "gateway_surcharge_pct": 2, "revenue_max": 60_000, "source": "docs"},
        {"name": "Grow", "monthly_fee": 105, "gateway_surcharge_pct": 1, "source": "docs"},
        {
            "name": "Plus",
            "monthly_fee": 2300,
            "gateway_surcharge_pct": 0.2,
            "unlocks": ["b2b_punchout"],
            "source": "docs",
        },
    ]
    out["own_payments_in"] = ["SE", "DK", "FI"]
    out["effort_days"] = {"low": 2, "high": 6, "source": "guess"}
    out.update(pricing)
    return out


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    return catalog_tree(tmp_path, [platform("shop", pricing=_plans())])


# --- plans -------------------------------------------------------------------------------------


def test_the_cheapest_plan_within_the_revenue_cap(shop: Path) -> None:
    small = _tco(shop, "shop", business__online_revenue=500_000)  # 50,000 USD: Basic fits
    assert small.plan == "Basic"
    assert small.licence_monthly == pytest.approx(390)  # 39 USD x 10
    big = _tco(shop, "shop", business__online_revenue=700_000)  # 70,000 USD: over Basic's cap
    assert big.plan == "Grow"
    assert big.licence_monthly == pytest.approx(1050)


def test_a_must_have_on_a_higher_plan_forces_that_plan(shop: Path) -> None:
    tco = _tco(shop, "shop", must_have=["b2b_punchout"])
    assert tco.plan == "Plus" and tco.licence_monthly == pytest.approx(23_000)


def test_a_product_limit_moves_a_large_assortment_up_a_plan(tmp_path: Path) -> None:
    pricing = _plans()
    pricing["plans"][0]["skus_max"] = 10  # a free-plan style cap on products
    root = catalog_tree(tmp_path, [platform("shop", pricing=pricing)])
    assert _tco(root, "shop", business__online_revenue=500_000, business__skus=10).plan == "Basic"
    over = _tco(root, "shop", business__online_revenue=500_000, business__skus=11)
    assert over.plan == "Grow" and over.licence_monthly == pytest.approx(1050)  # 105 USD x 10


def test_no_plan_fits_takes_the_top_plan_and_says_so(tmp_path: Path) -> None:
    pricing = _plans()
    for plan in pricing["plans"]:
        plan["revenue_max"] = 100_000
    root = catalog_tree(tmp_path, [platform("shop", pricing=pricing)])
    tco = _tco(root, "shop", business__online_revenue=5_000_000)
    assert tco.plan == "Plus" and tco.plan_note and "top plan" in tco.plan_note


def _gated_shop(tmp_path: Path, adequate: bool = False) -> Path:
    """The Shopify-like plans, with an API rated 5 only from Plus (1 below it)."""
    p = platform("shop", pricing=_plans())
    p["ratings"]["api_coverage"] = {
        "value": 5,
        "plan": "Plus",
        "below_plan": 1,
        "note": "Full API from Plus.",
        "source": "docs",
    }
    overrides = {}
    if adequate:  # criteria the business does not emphasise are met by a 3
        policy = copy.deepcopy(BASE["criteria/policy.yaml"])
        policy["policy"]["adequate"] = {"need": 3, "below": 1.5}
        overrides["criteria/policy.yaml"] = policy
    return catalog_tree(tmp_path, [p], overrides)


def _ranked(root: Path, **changes: Any) -> Any:
    result = score(_req(**changes), load_catalog(root))
    assert [r.platform for r in result.ranking] == ["shop"], result.excluded
    return result.ranking[0]


def test_a_rating_on_a_higher_plan_prices_that_plan_when_the_business_emphasises_it(tmp_path: Path) -> None:
    shop = _ranked(_gated_shop(tmp_path), priorities={"api_coverage": 5})
    assert shop.tco.plan == "Plus" and shop.tco.licence_monthly == pytest.approx(23_000)  # 2,300 USD x 10
    assert shop.tco.plan_for == (("api_coverage", "API coverage"),)
    assert shop.values["api_coverage"] == 1.0  # rated 5 of 5 on Plus


def test_a_rating_on_a_higher_plan_the_business_does_not_emphasise_keeps_the_cheaper_plan(tmp_path: Path) -> None:
    # 50,000 USD a year: Basic fits. The API's weight share is under 1.5 x an average one, so the
    # estimate stays on Basic, where the API is rated 1, held against the adequate 3: 1/3.
    shop = _ranked(_gated_shop(tmp_path, adequate=True), priorities={"api_coverage": 1})
    assert shop.tco.plan == "Basic" and shop.tco.plan_for == ()
    assert shop.values["api_coverage"] == pytest.approx(1 / 3)
    assert "API coverage: rated 1 on Basic (5 from Plus)" in shop.notes


def test_a_higher_plan_over_the_budget_gives_way_to_the_cheaper_plan_and_its_rating(tmp_path: Path) -> None:
    # Plus costs 23,100 SEK a month with running costs; a hard budget of 2,000 a month would
    # knock the platform out, while Basic (490) fits: the merchant would take Basic.
    shop = _ranked(_gated_shop(tmp_path), priorities={"api_coverage": 5}, budget={"monthly": 2000, "hard": True})
    assert shop.tco.plan == "Basic" and shop.tco.plan_for == ()
    assert shop.values["api_coverage"] == pytest.approx(0.2)  # rated 1 on Basic
    assert shop.tco.plan_note and "over your budget" in shop.tco.plan_note


@pytest.mark.parametrize(
    ("rating", "message"),
    [
        (
            {"value": 5, "plan": "Pluss", "below_plan": 1},
            "no plan 'Pluss' in pricing.plans (did you mean Plus?)",
        ),
        ({"value": 5, "plan": "Plus"}, "`plan` and `below_plan` go together"),
        ({"value": 3, "plan": "Plus", "below_plan": 3}, "below_plan (3) must be lower than value (3)"),
        (
            {"value": 5, "plan": "Basic", "below_plan": 1},
            "'Basic' is the cheapest plan, so below_plan would never apply",
        ),
    ],
)
def test_a_plan_gated_rating_is_checked(tmp_path: Path, rating: dict[str, Any], message: str) -> None:
    p = platform("shop", pricing=_plans())
    p["ratings"]["api_coverage"] = {**rating, "note": "API.", "source": "docs"}
    root = catalog_tree(tmp_path, [p])
    with pytest.raises(InputError) as exc:
        load_catalog(root)
    assert message in str(exc.value)


def test_local_price_list_is_used_without_conversion(tmp_path: Path) -> None:
    pricing = _plans()
    pricing["plans"][0]["local_prices"] = {"SEK": 299}
    root = catalog_tree(tmp_path, [platform("shop", pricing=pricing)])
    tco = _tco(root, "shop")
    assert tco.plan_fee == 299 and tco.billed_in == "SEK" and tco.rate_date is None
    assert tco.licence_monthly == 299
    converted = _tco(root, "shop", business__currency="NOK")  # no NOK list: converted, dated
    assert converted.billed_in == "USD" and str(converted.rate_date) == "2025-04-16"
    assert converted.licence_monthly == pytest.approx(390)


def test_a_plan_that_takes_a_share_of_sales_above_a_volume(tmp_path: Path) -> None:
    # Plus from 2,300 USD a month; above 100,000 USD a year of sales, 1-3% of them (2% for the
    # estimate, 1% for the cheapest plausible), at most 5,000 USD a month
    pricing = _plans()
    plus = pricing["plans"][2]
    plus["variable_fee"] = {"above": 100_000, "pct": {"low": 1, "high": 3}, "monthly_max": 5000, "source": "docs"}
    root = catalog_tree(tmp_path, [platform("shop", pricing=pricing)])
    below = _tco(root, "shop", must_have=["b2b_punchout"], business__online_revenue=900_000)  # 90,000 USD
    assert below.licence_monthly == pytest.approx(23_000) and below.plan_fee == 2300
    # 2,000,000 USD a year: 2% is 3,333 USD a month, 1% is 1,667, under the list fee of 2,300
    mid = _tco(root, "shop", must_have=["b2b_punchout"], business__online_revenue=20_000_000)
    assert mid.plan_fee == pytest.approx(2 / 100 * 2_000_000 / 12)
    assert mid.licence_monthly == pytest.approx(33_333.33, abs=0.01)
    assert mid.low is not None and mid.low[0] == pytest.approx(23_000)  # the list fee is the floor
    # 6,000,000 USD a year: 2% would be 10,000 a month, capped at 5,000; the cheapest 1% is 5,000 too
    top = _tco(root, "shop", must_have=["b2b_punchout"], business__online_revenue=60_000_000)
    assert top.plan_fee == pytest.approx(5000) and top.licence_monthly == pytest.approx(50_000)
    assert top.low is not None and top.low[0] == pytest.approx(50_000)
    assert not top.partial


def test_a_plan_quoted_above_its_starting_fee_is_a_lower_bound(tmp_path: Path) -> None:
    pricing = _plans()
    pricing["plans"][1]["from_price"] = True
    root = catalog_tree(tmp_path, [platform("shop", pricing=pricing)])
    tco = _tco(root, "shop", business__online_revenue=700_000)  # over Basic's cap: Grow
    assert tco.plan == "Grow" and tco.licence_monthly == pytest.approx(1050)
    assert tco.unknown == ("licence_quote",) and tco.partial
    # the floor still counts in full: 36 x 1,050 SEK of licence plus the other parts
    running, fees = _known(tco.running_yearly), _known(tco.fees_yearly)
    assert tco.three_year == pytest.approx(36 * 1050 + 3 * (running + fees) + _known(tco.implementation))
    basic = _tco(root, "shop", business__online_revenue=500_000)  # Basic is a fixed list price
    assert basic.plan == "Basic" and not basic.partial


def test_a_licence_that_grows_with_revenue_is_a_floor_above_its_band(tmp_path: Path) -> None:
    # 1,000-5,000 SEK a month along a 0-1 MSEK band: a 2 MSEK business is past the band, so the
    # top fee is where the vendor's quote starts, not an estimate of it
    growing = flat_pricing()
    growing["monthly_fee"] = {"low": 1000, "high": 5000}
    flat = flat_pricing(monthly=3000)  # one fee whatever the size: still a price, not a floor
    root = catalog_tree(tmp_path, [platform("grows", pricing=growing), platform("flat", pricing=flat)])
    inside = _tco(root, "grows", business__online_revenue=500_000)
    assert inside.licence_monthly == pytest.approx(3000) and not inside.partial  # halfway: 1,000 + 0.5 x 4,000
    edge = _tco(root, "grows", business__online_revenue=1_000_000)
    assert edge.licence_monthly == pytest.approx(5000) and not edge.partial  # at the top, still inside
    past = _tco(root, "grows", business__online_revenue=2_000_000)
    assert past.licence_monthly == pytest.approx(5000)
    assert past.unknown == ("licence_quote",) and past.partial
    # the floor counts in full: 36 x 5,000 + 3 x (1,200 running + 1% of 2 MSEK) + 10,000 implementation
    assert past.three_year == pytest.approx(36 * 5000 + 3 * (1200 + 20_000) + 10_000)
    assert not _tco(root, "flat", business__online_revenue=2_000_000).partial


# --- payment fees ------------------------------------------------------------------------------


def test_gateway_surcharge_depends_on_the_home_market(shop: Path) -> None:
    # 500,000 SEK a year on Basic: Sweden has the vendor's own payments, Norway does not
    sweden = _tco(shop, "shop", organisation__build="diy")
    assert sweden.surcharge_pct == 0 and sweden.fees_yearly == 0
    norway = _tco(shop, "shop", business__markets=["NO"], organisation__build="diy")
    assert norway.surcharge_pct == 2
    assert norway.fees_yearly == pytest.approx(10_000)  # 2% of 500,000
    assert norway.three_year == pytest.approx(_known(sweden.three_year) + 30_000)


def test_the_plan_is_the_cheapest_month_with_the_surcharge_counted(tmp_path: Path) -> None:
    # Basic 39 USD + 2% surcharge, Grow 105 + 1%, Plus 2,300 + 0.2% (no revenue caps here);
    # 1 USD = 10 SEK = 10 NOK in the test rates; Sweden has the vendor's payments, Norway not
    pricing = _plans()
    del pricing["plans"][0]["revenue_max"]
    root = catalog_tree(tmp_path, [platform("shop", pricing=pricing)])
    # 100,000 USD a year in Norway: Basic 39 + 166.67 = 205.67, Grow 105 + 83.33 = 188.33
    norway = _tco(root, "shop", business__currency="NOK", business__markets=["NO"], business__online_revenue=1_000_000)
    assert norway.plan == "Grow" and norway.licence_monthly == pytest.approx(1050)
    assert norway.surcharge_pct == 1 and norway.fees_yearly == pytest.approx(10_000)  # 1% of 1 MNOK
    # the same sales in Sweden pay no surcharge: Basic's 39 is the cheaper month
    assert _tco(root, "shop", business__online_revenue=1_000_000).plan == "Basic"
    # 5 MUSD in Norway: Grow 105 + 4,166.67 = 4,271.67, Plus 2,300 + 833.33 = 3,133.33
    big = _tco(root, "shop", business__currency="NOK", business__markets=["NO"], business__online_revenue=50_000_000)
    assert big.plan == "Plus" and big.fees_yearly == pytest.approx(100_000)  # 0.2% of 50 MNOK
    assert _tco(root, "shop", business__online_revenue=50_000_000).plan == "Basic"  # Sweden: no cut at all
    # 50,000 USD in Norway: Basic 39 + 83.33 = 122.33 against Grow 105 + 41.67 = 146.67
    small = _tco(root, "shop", business__currency="NOK", business__markets=["NO"], business__online_revenue=500_000)
    assert small.plan == "Basic"


def test_a_plan_fits_only_the_admin_users_it_allows(tmp_path: Path) -> None:
    # Basic: the owner alone; Grow: five users besides the owner
    pricing = _plans()
    pricing["plans"][0]["staff_max"] = 0
    pricing["plans"][1]["staff_max"] = 5
    root = catalog_tree(tmp_path, [platform("shop", pricing=pricing)])
    assert _tco(root, "shop").plan == "Basic"  # no content team given: the owner
    assert _tco(root, "shop", organisation__content_team=1).plan == "Basic"  # the owner writes
    two = _tco(root, "shop", organisation__content_team=2)
    assert two.plan == "Grow" and two.licence_monthly == pytest.approx(1050)  # 105 USD x 10
    assert _tco(root, "shop", organisation__content_team=6).plan == "Grow"  # owner + 5
    assert _tco(root, "shop", organisation__content_team=7).plan == "Plus"  # no limit on Plus


# --- build modes and complexity ------------------------------------------------------------------


def test_each_build_mode_by_hand(shop: Path) -> None:
    # effort 2-6 days: estimate the midpoint 4, cheapest plausible the low end 2; SE rates in
    # the test file: agency 10,000 SEK/day, in-house 4,000 SEK/day
    agency = _tco(shop, "shop", organisation__build="agency")
    assert agency.implementation == pytest.approx(40_000) and agency.one_off_low == pytest.approx(20_000)
    in_house = _tco(shop, "shop", organisation__build="in_house")
    assert in_house.implementation == pytest.approx(16_000)
    diy = _tco(shop, "shop", organisation__build="diy")
    assert diy.implementation == 0 and diy.build is not None and diy.build.effort_days == pytest.approx(4)
    assert diy.build.mode == "diy" and diy.build.day_rate is None


def test_complexity_multiplies_the_effort(shop: Path) -> None:
    # test drivers: ERP +0.5, each market beyond the first +0.25 -> 1 + 0.5 + 2 x 0.25 = 2.0
    tco = _tco(shop, "shop", organisation__build="agency", systems__erp="fortnox", business__markets=["SE", "NO", "DK"])
    assert tco.build is not None and tco.build.complexity == pytest.approx(2.0)
    assert tco.implementation == pytest.approx(4 * 2.0 * 10_000)


def test_diy_beyond_the_owners_reach_is_priced_at_agency_rate(tmp_path: Path) -> None:
    pricing = _plans(effort_days={"low": 20, "high": 40, "source": "guess"})
    root = catalog_tree(tmp_path, [platform("big", pricing=pricing)])
    # 30 days: the owners do 10 and buy 20 at the agency rate of 10,000 SEK/day
    alone = _tco(root, "big", organisation__build="diy", organisation__developers=0)
    assert alone.build is not None and alone.build.mode == "diy" and alone.build.bought_days == pytest.approx(20)
    assert alone.implementation == pytest.approx(200_000)
    coders = _tco(root, "big", organisation__build="diy", organisation__developers=2)
    assert coders.implementation == 0


def test_build_mode_is_suggested_from_the_yaml_rules(tmp_path: Path) -> None:
    complexity = copy.deepcopy(BASE["criteria/complexity.yaml"])
    complexity["build"]["suggest"] = [
        {
            "when": [{"field": "organisation.developers", "op": "gte", "value": 2}],
            "build": "in_house",
            "reason": "two developers",
        }
    ]
    root = catalog_tree(
        tmp_path, [platform("shop", pricing=_plans())], overrides={"criteria/complexity.yaml": complexity}
    )
    catalog = load_catalog(root)
    assert Costs.of(_req(organisation__developers=2), catalog).build == "in_house"
    assert Costs.of(_req(organisation__developers=1), catalog).build == "agency"
    assert Costs.of(_req(organisation__developers=2, organisation__build="diy"), catalog).build == "diy"


def test_a_complexity_condition_on_an_unknown_field_is_located(tmp_path: Path) -> None:
    complexity = copy.deepcopy(BASE["criteria/complexity.yaml"])
    complexity["drivers"]["erp"]["when"][0]["field"] = "systems.erpp"
    root = catalog_tree(tmp_path, overrides={"criteria/complexity.yaml": complexity})
    with pytest.raises(InputError) as err:
        load_catalog(root)
    assert "complexity.yaml" in str(err.value) and "systems.erpp" in str(err.value)


# --- lower bounds --------------------------------------------------------------------------------


def _partial(monthly: float | str = "unknown", implementation: float = 10_000) -> dict[str, Any]:
    pricing = flat_pricing(monthly=1000, fee_pct=0, implementation=implementation, running=0)
    pricing["monthly_fee"] = "unknown" if monthly == "unknown" else {"low": monthly, "high": monthly}
    pricing["transaction_fee_pct"] = "unknown"
    return pricing


def test_partial_cost_is_a_lower_bound_not_unknown(tmp_path: Path) -> None:
    root = catalog_tree(tmp_path, [platform("part", pricing=_partial())])
    tco = _tco(root, "part")
    assert tco.partial and tco.unknown == ("monthly_fee", "transaction_fee_pct")
    assert tco.three_year == pytest.approx(10_000)  # the known implementation only


def test_partial_cost_value_is_capped_by_its_bound_and_the_median(tmp_path: Path) -> None:
    cheap_part = platform("part", pricing=_partial(implementation=0))
    others = [platform("alpha"), platform("dear", pricing=flat_pricing(monthly=3000))]
    result = score(_req(), load_catalog(catalog_tree(tmp_path, [cheap_part, *others])))
    values = {r.platform: _known(r.values["tco"]) for r in result.ranking}
    # the known parts cost nothing (a perfect 1.0 if taken at face value); the median of the
    # complete costs stands in, as the unknown licence is as likely as anyone's to be dear
    assert values["part"] == pytest.approx((values["alpha"] + values["dear"]) / 2)
    assert values["part"] < 1


def test_lower_bound_triggers_the_affordability_veto(tmp_path: Path) -> None:
    # known implementation alone is 600,000: over 4 x the 75,000 reference (5% of 3 x 500,000)
    plats = [platform("alpha"), platform("part", pricing=_partial(implementation=600_000))]
    result = score(_req(), load_catalog(catalog_tree(tmp_path, plats)))
    (out,) = result.excluded
    assert out.platform == "part" and out.reasons[0].kind == "affordability"
    assert out.reasons[0].text.startswith("3-year cost of at least 600 000 SEK")


def test_lower_bound_triggers_the_hard_budget(tmp_path: Path) -> None:
    plats = [platform("alpha"), platform("part", pricing=_partial(monthly=5000))]
    result = score(_req(budget={"monthly": 2000, "hard": True}), load_catalog(catalog_tree(tmp_path, plats)))
    part = next(e for e in result.excluded if e.platform == "part")
    assert part.reasons[0].kind == "budget" and "at least 5 000 SEK/month" in part.reasons[0].text
    assert part.reasons[0].ratio == pytest.approx(2.5)


def _budget_check(root: Path, pid: str, **changes: Any) -> tuple[list[Any], list[Any]]:
    catalog = load_catalog(root)
    req = _req(**changes)
    tco = Costs.of(req, catalog)(catalog.platforms[pid])
    return Knockouts.of(req, catalog, Reference(1e9, "test", "budget"))._budget(catalog.platforms[pid], tco)


def test_partial_cost_and_unchecked_budget_are_flagged(tmp_path: Path) -> None:
    pricing = _partial()
    pricing["implementation"] = "unknown"
    pricing["yearly_running"] = "unknown"
    root = catalog_tree(tmp_path, [platform("part", pricing=_partial()), platform("blank", pricing=pricing)])
    out, flags = _budget_check(root, "part", budget={"monthly": 2000, "hard": True})
    assert not out
    assert [(f.kind, f.subject) for f in flags] == [("cost", "three_year"), ("budget", "monthly")]
    assert flags[0].text.startswith("3-year cost ≥ 10 000 SEK")
    out, flags = _budget_check(root, "blank", budget={"monthly": 2000, "one_off": 1, "hard": True})
    assert not out
    assert {f.text for f in flags} == {
        "budget not checked: the running cost is unknown",
        "budget not checked: the implementation is unknown",
    }


# --- hard budgets test what could fit --------------------------------------------------------------


def _ranged(low: float, high: float) -> dict[str, Any]:
    pricing = flat_pricing(monthly=0, fee_pct=0, implementation=0, running=0)
    pricing["monthly_fee"] = {"low": low, "high": high}
    pricing["typical_revenue"] = {"low": 0, "high": 1_000_000}
    return pricing


def test_over_on_the_estimate_but_fitting_at_the_low_end_stays_flagged(tmp_path: Path) -> None:
    # 500,000 SEK is half-way up the band: estimate 1,500/month, the low end 1,000
    root = catalog_tree(tmp_path, [platform("ranged", pricing=_ranged(1000, 2000))])
    out, flags = _budget_check(root, "ranged", budget={"monthly": 1200, "hard": True})
    assert not out
    (flag,) = flags
    assert flag.kind == "budget" and flag.text.startswith("may exceed your budget by about 25%")
    out, _ = _budget_check(root, "ranged", budget={"monthly": 900, "hard": True})
    assert out and out[0].ratio == pytest.approx(1000 / 900)


@pytest.mark.parametrize("monthly", [1000, 1100, 1300, 1500, 2000, 3000])
def test_a_tight_hard_budget_never_empties_the_ranking_while_a_cheapest_fits(tmp_path: Path, monthly: int) -> None:
    # every point estimate is over 1,000/month; each platform's low end is at or under it
    plats = [platform(f"p{i}", pricing=_ranged(low, low * 3)) for i, low in enumerate((600, 800, 1000))]
    result = score(_req(budget={"monthly": monthly, "hard": True}), load_catalog(catalog_tree(tmp_path, plats)))
    fits = [p for p, low in zip(("p0", "p1", "p2"), (600, 800, 1000), strict=True) if low <= monthly]
    assert sorted(r.platform for r in result.ranking) == fits


# --- small revenue ---------------------------------------------------------------------------------


def test_small_revenue_does_not_veto_every_known_price(tmp_path: Path) -> None:
    # 10,000 SEK a year: 5% of three years is 1,500, less than any shop costs, and once vetoed
    # every platform here. The reference is now the cheapest complete cost (beta, 11,100).
    def cheap(monthly: float) -> dict[str, Any]:
        return flat_pricing(monthly=monthly, implementation=0, running=0)

    plats = [platform("alpha"), platform("beta", pricing=cheap(300)), platform("mid", pricing=cheap(800))]
    result = score(_req(business__online_revenue=10_000), load_catalog(catalog_tree(tmp_path, plats)))
    assert {r.platform for r in result.ranking} == {"beta", "mid"}  # 1x and 2.6x the cheapest
    (alpha,) = result.excluded  # 49,900: 4.5x
    assert "4.5 times the cheapest platform's 3-year cost (more than 5% of your revenue) (11 100 SEK)" in (
        alpha.reasons[0].text
    )


# --- the real catalogue ----------------------------------------------------------------------------


def test_a_one_person_diy_shop_pays_no_agency_on_ready_made_saas() -> None:
    catalog = load_catalog(REPO)
    req = _req(
        business__skus=100, business__online_revenue=300_000, organisation__developers=0, organisation__build="diy"
    )
    costs = Costs.of(req, catalog)
    builders = [
        pid
        for pid, p in catalog.platforms.items()
        if "saas" in p.hosting and p.pricing.effort_days is not None and p.pricing.effort_days.high <= 10
    ]
    assert len(builders) >= 10
    for pid in builders:
        tco = costs(catalog.platforms[pid])
        assert tco.implementation is not None and tco.implementation <= 5_000, pid


def test_founder_developers_in_house_are_not_charged_agency_rates() -> None:
    catalog = load_catalog(REPO)
    req = _req(organisation__developers=2, organisation__build="in_house", business__online_revenue=1_000_000)
    costs = Costs.of(req, catalog)
    se = catalog.day_rates.countries["SE"]
    for pid in ("medusa", "saleor", "vendure", "sylius", "woocommerce"):
        build = costs(catalog.platforms[pid]).build
        assert build is not None and build.mode == "in_house" and build.day_rate == pytest.approx(se.in_house), pid


def test_every_platform_states_its_effort() -> None:
    catalog = load_catalog(REPO)
    assert all(p.pricing.effort_days is not None for p in catalog.platforms.values())


def test_cost_value_never_better_than_the_lower_bound() -> None:
    assert cost_value(10_000, 5_000) < cost_value(5_000, 5_000)


# --- everywhere the cost appears -------------------------------------------------------------------


def test_plan_and_build_are_named_in_table_json_explain_and_report(run: Callable[..., Run], tmp_path: Path) -> None:
    root = catalog_tree(tmp_path / "cat", [platform("shop", pricing=_plans()), platform("alpha")])
    readiness = (REPO / "criteria" / "readiness.yaml").read_text(encoding="utf-8")
    (root / "criteria" / "readiness.yaml").write_text(readiness, encoding="utf-8")
    req = tmp_path / "req.yaml"
    req.write_text(json.dumps(requirements(organisation__build="in_house")), encoding="utf-8")
    common = ["--catalog", str(root)]
    data = json.loads(run("score", str(req), "-f", "json", *common).out)
    tcos = {r["platform"]: r["tco"] for r in data["results"][0]["ranking"]}
    assert tcos["shop"]["plan"] == "Basic" and tcos["alpha"]["plan"] is None
    assert {t["build"] for t in tcos.values()} == {"in_house"}
    assert tcos["shop"]["breakdown"]["implementation"]["day_rate"] == 4000
    table = run("score", str(req), "-f", "table", *common).out
    assert "Basic · in-house" in table and "one range · in-house" in table
    explained = json.loads(run("explain", str(req), "shop", "-f", "json", *common).out)
    assert explained["cost"]["plan_text"] == "Basic, 39 USD/month"
    assert any("4 000 SEK/day" in line for line in explained["cost"]["lines"])
    report = run("report", str(req), "-f", "markdown", *common).out
    assert "Basic · in-house" in report and "one range · in-house" in report


def test_the_readme_worked_example(tmp_path: Path) -> None:
    """The design section's example, with the catalogue's own complexity drivers."""
    rates = copy.deepcopy(BASE["criteria/rates.yaml"])
    rates["countries"]["SE"]["agency"] = 9000
    overrides = {"criteria/complexity.yaml": (REPO / "criteria" / "complexity.yaml").read_text(encoding="utf-8")}
    overrides["criteria/rates.yaml"] = rates
    # running 9,000-15,000 SEK a year, read half-way along a 0-100,000 USD band: 12,000
    pricing = _plans(typical_revenue={"low": 0, "high": 100_000}, yearly_running={"low": 900, "high": 1500})
    shop = platform("shop", pricing=pricing, erp_connectors={"fortnox": "app"})
    root = catalog_tree(tmp_path, [shop], overrides=overrides)
    example = {
        "business__markets": ["SE", "NO"],
        "systems__erp": "fortnox",
        "organisation__build": "agency",
    }
    tco = _tco(root, "shop", **example)
    assert tco.plan == "Basic" and tco.surcharge_pct == 0
    assert tco.build is not None and tco.build.complexity == pytest.approx(1.45)
    assert tco.build.integration_days == 0  # under 1 MEUR a year: no separate ERP integration
    assert tco.implementation == pytest.approx(52_200)
    assert tco.three_year == pytest.approx(102_240) and tco.monthly == pytest.approx(1_390)
    bigger = _tco(root, "shop", **{**example, "business__online_revenue": 12_000_000})
    assert bigger.build is not None and bigger.build.integration_days == 3  # ready connector: 3, not 20
    norway = _tco(root, "shop", **{**example, "business__markets": ["NO", "SE"]})
    assert norway.fees_yearly == pytest.approx(10_000)  # 2% of 500,000 a year, 30,000 over three
    out, flags = _budget_check(root, "shop", **example, budget={"monthly": 1200, "hard": True})
    assert not out and flags[0].text.startswith("may exceed your budget by about 16%")


def test_integration_days_are_the_same_on_every_platform_and_fewer_with_a_connector(tmp_path: Path) -> None:
    complexity = copy.deepcopy(BASE["criteria/complexity.yaml"])
    complexity["drivers"]["erp"].update({"days": 20, "system": "erp", "days_with_connector": 3})
    pricing = _plans()
    plats = [
        platform("linked", pricing=pricing, erp_connectors={"fortnox": "app"}),
        platform("bare", pricing=pricing),
    ]
    root = catalog_tree(tmp_path, plats, overrides={"criteria/complexity.yaml": complexity})
    linked = _tco(root, "linked", systems__erp="fortnox", organisation__build="agency")
    bare = _tco(root, "bare", systems__erp="fortnox", organisation__build="agency")
    # 4 days x complexity 1.5, plus 3 or 20 integration days, at 10,000 SEK/day
    assert linked.implementation == pytest.approx((4 * 1.5 + 3) * 10_000)
    assert bare.implementation == pytest.approx((4 * 1.5 + 20) * 10_000)
    assert bare.one_off_low == pytest.approx((2 * 1.5 + 20) * 10_000)
