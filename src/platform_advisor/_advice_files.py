"""Cross-checks of the two advice files, criteria/interview.yaml and criteria/readiness.yaml,
against the catalogue they belong to. `_catalog` runs them with its other checks, so an editor
sees every problem of every catalogue file in one run."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ._conditions import DERIVED, condition_fields, requirement_fields
from ._errors import Problem
from ._validate import suggest
from ._yaml import Document

if TYPE_CHECKING:
    from ._catalog import Catalog
    from ._models.interview import InterviewFile
    from ._models.readiness import ReadinessFile


def check_interview(spec: InterviewFile, doc: Document, capabilities: Iterable[str]) -> Iterator[Problem]:
    """Question ids unique; fields, must-haves and conditions that exist. A condition may also
    name an earlier question's answer (`interview.answers.<id>`)."""
    fields = set(requirement_fields())
    caps = set(capabilities)
    seen: list[str] = []
    for i, q in enumerate(spec.questions):
        at = ("questions", i)
        if q.id in seen:
            yield doc.problem((*at, "id"), f"question id {q.id!r} is used twice")
        if q.field and q.field not in fields:
            yield doc.problem((*at, "field"), f"unknown field {q.field!r}" + suggest(q.field, fields))
        for cap in q.must_have:
            if cap not in caps:
                yield doc.problem((*at, "must_have"), f"unknown capability {cap!r}" + suggest(cap, caps))
        conditions = [
            *(("when", j, c) for j, c in enumerate(q.when)),
            *(("answer_from", None, c) for c in ([q.answer_from] if q.answer_from else [])),
            *(("suggest", j, c) for j, s in enumerate(q.suggest) for c in s.when),
        ]
        for key, j, cond in conditions:
            ok = (
                cond.field in fields
                or cond.field in DERIVED
                or (cond.field.startswith("interview.answers.") and cond.field.split(".")[-1] in seen)
            )
            if not ok:
                where = (*at, key) if j is None else (*at, key, j)
                yield doc.problem(where, f"{cond.field!r} is not a requirements field or an earlier question")
        seen.append(q.id)


def check_suggestions(spec: InterviewFile, doc: Document, catalog: Catalog) -> Iterator[Problem]:
    """Every suggested default is an answer its question accepts (needs the built catalogue:
    the choices come from it)."""
    from ._answers import AnswerError, Answers

    answers = Answers(catalog)
    for i, q in enumerate(spec.questions):
        for j, s in enumerate(q.suggest):
            try:
                answers.coerce(q, s.value)
            except AnswerError as exc:
                yield doc.problem(("questions", i, "suggest", j, "value"), str(exc))


def check_readiness(spec: ReadinessFile, doc: Document) -> Iterator[Problem]:
    fields = condition_fields()
    for section, items in (("roles", spec.roles), ("checklist", spec.checklist)):
        for i, item in enumerate(items):
            for key in ("in_house", "applies_when", "done_when"):
                conds: list[Any] = getattr(item, key, [])
                for j, cond in enumerate(conds):
                    if cond.field not in fields:
                        yield doc.problem(
                            (section, i, key, j, "field"), f"unknown field {cond.field!r}" + suggest(cond.field, fields)
                        )
