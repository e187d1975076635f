"""Properties of the scoring core over generated catalogues and requirements (hypothesis)."""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from platform_advisor._catalog import load_catalog
from platform_advisor._models import Requirements
from platform_advisor._render import json as render_json
from platform_advisor._scoring import Weights, score

from .helpers import catalog_tree, flat_pricing, platform, requirements

rating = st.one_of(st.integers(0, 5), st.just("unknown"))
status = st.sampled_from(["native", "app", "custom", "absent", "unknown"])
money = st.integers(0, 50_000)


@st.composite
def catalogues(draw: Any) -> Any:
    n = draw(st.integers(2, 6))
    plats = []
    for i in range(n):
        plats.append(
            platform(
                f"p{i}",
                erp=draw(rating),
                ease=draw(rating),
                api=draw(rating),
                caps={"b2b_punchout": draw(status), "saas": draw(status)},
                erp_connectors={"fortnox": "app"} if draw(st.booleans()) else {},
                pricing=flat_pricing(
                    monthly=draw(money),
                    fee_pct=draw(st.integers(0, 3)),
                    implementation=draw(money),
                    running=draw(money),
                ),
            )
        )
    root = Path(tempfile.mkdtemp(prefix="prop-"))
    return load_catalog(catalog_tree(root, plats))


@st.composite
def requirement_sets(draw: Any) -> Requirements:
    changes: dict[str, Any] = {
        "business__online_revenue": draw(st.integers(0, 50_000_000)),
        "organisation__developers": draw(st.integers(0, 5)),
    }
    if draw(st.booleans()):
        changes["systems__erp"] = "fortnox"
    if draw(st.booleans()):
        changes["budget"] = {"monthly": draw(money), "one_off": draw(money), "hard": draw(st.booleans())}
    if draw(st.booleans()):
        changes["priorities"] = {
            draw(st.sampled_from(["cost", "usability", "apis", "erp_integration"])): draw(st.integers(1, 5))
        }
    if draw(st.booleans()):
        changes["must_have"] = ["saas"]
    return Requirements.model_validate(requirements(**changes))


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(catalogues(), requirement_sets())
def test_scores_in_range_and_contributions_add_up(catalog: Any, req: Requirements) -> None:
    result = score(req, catalog)
    for r in result.ranking:
        assert 0 <= r.score <= 100
        assert abs(sum(r.contributions.values()) - r.score) <= 0.01
        assert 0 <= r.coverage <= 1
    assert [r.rank for r in result.ranking] == list(range(1, len(result.ranking) + 1))


@SETTINGS
@given(catalogues(), requirement_sets())
def test_a_must_have_never_adds_a_platform(catalog: Any, req: Requirements) -> None:
    before = {r.platform for r in score(req, catalog).ranking}
    stricter = req.model_copy(update={"must_have": [*req.must_have, "b2b_punchout"]})
    after = {r.platform for r in score(stricter, catalog).ranking}
    assert after <= before


@SETTINGS
@given(
    catalogues(),
    requirement_sets(),
    st.sampled_from(["erp_integration", "api_coverage", "ease", "tco"]),
    st.floats(1.5, 20),
)
def test_more_weight_on_a_criterion_never_puts_its_best_behind_its_worst(
    catalog: Any, req: Requirements, criterion: str, factor: float
) -> None:
    result = score(req, catalog)
    if len(result.ranking) < 2 or result.weights.raw[criterion] == 0:
        return
    best = max(result.ranking, key=lambda r: (r.used[criterion], r.platform))
    worst = min(result.ranking, key=lambda r: (r.used[criterion], r.platform))
    if best.used[criterion] == worst.used[criterion]:
        return
    raw = dict(result.weights.raw)
    raw[criterion] *= factor
    again = {r.platform: r for r in score(req, catalog, weights=Weights(raw, ())).ranking}
    gap_before = best.score - worst.score
    gap_after = again[best.platform].score - again[worst.platform].score
    if gap_before >= 0:
        assert gap_after >= -0.011  # scores are rounded to 0.01
    else:
        assert gap_after >= gap_before - 0.011


@SETTINGS
@given(catalogues(), requirement_sets(), st.randoms(use_true_random=False))
def test_output_is_deterministic_and_ignores_key_order(catalog: Any, req: Requirements, rnd: random.Random) -> None:
    first = render_json.render([score(req, catalog, "r.yaml")], catalog)
    assert render_json.render([score(req, catalog, "r.yaml")], catalog) == first

    def shuffle(value: Any) -> Any:
        if isinstance(value, dict):
            keys = list(value)
            rnd.shuffle(keys)
            return {k: shuffle(value[k]) for k in keys}
        return value

    shuffled = Requirements.model_validate(shuffle(json.loads(req.model_dump_json())))
    assert render_json.render([score(shuffled, catalog, "r.yaml")], catalog) == first
