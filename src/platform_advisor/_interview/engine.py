"""The interview engine: which question comes next, its default, and how answers become a
requirements file; pure functions over questions and answers, no prompting. How one answer is
checked is `_answers`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .._answers import _EMPTY, NONE, AnswerError, AnswerRules
from .._catalog import Catalog
from .._conditions import all_hold, facts, flatten, holds
from .._errors import InputError
from .._i18n import money
from .._models import Requirements
from .._models.interview import InterviewFile, Question
from .._validate import suggest

__all__ = ["NONE", "AnswerError", "Engine", "check_answers"]


@dataclass
class Engine(AnswerRules):
    spec: InterviewFile
    catalog: Catalog
    lang: str = "en"

    def facts(self, answers: dict[str, Any]) -> dict[str, Any]:
        known = facts(self.requirements(answers, complete=False), self.catalog.rates)
        known.update({f"interview.answers.{k}": v for k, v in answers.items()})
        return known

    def visible(self, q: Question, answers: dict[str, Any]) -> bool:
        return all_hold(q.when, self.facts(answers))

    def pending(self, answers: dict[str, Any]) -> list[Question]:
        return [q for q in self.spec.questions if q.id not in answers and self.visible(q, answers)]

    def next_question(self, answers: dict[str, Any]) -> Question | None:
        for q in self.spec.questions:
            if q.id not in answers and self.visible(q, answers):
                return q
        return None

    def default(self, q: Question, answers: dict[str, Any]) -> Any:
        if q.suggest:
            known = self.facts(answers)
            for rule in q.suggest:
                if all_hold(rule.when, known):
                    return rule.value
        if q.default_from == "build":
            return self.catalog.complexity.build.suggested(self.facts(answers))[0]
        if q.default_from == "must_haves":
            chosen = self.requirements(answers, complete=False).get("must_have", [])
            return [*chosen, *(v for v in (q.default or []) if v not in chosen)]
        if q.kind == "text" and isinstance(q.default, dict):
            return q.default.get(self.lang) or q.default.get("en")
        return q.default

    def coerce(self, q: Question, raw: Any, answers: dict[str, Any] | None = None) -> Any:
        """Check one answer (see `AnswerRules.coerce`). With `answers` (those given so far), a
        figure that is possible but implausible for the question is refused too, with the
        reason: the prompt asks again."""
        value = super().coerce(q, raw)
        if answers is not None and q.plausible is not None and value is not None:
            self._check_plausible(q, value, answers)
        return value

    def _check_plausible(self, q: Question, value: Any, answers: dict[str, Any]) -> None:
        rule = q.plausible
        if rule is None or not isinstance(value, int | float):
            return
        cur = self.facts(answers).get("business.currency") or ""

        def cash(amount: float) -> str:
            return money(amount, cur, self.lang)

        if rule.min is not None and value < rule.min:
            raise self._e(f"implausible_low.{q.id}", value=cash(value), min=cash(rule.min))
        if rule.max_from:
            limit = self.facts(answers).get(rule.max_from)
            if isinstance(limit, int | float) and value > limit:
                raise self._e(f"implausible_high.{q.id}", value=cash(value), limit=cash(limit))

    # --- answers <-> requirements file --------------------------------------------------------

    def requirements(self, answers: dict[str, Any], complete: bool) -> dict[str, Any]:
        """The requirements file for the answers so far (only visible questions count)."""
        data: dict[str, Any] = {"version": 1}
        must: list[str] = []
        for q in self.spec.questions:
            if q.id not in answers:
                continue
            value = answers[q.id]
            if q.kind == "need" and value == "must":
                must.extend(q.must_have)
            if q.field == "must_have":
                must.extend(v for v in (value or []) if v not in must)
            elif q.field and value not in (None, [], {}):
                _set(data, q.field, value)
        if must or any(q.id in answers and (q.kind == "need" or q.field == "must_have") for q in self.spec.questions):
            data["must_have"] = list(dict.fromkeys(must))
        data["interview"] = {"complete": complete, "lang": self.lang, "answers": dict(answers)}
        return data

    def owned(self, answers: dict[str, Any]) -> dict[str, Any]:
        """The fields these answers decide, by dotted path, including the empty ones (so a
        cleared answer clears the field in a file being resumed)."""
        data = self.requirements(answers, complete=False)
        flat = flatten(data)
        out: dict[str, Any] = {}
        for q in self.spec.questions:
            if q.id in answers and q.field and q.field != "must_have":
                out[q.field] = flat.get(q.field, _EMPTY.get(q.kind))
        if "must_have" in data:
            out["must_have"] = data["must_have"]
        return out

    def answers_from(self, data: dict[str, Any], complete: bool) -> dict[str, Any]:
        """Read answers out of a requirements file; a complete one answers every question."""
        if complete:
            data = Requirements.model_validate(data).model_dump(mode="json", exclude={"interview"})
        flat = flatten(data)
        answers: dict[str, Any] = {}
        must = data.get("must_have") if isinstance(data.get("must_have"), list) else None
        # a must-have belongs to a need question only when all of that question's are there
        covered = {c for q in self.spec.questions if all(x in (must or []) for x in q.must_have) for c in q.must_have}
        for q in self.spec.questions:
            if q.kind == "need":
                if must is not None or complete:
                    answers[q.id] = "must" if all(c in (must or []) for c in q.must_have) else "no"
            elif q.field == "must_have":
                if must is not None or complete:
                    answers[q.id] = [m for m in (must or []) if m not in covered]
            elif q.answer_from is not None:
                if q.answer_from.field in flat or complete:
                    answers[q.id] = holds(flat.get(q.answer_from.field), q.answer_from.op, q.answer_from.value)
            elif q.field and (q.field in flat or complete):
                if q.kind == "multiselect" and not q.optional and not flat.get(q.field):
                    continue  # an empty list is no answer to "which ones?": ask, if it is asked at all
                answers[q.id] = flat.get(q.field)
        return answers

    def merge_file(self, recorded: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
        """Recorded answers, overruled by what the file itself says now: a hand edit wins."""
        flat = flatten(data)
        out = dict(recorded)
        must = data.get("must_have") if isinstance(data.get("must_have"), list) else None
        for q in self.spec.questions:
            if q.kind == "need" and must is not None:
                if all(c in must for c in q.must_have):
                    out[q.id] = "must"
                elif recorded.get(q.id) in ("must", True):
                    out[q.id] = "no"  # the must-have was taken out by hand
            elif q.field == "must_have" and must is not None and q.id in recorded:
                needs = [x for x in self.spec.questions if x.kind == "need" and out.get(x.id) == "must"]
                covered = {c for x in needs for c in x.must_have}
                out[q.id] = [m for m in must if m not in covered]
            elif q.answer_from is not None and q.answer_from.field in flat and q.id in recorded:
                out[q.id] = holds(flat.get(q.answer_from.field), q.answer_from.op, q.answer_from.value)
            elif q.field and q.field != "must_have" and q.field in flat:
                out[q.id] = flat[q.field]
        return out


def _set(data: dict[str, Any], dotted: str, value: Any) -> None:
    keys = dotted.split(".")
    node = data
    for key in keys[:-1]:
        node = node.setdefault(key, {})
    node[keys[-1]] = value


# Question ids of earlier versions, so an interview saved by one still resumes: the yes/no
# "recurring" set recurring_orders (subscriptions); "quick_order" is part of re-ordering now.
_RENAMED = {"recurring": "subscriptions", "quick_order": "reorder"}


def check_answers(engine: Engine, answers: dict[str, Any], where: Any) -> dict[str, Any]:
    """Coerce every answer; collect located problems. `where(question) -> Problem factory`."""
    problems = []
    out: dict[str, Any] = {}
    by_id = {q.id: q for q in engine.spec.questions}
    for qid, raw in answers.items():
        qid = qid if qid in by_id else _RENAMED.get(qid, qid)
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
