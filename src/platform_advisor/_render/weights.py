"""'Why these weights': each group's final share and the answers that moved it."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from .._catalog import Catalog
from .._models import Requirements
from .._scoring import Weights
from .._scoring.facts import DERIVED_FROM, flatten


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    if isinstance(value, float) and value == int(value):
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 10_000:
        return f"{value:,}".replace(",", " ")
    return "none" if value is None else str(value)


def because(step_ref: str, kind: str, catalog: Catalog, req: Requirements) -> str:
    """The answers a rule step rests on, e.g. 'systems.erp = fortnox'."""
    if kind == "industry":
        return f"business.industry = {step_ref}"
    if kind != "rule":
        return "preset" if kind == "preset" else "your priority"
    facts = flatten(req.model_dump(mode="json"))
    parts = []
    for cond in catalog.rules[step_ref].when:
        field = DERIVED_FROM.get(cond.field, cond.field)
        parts.append(f"{field} = {_shown(facts.get(field))}")
    return "; ".join(dict.fromkeys(parts))


def rows(weights: Weights, catalog: Catalog, req: Requirements) -> list[dict[str, Any]]:
    shares = weights.group_share(catalog)
    defaults = {cid: c.default_weight for cid, c in catalog.criteria.items()}
    total_default = sum(defaults.values())
    out = []
    for gid, group in catalog.groups.items():
        members = set(catalog.criteria_in(gid))
        steps = [s for s in weights.steps if s.target == gid or s.target in members]
        out.append(
            {
                "group": gid,
                "name": group.name,
                "share": shares[gid],
                "default_share": sum(defaults[c] for c in members) / total_default,
                "steps": [
                    {
                        "target": s.target,
                        "kind": s.kind,
                        "ref": s.ref,
                        "factor": s.factor,
                        "because": because(s.ref, s.kind, catalog, req),
                        "reason": s.reason,
                    }
                    for s in steps
                ],
            }
        )
    return out


def reasons(weights: Weights, catalog: Catalog, req: Requirements) -> list[dict[str, Any]]:
    """One entry per rule, preset or priority, with everything it moved."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for s in weights.steps:
        key = (s.kind, s.ref if s.kind != "priority" else s.target)
        entry = out.setdefault(
            key,
            {
                "kind": s.kind,
                "ref": s.ref,
                "because": because(s.ref, s.kind, catalog, req),
                "reason": s.reason,
                "changes": [],
            },
        )
        name = catalog.groups[s.target].name if s.target in catalog.groups else catalog.criteria[s.target].name
        entry["changes"].append(f"{name} ×{s.factor:g}" if s.factor is not None else f"{name} set to {s.ref}/5")
    return list(out.values())


def render_table(weights: Weights, catalog: Catalog, req: Requirements) -> Group:
    table = Table(title="Why these weights", title_justify="left")
    table.add_column("Group")
    table.add_column("Weight", justify="right")
    table.add_column("Default", justify="right")
    for row in rows(weights, catalog, req):
        table.add_row(Text(row["name"]), f"{row['share'] * 100:.0f}%", f"{row['default_share'] * 100:.0f}%")
    lines = Text()
    for r in reasons(weights, catalog, req):
        lines.append("• " + ", ".join(r["changes"]), style="bold")
        lines.append(f"\n  because {r['because']}: {r['reason']}\n")
    if not lines:
        lines.append("No rule, preset or priority applied: every criterion has its default weight.\n")
    return Group(table, lines)
