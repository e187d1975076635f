"""The JSON contract of `advisor score` (see README, "JSON output")."""

from __future__ import annotations

import json
from typing import Any

from .._catalog import Catalog
from .._scoring import Result, Tco


def _amount(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def tco_payload(tco: Tco) -> dict[str, Any]:
    return {
        "currency": tco.currency,
        "monthly": _amount(tco.monthly),
        "one_off": _amount(tco.one_off),
        "three_year": _amount(tco.three_year),
        "unknown": list(tco.unknown),
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
