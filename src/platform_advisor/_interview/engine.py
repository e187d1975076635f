"""The interview engine: pure functions over questions and answers, no prompting.

Typed answers (strings from a prompt) and replayed ones (values from an answers file) go
through the same `coerce`, so `--answers FILE` and the keyboard obey the same rules.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._catalog import Catalog
from .._countries import CODES, HINTS
from .._errors import InputError
from .._models import Requirements
from .._models.interview import InterviewFile, Question
from .._scoring.facts import flatten, holds
from .._validate import suggest, validate
from .._yaml import load_file

NONE = "__none__"
_EMPTY: dict[str, Any] = {
    "text_list": [],
    "multiselect": [],
    "priorities": {},
}  # a select choice meaning "none": prompt libraries cannot carry None


class AnswerError(ValueError):
    """A typed or replayed answer that does not fit the question; the message says why."""


def load_interview(root: Path, catalog: Catalog) -> InterviewFile:
    """Load criteria/interview.yaml and check its ids against the catalogue."""
    path = root / "criteria" / "interview.yaml"
    doc = load_file(path, str(path))
    spec = validate(InterviewFile, doc)
    problems = []
    fields = set(_requirement_fields())
    seen: list[str] = []
    for i, q in enumerate(spec.questions):
        at = ("questions", i)
        if q.id in seen:
            problems.append(doc.problem((*at, "id"), f"question id {q.id!r} is used twice"))
        if q.field and q.field not in fields:
            problems.append(doc.problem((*at, "field"), f"unknown field {q.field!r}" + suggest(q.field, fields)))
        if q.must_have and q.must_have not in catalog.capabilities:
            problems.append(
                doc.problem(
                    (*at, "must_have"),
                    f"unknown capability {q.must_have!r}" + suggest(q.must_have, catalog.capabilities),
                )
            )
        for j, cond in enumerate([*q.when, *([q.answer_from] if q.answer_from else [])]):
            ok = cond.field in fields or (
                cond.field.startswith("interview.answers.") and cond.field.split(".")[-1] in seen
            )
            if not ok:
                problems.append(
                    doc.problem(
                        (*at, "when", j, "field"), f"{cond.field!r} is not a requirements field or an earlier question"
                    )
                )
        seen.append(q.id)
    for i, rule in enumerate(spec.preset_rules):
        if rule.preset not in catalog.presets:
            problems.append(
                doc.problem(
                    ("preset_rules", i, "preset"),
                    f"unknown preset {rule.preset!r}" + suggest(rule.preset, catalog.presets),
                )
            )
    if problems:
        raise InputError(problems)
    return spec


def _requirement_fields() -> list[str]:
    from .._catalog import _all_fields

    return [f for f in _all_fields() if not f.startswith("derived.")] + [
        "systems.master_data.products",
        "systems.master_data.prices",
        "systems.master_data.stock",
        "systems.master_data.customers",
    ]


@dataclass
class Engine:
    spec: InterviewFile
    catalog: Catalog
    lang: str = "en"

    # --- choices and visibility -----------------------------------------------------------

    def choices(self, q: Question) -> list[tuple[str | None, str]]:
        if q.choices is not None:
            return [(c.value, c.label.get(self.lang)) for c in q.choices]
        source = {
            "erp": self.catalog.connectors.erp,
            "crm": self.catalog.connectors.crm,
            "pim": self.catalog.connectors.pim,
            "marketplaces": self.catalog.connectors.marketplaces,
            "capabilities": {k: v.name for k, v in self.catalog.capabilities.items()},
            "presets": {k: v.name for k, v in self.catalog.presets.items()},
            "industries": {k: v.name for k, v in self.catalog.industries.items()},
        }[q.choices_from or "erp"]
        out: list[tuple[str | None, str]] = [(k, str(v)) for k, v in source.items()]
        if q.kind == "select" and q.optional:
            out.insert(0, (None, {"sv": "Inget", "da": "Ingen"}.get(self.lang, "None")))
        return out

    def facts(self, answers: dict[str, Any]) -> dict[str, Any]:
        facts = flatten(self.requirements(answers, complete=False))
        facts.update({f"interview.answers.{k}": v for k, v in answers.items()})
        return facts

    def visible(self, q: Question, answers: dict[str, Any]) -> bool:
        facts = self.facts(answers)
        return all(holds(facts.get(c.field), c.op, c.value) for c in q.when)

    def pending(self, answers: dict[str, Any]) -> list[Question]:
        return [q for q in self.spec.questions if q.id not in answers and self.visible(q, answers)]

    def next_question(self, answers: dict[str, Any]) -> Question | None:
        for q in self.spec.questions:
            if q.id not in answers and self.visible(q, answers):
                return q
        return None

    def default(self, q: Question, answers: dict[str, Any]) -> Any:
        if q.default_from == "preset_rules":
            facts = self.facts(answers)
            for rule in self.spec.preset_rules:
                if all(holds(facts.get(c.field), c.op, c.value) for c in rule.when):
                    return rule.preset
        return q.default

    # --- answers ---------------------------------------------------------------------------

    def coerce(self, q: Question, raw: Any) -> Any:
        """Check one answer; a string is parsed as typed text. Raises AnswerError."""
        if isinstance(raw, str):
            raw = raw.strip()
        if raw in ("", None):
            if q.optional or q.kind in ("text_list", "multiselect", "priorities"):
                return _EMPTY.get(q.kind)
            if raw is None and q.kind == "select" and None in [v for v, _ in self.choices(q)]:
                return None
            raise AnswerError("an answer is needed")
        return getattr(self, f"_coerce_{q.kind}")(q, raw)

    def _coerce_text(self, q: Question, raw: Any) -> str:
        if not isinstance(raw, str):
            raise AnswerError(f"expected text, got {raw!r}")
        if len(raw) > 2000:
            raise AnswerError("at most 2000 characters")
        return raw

    def _coerce_text_list(self, q: Question, raw: Any) -> list[str]:
        items = [raw] if isinstance(raw, str) else raw
        if not isinstance(items, list) or not all(isinstance(i, str) and 0 < len(i) <= 2000 for i in items):
            raise AnswerError("expected one or more lines of text")
        return [i.strip() for i in items if i.strip()]

    def _coerce_select(self, q: Question, raw: Any) -> str | None:
        values = [v for v, _ in self.choices(q)]
        value = None if raw in (None, NONE) else raw
        if value in values:
            return value
        if value is None and q.optional:
            return None
        ids = [v for v in values if v is not None]
        # a label typed instead of an id is fine: "Fortnox" for fortnox
        for v, label in self.choices(q):
            if isinstance(raw, str) and label.casefold() == raw.casefold():
                return v
        raise AnswerError(f"{raw!r} is not a valid choice" + suggest(str(raw), ids))

    def _coerce_multiselect(self, q: Question, raw: Any) -> list[str]:
        items = [p.strip() for p in raw.split(",")] if isinstance(raw, str) else raw
        if not isinstance(items, list):
            raise AnswerError("expected a list")
        out = []
        for item in items:
            value = self._coerce_select(q.model_copy(update={"optional": False}), item)
            if value is not None and value not in out:
                out.append(value)
        return out

    def _coerce_confirm(self, q: Question, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        words = {
            "y": True,
            "yes": True,
            "j": True,
            "ja": True,
            "true": True,
            "n": False,
            "no": False,
            "nej": False,
            "false": False,
        }
        if isinstance(raw, str) and raw.casefold() in words:
            return words[raw.casefold()]
        raise AnswerError("answer yes or no")

    def _number(self, raw: Any) -> float:
        """A number as people type it: 12 000 000, 12_000_000, 1.5M, 750k, 1e6, 12,5."""
        if isinstance(raw, bool):
            raise AnswerError("expected a number")
        if isinstance(raw, int | float):
            value = float(raw)
        elif isinstance(raw, str):
            text = re.sub(r"[\s_\u00a0\u202f]", "", raw)
            m = re.fullmatch(r"(-?[0-9]*[.,]?[0-9]+(?:[eE][-+]?[0-9]+)?)([kKmM])?", text)
            if not m:
                raise AnswerError(f"{raw!r} is not a number; write digits, e.g. 12000000 or 12M")
            number, suffix = m.groups()
            value = float(number.replace(",", ".")) * {"k": 1e3, "m": 1e6}.get((suffix or "").lower(), 1.0)
        else:
            raise AnswerError("expected a number")
        if not math.isfinite(value):
            raise AnswerError("must be a finite number")
        if value < 0:
            raise AnswerError("must be 0 or more")
        return value

    def _bounded(self, q: Question, value: float) -> float:
        if q.min is not None and value < q.min:
            raise AnswerError(f"must be at least {q.min:g}")
        if q.max is not None and value > q.max:
            raise AnswerError(f"must be at most {q.max:g}")
        return value

    def _coerce_integer(self, q: Question, raw: Any) -> int | None:
        if raw is None and q.optional:
            return None
        value = self._bounded(q, self._number(raw))
        if value != int(value):
            raise AnswerError("must be a whole number")
        return int(value)

    def _coerce_money(self, q: Question, raw: Any) -> float | int | None:
        if raw is None and q.optional:
            return None
        value = self._number(raw)
        if value > 1e13:
            raise AnswerError("that is more than 10 000 billion; check the number of zeros")
        return int(value) if value == int(value) else value

    def _coerce_countries(self, q: Question, raw: Any) -> list[str]:
        items = re.split(r"[,\s]+", raw) if isinstance(raw, str) else raw
        if not isinstance(items, list):
            raise AnswerError("expected country codes such as SE, NO")
        out: list[str] = []
        for item in items:
            if not item:
                continue
            if not isinstance(item, str):
                raise AnswerError(f"{item!r} is not a country code")
            code = item.strip().upper()
            if code not in CODES:
                hint = f" (did you mean {HINTS[code]}?)" if code in HINTS else ""
                raise AnswerError(f"{item!r} is not an ISO 3166-1 country code{hint}")
            if code not in out:
                out.append(code)
        if not out:
            raise AnswerError("name at least one country")
        return out

    def _coerce_priorities(self, q: Question, raw: Any) -> dict[str, int]:
        if isinstance(raw, str):
            pairs = [p for p in re.split(r"[,;]", raw) if p.strip()]
            raw = {}
            for pair in pairs:
                if "=" not in pair:
                    raise AnswerError(f"{pair.strip()!r}: write group=importance, e.g. cost=5")
                key, value = pair.split("=", 1)
                raw[key.strip()] = value.strip()
        if not isinstance(raw, dict):
            raise AnswerError("expected group=importance pairs")
        out: dict[str, int] = {}
        for key, value in raw.items():
            if key not in self.catalog.weight_targets:
                raise AnswerError(
                    f"unknown criterion or group {key!r}" + suggest(str(key), self.catalog.weight_targets)
                )
            number = self._number(value)
            if number != int(number) or not 0 <= number <= 5:
                raise AnswerError(f"{key}: importance is a whole number from 0 to 5")
            out[str(key)] = int(number)
        return out

    # --- answers <-> requirements file --------------------------------------------------------

    def requirements(self, answers: dict[str, Any], complete: bool) -> dict[str, Any]:
        """The requirements file for the answers so far (only visible questions count)."""
        data: dict[str, Any] = {"version": 1}
        must: list[str] = []
        for q in self.spec.questions:
            if q.id not in answers:
                continue
            value = answers[q.id]
            if q.must_have and value is True:
                must.append(q.must_have)
            if q.field == "must_have":
                must.extend(v for v in (value or []) if v not in must)
            elif q.field and value not in (None, [], {}):
                _set(data, q.field, value)
        if must:
            data["must_have"] = list(dict.fromkeys(must))
        data["interview"] = {"complete": complete, "lang": self.lang, "answers": dict(answers)}
        return data

    def answers_from(self, data: dict[str, Any], complete: bool) -> dict[str, Any]:
        """Read answers out of a requirements file; a complete one answers every question."""
        if complete:
            data = Requirements.model_validate(data).model_dump(mode="json", exclude={"interview"})
        flat = flatten(data)
        answers: dict[str, Any] = {}
        covered = {q.must_have for q in self.spec.questions if q.must_have}
        must = data.get("must_have") if isinstance(data.get("must_have"), list) else None
        for q in self.spec.questions:
            if q.must_have:
                if must is not None or complete:
                    answers[q.id] = q.must_have in (must or [])
            elif q.field == "must_have":
                if must is not None or complete:
                    answers[q.id] = [m for m in (must or []) if m not in covered]
            elif q.answer_from is not None:
                if q.answer_from.field in flat or complete:
                    answers[q.id] = holds(flat.get(q.answer_from.field), q.answer_from.op, q.answer_from.value)
            elif q.field and (q.field in flat or complete):
                answers[q.id] = flat.get(q.field)
        return answers


def _set(data: dict[str, Any], dotted: str, value: Any) -> None:
    keys = dotted.split(".")
    node = data
    for key in keys[:-1]:
        node = node.setdefault(key, {})
    node[keys[-1]] = value


def check_answers(engine: Engine, answers: dict[str, Any], where: Any) -> dict[str, Any]:
    """Coerce every answer; collect located problems. `where(question) -> Problem factory`."""
    problems = []
    out: dict[str, Any] = {}
    by_id = {q.id: q for q in engine.spec.questions}
    for qid, raw in answers.items():
        q = by_id.get(qid)
        if q is None:
            problems.append(where(None, qid, f"unknown question {qid!r}" + suggest(qid, by_id)))
            continue
        try:
            out[qid] = engine.coerce(q, raw)
        except AnswerError as exc:
            problems.append(where(q, qid, f"{q.field or qid}: {exc}"))
    if problems:
        raise InputError(problems)
    return out
