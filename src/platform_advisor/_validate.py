"""Turn pydantic errors into `path:line:col: message` problems a person can act on."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ._errors import InputError, Problem
from ._yaml import Document, Loc

M = TypeVar("M", bound=BaseModel)


def suggest(word: str, choices: Iterable[str], n: int = 3) -> str:
    """' (did you mean a, b?)' or a short list of valid values, for an unknown id."""
    options = sorted(set(choices))
    close = difflib.get_close_matches(str(word), options, n=n, cutoff=0.6)
    if close:
        return f" (did you mean {', '.join(close)}?)"
    if len(options) <= 8:
        return f" (valid: {', '.join(options)})"
    return f" ({len(options)} valid ids; e.g. {', '.join(options[:5])}, ...)"


def validate(model: type[M], doc: Document) -> M:
    value, problems, _ = attempt(model, doc)
    if value is None:
        raise InputError(problems)
    return value


def attempt(model: type[M], doc: Document) -> tuple[M | None, list[Problem], set[Loc]]:
    """The validated model, or None with every problem and the locations the model refused
    (so that later checks of the same file can skip what is already reported)."""
    if not isinstance(doc.data, dict):
        kind = type(doc.data).__name__ if doc.data is not None else "null"
        kind = {"list": "a list", "str": "text", "int": "a number", "float": "a number"}.get(kind, kind)
        return None, [doc.problem((), f"expected a mapping of keys to values, got {kind}")], set()
    try:
        return model.model_validate(doc.data), [], set()
    except ValidationError as exc:
        refused = {_clean_loc(e["loc"], doc.data) for e in exc.errors(include_url=False)}
        return None, problems_from(exc, doc, model), refused


def problems_from(exc: ValidationError, doc: Document, model: type[BaseModel]) -> list[Problem]:
    problems: dict[tuple[Loc, str], Problem] = {}
    errors = exc.errors(include_url=False)
    # A misspelt key shows up twice: as an unknown key and as a missing one. Say it once.
    typos = {
        (_clean_loc(e["loc"], doc.data)[:-1], close)
        for e in errors
        if e["type"] == "extra_forbidden"
        for close in difflib.get_close_matches(
            str(e["loc"][-1]), fields_at(model, _clean_loc(e["loc"], doc.data)[:-1]), 1, 0.6
        )
    }
    for err in errors:
        loc = _clean_loc(err["loc"], doc.data)
        if err["type"] == "missing" and (loc[:-1], loc[-1] if loc else None) in typos:
            continue
        message = _message(err, loc, model)
        if message is None:
            continue
        problems.setdefault((loc, message), doc.problem(loc, message))
    return sorted(problems.values()) or [doc.problem((), str(exc).splitlines()[0])]


def _clean_loc(loc: tuple[Any, ...], data: Any) -> Loc:
    """Drop the union-member tags pydantic inserts ("constrained-int", "Range", ...).

    A tag is recognised by not being a key or index of the data at that point; the last part
    may legitimately be absent (a missing key), so there only tag-shaped names are dropped.
    """
    out: list[str | int] = []
    current = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if (isinstance(current, dict) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        ):
            current = current[part]
        elif not last or _tag_shaped(part):
            continue
        out.append(part)
    return tuple(out)


def _tag_shaped(part: Any) -> bool:
    return isinstance(part, str) and (
        "[" in part or "-" in part or part[:1].isupper() or part in {"int", "str", "float", "bool"}
    )


def _where(loc: Loc) -> str:
    return ".".join(str(p) for p in loc) if loc else "document"


def _message(err: Any, loc: Loc, model: type[BaseModel]) -> str | None:
    kind = err["type"]
    value = err.get("input")
    field = _where(loc)
    if kind == "extra_forbidden":
        key = loc[-1] if loc else "?"
        valid = fields_at(model, loc[:-1])
        hint = suggest(str(key), valid) if valid else ""
        return f"unknown key {key!r}{hint}"
    if kind == "missing":
        return f"missing required key {field!r}"
    if kind in {"string_type"} and isinstance(value, int | float) and not isinstance(value, bool):
        return f"{field}: expected text, got the number {value!r}; put it in quotes"
    if (isinstance(value, float) and value != value) or value in (float("inf"), float("-inf")):
        return f"{field}: must be a finite number (got {value})"
    if kind == "literal_error" and loc and err.get("ctx", {}).get("expected") == "'unknown'":
        return None  # the other branch of `value | 'unknown'` says what is wrong
    msg = err["msg"]
    msg = msg[0].lower() + msg[1:] if msg else msg
    msg = msg.removeprefix("value error, ")
    if _short(value):
        return f"{field}: {msg} (got {value!r})"
    return f"{field}: {msg}"


def _short(value: Any) -> bool:
    return isinstance(value, str | int | float | bool) and len(repr(value)) <= 40


def fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The valid keys of the model found at `loc`, for did-you-mean hints."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    models = [m for m in _members(current) if isinstance(m, type) and issubclass(m, BaseModel)]
    return [name for m in models for name in m.model_fields]


def _step(tp: Any, part: str | int) -> Any:
    for member in _members(tp):
        is_model = isinstance(member, type) and issubclass(member, BaseModel)
        if is_model and isinstance(part, str) and part in member.model_fields:
            return member.model_fields[part].annotation
        origin = typing.get_origin(member)
        args = typing.get_args(member)
        if origin is dict and len(args) == 2:
            return args[1]
        if origin is list and args and isinstance(part, int):
            return args[0]
    return None


def _members(tp: Any) -> list[Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _members(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(tp) for m in _members(arg)]
    return [tp]
