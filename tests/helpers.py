"""Build small catalogues and requirements files inline, so each test reads on its own."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from platform_advisor._catalog import _CACHE

try:  # libyaml reads and writes the same data several times faster; most tests write YAML
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # a PyYAML built without libyaml
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

TODAY = "2026-11-22"


def build_tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


def load_yaml(text: str) -> Any:
    """yaml.safe_load, through libyaml where it is there: for the tests' own reading of
    catalogue and translation files, not for what the advisor reads (that is `_yaml`)."""
    return yaml.load(text, Loader=_Loader)


def _rating(value: int | str, source: str | None = "docs") -> dict[str, Any]:
    return {"value": value, "note": "test note", "source": None if value == "unknown" else source}


def platform(
    pid: str,
    *,
    erp: int | str = 3,
    ease: int | str = 3,
    api: int | str = 1,
    caps: dict[str, str] | None = None,
    erp_connectors: dict[str, str] | None = None,
    complete: list[str] | None = None,
    pricing: dict[str, Any] | None = None,
    name: str | None = None,
) -> dict[str, Any]:
    capabilities = {"b2b_punchout": "absent", "saas": "native"}
    capabilities.update(caps or {})
    return {
        "id": pid,
        "name": name or pid.title(),
        "vendor": f"{pid} Ltd",
        "website": f"https://{pid}.example.com",
        "hosting": ["saas"],
        "origin": "SE",
        "summary": f"The {pid} test platform.",
        "sources": {
            "docs": {
                "url": f"https://{pid}.example.com/docs",
                "title": "Docs",
                "evidence": "vendor_docs",
                "as_of": TODAY,
            },
            "guess": {"title": "Editor estimate", "evidence": "estimate", "as_of": TODAY},
        },
        "ratings": {"erp_integration": _rating(erp), "ease": _rating(ease), "api_coverage": _rating(api)},
        "capabilities": {
            k: {"status": v, "source": None if v == "unknown" else "docs"} for k, v in capabilities.items()
        },
        "connectors": {"source": "docs", "complete": complete or [], "erp": erp_connectors or {}},
        "pricing": pricing or flat_pricing(),
    }


def flat_pricing(
    monthly: float = 1000,
    fee_pct: float = 1,
    implementation: float = 10000,
    running: float = 1200,
    currency: str = "SEK",
) -> dict[str, Any]:
    return {
        "currency": currency,
        "model": "subscription",
        "source": "docs",
        "typical_revenue": {"low": 0, "high": 1_000_000},
        "monthly_fee": {"low": monthly, "high": monthly},
        "transaction_fee_pct": {"low": fee_pct, "high": fee_pct},
        "implementation": {"low": implementation, "high": implementation, "source": "guess"},
        "yearly_running": {"low": running, "high": running, "source": "guess"},
    }


BASE: dict[str, Any] = {
    "criteria/criteria.yaml": {
        "groups": {
            "integration": {"name": "Integration", "description": "Connecting systems."},
            "apis": {"name": "APIs", "description": "APIs."},
            "cost": {"name": "Cost", "description": "Cost."},
            "usability": {"name": "Usability", "description": "Ease."},
        },
        "criteria": {
            "erp_integration": {
                "name": "ERP integration",
                "group": "integration",
                "default_weight": 2,
                "description": "ERP.",
                "rating_guide": {0: "none", 5: "all"},
            },
            "api_coverage": {
                "name": "API coverage",
                "group": "apis",
                "default_weight": 1,
                "description": "API.",
                "rating_guide": {0: "none", 5: "all"},
            },
            "tco": {
                "name": "TCO",
                "group": "cost",
                "default_weight": 1,
                "computed": "tco",
                "description": "Cost.",
                "rating_guide": {0: "dear", 5: "cheap"},
            },
            "ease": {
                "name": "Ease",
                "group": "usability",
                "default_weight": 1,
                "description": "Ease.",
                "rating_guide": {0: "hard", 5: "easy"},
            },
        },
    },
    "criteria/capabilities.yaml": {
        "capabilities": {
            "b2b_punchout": {"name": "Punchout", "description": "Punchout."},
            "saas": {"name": "SaaS", "description": "Hosted."},
        }
    },
    "criteria/connectors.yaml": {
        "erp": {"fortnox": "Fortnox", "other": "Other"},
        "crm": {},
        "pim": {},
        "payments": {},
        "shipping": {},
        "marketplaces": {"cdon": "CDON"},
    },
    "criteria/exchange_rates.yaml": {
        "base": "EUR",
        "as_of": "2025-04-16",
        "sources": ["https://example.com/rates"],
        "rates": {"EUR": 1, "SEK": 10, "NOK": 10, "DKK": 7.5, "USD": 1},
    },
    "criteria/presets.yaml": {
        "presets": {
            "cheap": {"name": "Cheap", "description": "Cost first.", "rationale": "Testing.", "factors": {"cost": 3}}
        }
    },
    "criteria/evidence.yaml": {
        "stale_after_months": 18,
        "rates_stale_after_months": 6,
        "estimate_markers": ["estimate", "estimated", "guess"],
        "mirrors": [{"pattern": "*.mirror.example", "reason": "Copies of other pages."}],
    },
    "criteria/rules.yaml": {
        "rules": {
            "erp_present": {
                "when": [{"field": "derived.has_erp", "op": "eq", "value": True}],
                "factors": {"erp_integration": 2},
                "reason": "You run an ERP.",
            },
            "no_developers": {
                "when": [{"field": "organisation.developers", "op": "eq", "value": 0}],
                "factors": {"usability": 1.5},
                "reason": "No developers.",
            },
        }
    },
    "criteria/industries.yaml": {
        "industries": {
            "digital_goods": {
                "name": "Digital goods",
                "description": "Downloads.",
                "factors": {"ease": 2},
                "proposes": ["saas"],
                "reason": "Delivered digitally.",
            }
        }
    },
    "criteria/markets.yaml": {
        "source": "Test expectations.",
        "countries": {"SE": {"name": "Sweden", "languages": ["sv"], "payments": [], "carriers": []}},
    },
    "criteria/policy.yaml": {
        "policy": {
            "unknowns": {
                "verify_penalty": 0.05,
                "connector_to_verify_cap": 3,
                "custom_integration_cap": 2,
                "api_route_min_rating": 3,
                "peer_segment_fit": 0.75,
            },
            "coverage": {"low": 0.6},
            "near_miss": {"max_overshoot": 1.5, "shown": 5},
            "cost": {"affordability_veto": 4, "revenue_share_reference": 0.05},
            "segment": {"span_decades": 1.5, "named_at": 10, "maturity_step": 0.2, "missing_developers": 0.35},
            "market": {"sold": 0.4, "language": 0.2, "payments": 0.25, "carriers": 0.15, "unsold": 0.25},
            "industry": {"native": 1, "app": 0.8, "custom": 0.3, "absent": 0},
            "pairing": {"criteria": ["ease"], "rating": 3, "min_headless": 4, "storefront_days": 5},
        }
    },
    "criteria/rates.yaml": {
        "as_of": "2026-12-01",
        "sources": {"guess": {"title": "Editor estimate", "evidence": "estimate", "as_of": TODAY}},
        "countries": {
            "SE": {"currency": "SEK", "agency": 10000, "in_house": 4000, "source": "guess"},
            "NO": {"currency": "NOK", "agency": 12000, "in_house": 6000, "source": "guess"},
        },
        "default": {"currency": "EUR", "agency": 800, "in_house": 400, "source": "guess"},
    },
    "criteria/complexity.yaml": {
        "reference_shop": "One market, 100 products, no integrations.",
        "drivers": {
            "erp": {
                "when": [{"field": "derived.has_erp", "op": "eq", "value": True}],
                "add": 0.5,
                "rationale": "ERP sync.",
            },
            "markets": {"per": "derived.market_count", "beyond": 1, "add": 0.25, "max": 1, "rationale": "Markets."},
        },
        "build": {
            "suggest": [],
            "otherwise": "agency",
            "otherwise_reason": "most shops are built by an agency",
            "diy_max_days": 10,
        },
    },
}


_BASE_TEXT: dict[str, str] = {}  # BASE written out once: nearly every test builds a catalogue from it


def catalog_tree(
    root: Path, platforms: list[dict[str, Any]] | None = None, overrides: dict[str, Any] | None = None
) -> Path:
    """Write a small, valid catalogue (plus any overrides) under `root`; return `root`."""
    _CACHE.clear()
    if not _BASE_TEXT:
        _BASE_TEXT.update({rel: dump(data) for rel, data in BASE.items()})
    files: dict[str, Any] = {**_BASE_TEXT, **(overrides or {})}
    if platforms is None:
        platforms = [
            platform("alpha", erp=5, ease=3, erp_connectors={"fortnox": "app"}),
            platform("beta", erp=2, ease=5, api=4),
            platform(
                "gamma",
                erp=4,
                ease="unknown",
                api=2,
                complete=["erp"],  # known to have no Fortnox connector
                caps={"b2b_punchout": "native"},
                pricing=flat_pricing(monthly=3000, implementation=50000),
            ),
        ]
    for p in platforms:
        files[f"platforms/{p['id']}.yaml"] = p
    build_tree(root, {k: v if isinstance(v, str) else dump(v) for k, v in files.items()})
    return root


def requirements(**changes: Any) -> dict[str, Any]:
    req: dict[str, Any] = {
        "version": 1,
        "name": "Test AB",
        "business": {"model": "b2c", "online_revenue": 500_000, "currency": "SEK", "markets": ["SE"]},
        "organisation": {"developers": 1, "it_maturity": "medium"},
    }
    for dotted, value in changes.items():
        node = req
        keys = dotted.split("__")
        for k in keys[:-1]:
            node = node.setdefault(k, {})
        node[keys[-1]] = value
    return req


def assert_snapshot(snapshot: Path, text: str) -> None:
    """Compare with a committed snapshot; UPDATE_SNAPSHOTS=1 rewrites it after a deliberate change."""
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snapshot.write_text(text, encoding="utf-8")
    assert text == snapshot.read_text(encoding="utf-8"), "rerun with UPDATE_SNAPSHOTS=1 after a deliberate change"
