"""'Why these weights': each group's final share and the answers that moved it."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from .._catalog import Catalog
from .._conditions import DERIVED, flatten
from .._i18n import name as i18n_name
from .._models import Requirements
from .._scoring import Weights
from .common import pct, say


def _shown(value: Any, lang: str = "en") -> str:
    from .._i18n import t

    none = "none" if lang == "en" else t("common.none", lang)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or none
    if isinstance(value, float) and value == int(value):
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 10_000:
        return f"{value:,}".replace(",", " ")
    return none if value is None else str(value)


def because(step_ref: str, kind: str, catalog: Catalog, req: Requirements, lang: str = "en") -> str:
    """The answers a rule step rests on, e.g. 'ERP system = Fortnox': each field by its label
    (messages `field.*`) and each value as the interview offered it, so the screen reads in the
    person's language."""
    if kind == "industry":
        return _answer("business.industry", step_ref, catalog, lang)
    if kind == "held":
        return say("held_because", lang)
    if kind != "rule":
        return say("preset", lang) if kind == "preset" else say("your_priority", lang)
    facts = flatten(req.model_dump(mode="json"))
    parts = []
    for cond in catalog.rules[step_ref].when:
        field = DERIVED[cond.field].source if cond.field in DERIVED else cond.field
        parts.append(_answer(field, facts.get(field), catalog, lang))
    return "; ".join(dict.fromkeys(parts))


def _answer(field: str, value: Any, catalog: Catalog, lang: str) -> str:
    from .._i18n import messages, t

    label = t(f"field.{field}", lang) if f"field.{field}" in messages() else field
    return f"{label} = {_value(field, value, catalog, lang)}"


def _value(field: str, value: Any, catalog: Catalog, lang: str) -> str:
    """A value as the interview's choice for it reads, up to the colon of its explanation
    ("Grow: scale an existing shop" -> "Grow"); anything else as it is."""
    labels = _choice_labels(field, catalog, lang)
    if value is None and None in labels:  # an explicit choice such as "the same as today"
        return labels[None]
    if isinstance(value, list) and labels:
        return ", ".join(labels.get(str(v), str(v)) for v in value) or _shown(None, lang)
    if isinstance(value, str) and value in labels:
        return labels[value]
    return _shown(value, lang)


def _choice_labels(field: str, catalog: Catalog, lang: str) -> dict[str | None, str]:
    """Value -> label; None only where the question offers it as a choice of its own (not the
    "none" every optional list gets)."""
    from .._answers import Answers

    if catalog.interview is None:
        return {}
    question = next((q for q in catalog.interview.questions if q.field == field), None)
    if question is None or (question.choices is None and question.choices_from is None):
        return {}
    explicit = question.choices is not None
    out: dict[str | None, str] = {}
    for v, text in Answers(catalog, lang).choices(question):
        if v is None and not explicit:
            continue
        short = text.split(": ")[0]
        # the file's own choices are ordinary words, read mid-sentence ("IT maturity = high");
        # catalogue lists are names (Fortnox, Zalando) and keep their capitals
        if explicit and short[1:2].islower():
            short = short[0].lower() + short[1:]
        out[v] = short
    return out


def rows(weights: Weights, catalog: Catalog) -> list[dict[str, Any]]:
    """Per group, its share now and by default (what the table shows; `reasons` says why)."""
    shares = weights.group_share(catalog)
    defaults = {cid: c.default_weight for cid, c in catalog.criteria.items()}
    total_default = sum(defaults.values())
    return [
        {
            "group": gid,
            "name": group.name,
            "share": shares[gid],
            "default_share": sum(defaults[c] for c in catalog.criteria_in(gid)) / total_default,
        }
        for gid, group in catalog.groups.items()
    ]


def reasons(weights: Weights, catalog: Catalog, req: Requirements, lang: str = "en") -> list[dict[str, Any]]:
    """One entry per rule, preset, held group or priority, with everything it moved."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for s in weights.steps:
        key = (s.kind, s.ref if s.kind != "priority" else s.target)
        entry = out.setdefault(
            key,
            {
                "kind": s.kind,
                "ref": s.ref,
                "because": because(s.ref, s.kind, catalog, req, lang),
                "reason": s.reason if lang == "en" else _reason(s.kind, s.ref, s.reason, lang),
                "changes": [],
            },
        )
        if s.target in catalog.groups:
            name = i18n_name("group", s.target, lang, catalog.groups[s.target].name)
        else:
            name = i18n_name("criterion", s.target, lang, catalog.criteria[s.target].name)
        factor = "" if s.factor is None else f"{s.factor:g}" if lang == "en" else f"{s.factor:g}".replace(".", ",")
        entry["changes"].append(
            f"{name} ×{factor}" if s.factor is not None else say("set_to", lang, name=name, value=s.ref)
        )
    return list(out.values())


def _reason(kind: str, ref: str, english: str, lang: str) -> str:
    """Why a step applies, in `lang`: a rule's reason from names.yaml (rule.<id>); a preset or
    an industry profile by its translated name (their long rationales are English catalogue
    prose); a priority as the rating the person gave."""
    if kind == "rule":
        return i18n_name("rule", ref, lang, english)
    if kind in ("preset", "industry"):
        return i18n_name(kind, ref, lang, english.split(":")[0])
    if kind == "held":
        return i18n_name("policy", "held", lang, english)
    return english if kind != "priority" else say("rated", lang, value=ref)


def render_table(weights: Weights, catalog: Catalog, req: Requirements, lang: str = "en") -> Group:
    table = Table(title=say("weights_title", lang), title_justify="left")
    table.add_column(say("group", lang))
    table.add_column(say("weight", lang), justify="right")
    table.add_column(say("default", lang), justify="right")
    for row in rows(weights, catalog):
        name = i18n_name("group", row["group"], lang, row["name"])
        table.add_row(Text(name), pct(row["share"], lang), pct(row["default_share"], lang))
    lines = Text()
    for r in reasons(weights, catalog, req, lang):
        lines.append("• " + ", ".join(r["changes"]), style="bold")
        lines.append("\n  " + say("because", lang, what=r["because"], why=r["reason"]) + "\n")
    if not lines:
        lines.append(say("no_rule", lang) + "\n")
    return Group(table, lines)
