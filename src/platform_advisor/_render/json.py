"""The JSON contract of `advisor score` (see README, "JSON output")."""

from __future__ import annotations

import json
from typing import Any

from .._catalog import Catalog
from .._scoring import Result, Tco


def _amount(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def tco_payload(tco: Tco) -> dict[str, Any]:
    """monthly, one_off and three_year are lower bounds when `lower_bound` is true (some parts
    unknown); `low` is the cheapest plausible configuration; `breakdown` redoes the sum."""
    b = tco.build
    return {
        "currency": tco.currency,
        "monthly": _amount(tco.monthly),
        "one_off": _amount(tco.one_off),
        "three_year": _amount(tco.three_year),
        "unknown": list(tco.unknown),
        "lower_bound": tco.partial,
        "plan": tco.plan,
        "plan_for": [cid for cid, _ in tco.plan_for],
        "build": None if b is None else b.mode,
        "low": {
            "monthly": _amount(tco.monthly_low),
            "one_off": _amount(tco.one_off_low),
            "three_year": _amount(tco.three_year_low),
        },
        "breakdown": {
            "licence_monthly": _amount(tco.licence_monthly),
            "plan_fee": tco.plan_fee,
            "billed_in": tco.billed_in,
            "rate_date": None if tco.rate_date is None else tco.rate_date.isoformat(),
            "fee_pct": tco.fee_pct,
            "gateway_surcharge_pct": tco.surcharge_pct,
            "fees_yearly": _amount(tco.fees_yearly),
            "running_yearly": _amount(tco.running_yearly),
            "implementation": None
            if b is None
            else {
                "mode": b.mode,
                "chosen": b.chosen,
                "reason": b.reason,
                "effort_days": None if b.effort_days is None else round(b.effort_days, 1),
                "complexity": round(b.complexity, 3),
                "integration_days": round(b.integration_days, 1),
                "storefront_days": round(b.storefront_days, 1),
                "bought_days": round(b.bought_days, 1),
                "day_rate": _amount(b.day_rate),
                "from_effort": b.from_effort,
            },
        },
    }


def result_payload(result: Result) -> dict[str, Any]:
    return {
        "file": result.file,
        "name": result.name,
        "ranking": [
            {
                "rank": r.rank,
                "platform": r.platform,
                "name": r.name,
                "score": r.score,
                "coverage": r.coverage,
                "contributions": r.contributions,
                "unknown": r.unknown,
                "tco": tco_payload(r.tco),
                "flags": [{"kind": f.kind, "subject": f.subject, "text": f.text} for f in r.flags],
                "penalty": r.penalty,
            }
            for r in result.ranking
        ],
        "best_covered": result.best_covered,
        "excluded": [
            {
                "platform": e.platform,
                "name": e.name,
                "reasons": [k.text for k in e.reasons],
                "knockouts": [{"kind": k.kind, "subject": k.subject, "ratio": k.ratio} for k in e.reasons],
                "near_miss": e.near_miss,
                "distance": None if e.distance == float("inf") else round(e.distance, 4),
                "would_rank": e.would_rank,
                "would_score": e.would_score,
            }
            for e in result.excluded
        ],
        "weights": {cid: round(w, 4) for cid, w in result.weights.normalised().items()},
        # rated criteria this business did not emphasise: valued min(1, rating / need)
        "adequate": {"need": result.adequate_need, "criteria": list(result.adequate)},
        "expectations": {
            "checked": result.expectations.checked,
            "passed": result.expectations.passed,
            "failures": list(result.expectations.failures),
        },
    }


def render(results: list[Result], catalog: Catalog) -> str:
    payload = {
        "catalog": {"digest": catalog.digest, "platforms": len(catalog.platforms)},
        "results": [result_payload(r) for r in results],
    }
    # Compact: with indent, json falls back to its pure-Python encoder, 5x slower on a batch.
    # Pipe through `jq` (or use --format table/markdown) to read it. The payload is built
    # fresh above and has no cycles, so the encoder need not track every container it visits.
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), check_circular=False) + "\n"
