"""How an answer to an interview question is checked: typed text from a prompt and a value
replayed from an answers file go through the same `coerce`, so `--answers FILE` and the
keyboard obey the same rules, and each answer is checked against the requirements model's own
limits, so a file the interview calls complete always scores.

Pure and free of the interview's flow, so the catalogue check can try every suggested default
in criteria/interview.yaml without loading the interview itself.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from ._countries import CODES, HINTS
from ._i18n import name, num, t
from ._models import Requirements
from ._models.interview import NEED, Question
from ._validate import suggest

if TYPE_CHECKING:
    from ._catalog import Catalog

NONE = "__none__"  # a select choice meaning "none": prompt libraries cannot carry None
_EMPTY: dict[str, Any] = {"text_list": [], "multiselect": [], "priorities": {}}

# Money as Nordic people write it: the word after the number scales it. Currency words are
# dropped ("3 mkr", "3 milj kr", "3 MSEK" all mean three million).
_SCALE = {
    "": 1,
    "k": 1e3,
    "t": 1e3,
    "tkr": 1e3,
    "tusen": 1e3,
    "tusind": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mio": 1e6,
    "mill": 1e6,
    "milj": 1e6,
    "miljon": 1e6,
    "miljoner": 1e6,
    "million": 1e6,
    "millioner": 1e6,
    "millions": 1e6,
    "mkr": 1e6,
    "md": 1e9,
    "mdr": 1e9,
    "mrd": 1e9,
    "mia": 1e9,
    "mdkr": 1e9,
    "miljard": 1e9,
    "miljarder": 1e9,
    "milliard": 1e9,
    "milliarder": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}
_CURRENCY_WORDS = ("kr", "kronor", "kroner", "sek", "nok", "dkk", "eur", "euro", "usd", ":-", "€", "$")


class AnswerError(ValueError):
    """A typed or replayed answer that does not fit the question; the message says why."""


@cache
def _adapter(field: str) -> Any:
    """A validator for one requirements field, with the model's own limits (list lengths,
    ranges, allowed values), or None for a field the model does not describe on its own."""
    from typing import Annotated

    from pydantic import BaseModel, TypeAdapter

    model: Any = Requirements
    keys = field.split(".")
    for i, key in enumerate(keys):
        info = model.model_fields.get(key) if isinstance(model, type) and issubclass(model, BaseModel) else None
        if info is None:
            return None
        if i == len(keys) - 1:
            return TypeAdapter(Annotated[info.annotation, info])  # type: ignore[arg-type,unused-ignore]
        model = info.annotation
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
    return None


class AnswerRules:
    """The checks of one answer, given the catalogue (for choices) and the language (for
    messages); `Answers` holds just those two, the interview engine adds the flow."""

    catalog: Catalog
    lang: str

    def _e(self, key: str, **args: Any) -> AnswerError:
        return AnswerError(t(f"answer.{key}", self.lang, **args))

    def choices(self, q: Question) -> list[tuple[str | None, str]]:
        lang = self.lang
        if q.choices is not None:
            return [(c.value, c.label.get(lang)) for c in q.choices]
        if q.kind == "need":
            return [(v, t(f"interview.need.{v}", lang)) for v in NEED]
        cat = self.catalog
        source: dict[str, str]
        if q.choices_from == "capabilities":
            source = {k: name("capability", k, lang, v.name) for k, v in cat.capabilities.items()}
        elif q.choices_from == "presets":
            source = {k: name("preset", k, lang, v.name) for k, v in cat.presets.items()}
        elif q.choices_from == "industries":
            source = {k: name("industry", k, lang, v.name) for k, v in cat.industries.items()}
        else:
            kind = q.choices_from or "erp"
            known = getattr(cat.connectors, kind).items()
            source = {k: name("connector", f"{kind}.{k}", lang, str(v)) for k, v in known}
        out: list[tuple[str | None, str]] = list(source.items())
        if q.kind == "select" and q.optional:
            out.insert(0, (None, t("interview.none", lang)))
        return out

    def coerce(self, q: Question, raw: Any) -> Any:
        """Check one answer; a string is parsed as typed text. Raises AnswerError."""
        if isinstance(raw, str):
            raw = raw.strip()
        if raw in ("", None) or (raw == [] and q.kind == "multiselect"):
            if q.optional or q.kind in ("text_list", "priorities"):
                return _EMPTY.get(q.kind)
            if raw is None and q.kind == "select" and None in [v for v, _ in self.choices(q)]:
                return None
            if raw is None and q.field and self._accepts_none(q.field):
                return None  # replayed from a file that leaves the field unset on purpose
            raise self._e("choose_one" if q.kind == "multiselect" else "needed")
        value = getattr(self, f"_coerce_{q.kind}")(q, raw)
        if q.field and value is not None:
            self._check_field(q, value)
        return value

    def _accepts_none(self, field: str) -> bool:
        from pydantic import ValidationError

        adapter = _adapter(field)
        if adapter is None:
            return False
        try:
            adapter.validate_python(None)
        except ValidationError:
            return False
        return True

    def _check_field(self, q: Question, value: Any) -> None:
        from pydantic import ValidationError

        adapter = _adapter(q.field or "")
        if adapter is None:
            return
        try:
            adapter.validate_python(value)
        except ValidationError as exc:
            err = exc.errors()[0]
            ctx = err.get("ctx") or {}
            kind = err["type"]
            if kind == "too_long" and "max_length" in ctx:
                raise self._e("too_many", max=num(ctx["max_length"], self.lang)) from None
            if kind == "string_too_long":
                raise self._e("too_long", max=num(ctx.get("max_length", 0), self.lang)) from None
            if kind in ("less_than_equal", "less_than"):
                raise self._e("at_most", max=num(ctx.get("le", ctx.get("lt", 0)), self.lang)) from None
            if kind in ("greater_than_equal", "greater_than"):
                raise self._e("at_least", min=num(ctx.get("ge", ctx.get("gt", 0)), self.lang)) from None
            raise self._e("invalid") from None

    def _coerce_text(self, q: Question, raw: Any) -> str:
        if not isinstance(raw, str):
            raise self._e("text")
        if len(raw) > 2000:
            raise self._e("too_long", max=num(2000, self.lang))
        return raw

    def _coerce_text_list(self, q: Question, raw: Any) -> list[str]:
        items = [raw] if isinstance(raw, str) else raw
        if not isinstance(items, list) or not all(isinstance(i, str) and 0 < len(i) <= 2000 for i in items):
            raise self._e("text_list")
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
        raise AnswerError(t("answer.not_a_choice", self.lang, value=repr(raw)) + suggest(str(raw), ids))

    def _coerce_multiselect(self, q: Question, raw: Any) -> list[str]:
        items = [p.strip() for p in raw.split(",")] if isinstance(raw, str) else raw
        if not isinstance(items, list):
            raise self._e("list")
        out = []
        for item in items:
            value = self._coerce_select(q.model_copy(update={"optional": False}), item)
            if value is not None and value not in out:
                out.append(value)
        if not out and not q.optional:
            raise self._e("choose_one")
        return out

    def yes_no(self, raw: Any) -> bool | None:
        """True/False for a typed yes or no in any of the four languages, else None."""
        if isinstance(raw, bool):
            return raw
        if not isinstance(raw, str):
            return None
        words = {"y": True, "yes": True, "j": True, "ja": True, "true": True}
        words.update({"n": False, "no": False, "nej": False, "nei": False, "false": False})
        return words.get(raw.strip().casefold())

    def _coerce_confirm(self, q: Question, raw: Any) -> bool:
        value = self.yes_no(raw)
        if value is None:
            raise self._e("yes_no", yes=t("interview.yes", self.lang), no=t("interview.no", self.lang))
        return value

    def _coerce_need(self, q: Question, raw: Any) -> str:
        # a replayed yes/no (older files) reads as must / no
        flag = self.yes_no(raw) if isinstance(raw, bool) or raw in ("true", "false") else None
        if flag is not None:
            return "must" if flag else "no"
        for value, label in self.choices(q):
            if isinstance(raw, str) and raw.casefold() in (str(value), label.casefold()):
                return str(value)
        raise self._e("need", **{v: t(f"interview.need.{v}", self.lang) for v in NEED})

    def _number(self, raw: Any, money_words: bool = False) -> float:
        """A number as people type it: 12 000 000, 80,000,000, 80.000.000, 3,5 milj, 3 mkr, 12M, 1e6."""
        if isinstance(raw, bool):
            raise self._e("money_hint" if money_words else "number_hint", value=repr(raw))
        if isinstance(raw, int | float):
            value = float(raw)
        elif isinstance(raw, str):
            value = self._parse_number(raw, money_words)
        else:
            raise self._e("money_hint" if money_words else "number_hint", value=repr(raw))
        if not math.isfinite(value):
            raise self._e("finite")
        if value < 0:
            raise self._e("negative")
        return value

    def _parse_number(self, raw: str, money_words: bool) -> float:
        bad = self._e("money_hint" if money_words else "number_hint", value=repr(raw))
        text = raw.strip().casefold()
        if re.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?e[-+]?[0-9]+", text):
            return float(text)
        if money_words:
            for word in sorted(_CURRENCY_WORDS, key=len, reverse=True):
                if text.endswith(word) and (len(text) == len(word) or not text[-len(word) - 1].isalpha()):
                    text = text[: -len(word)].rstrip(" .")
                    break
            for cur in ("sek", "nok", "dkk", "eur"):  # 3 MSEK, 2 MEUR
                text = re.sub(rf"(?<=[0-9\s])m{cur}$", "m", text)
        m = re.fullmatch(r"(-?[0-9][0-9\s\u00a0\u202f_'.,]*)\s*([a-zåäöæø]*)\.?", text)
        if not m:
            raise bad
        digits, word = m.groups()
        scale = _SCALE.get(word) if money_words or word in ("", "k", "m") else None
        if scale is None:
            raise bad
        digits = re.sub(r"[\s\u00a0\u202f_']", "", digits)
        commas, dots = digits.count(","), digits.count(".")
        if commas and dots:  # the last of the two marks the decimals: 1,234.5 or 1.234,5
            decimal = "." if digits.rfind(".") > digits.rfind(",") else ","
            digits = digits.replace("," if decimal == "." else ".", "").replace(decimal, ".")
        elif commas + dots > 1:  # 80,000,000 or 80.000.000: only thousands
            digits = digits.replace(",", "").replace(".", "")
        elif commas + dots == 1:
            head, tail = re.split(r"[.,]", digits)
            # 3,500 with no unit is three thousand five hundred; 3,5 or 3,5 milj is three and a half
            digits = head + tail if len(tail) == 3 and not word else f"{head}.{tail}"
        if not re.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?", digits):
            raise bad
        return float(digits) * scale

    def _bounded(self, q: Question, value: float) -> float:
        if q.min is not None and value < q.min:
            raise self._e("at_least", min=num(q.min, self.lang))
        if q.max is not None and value > q.max:
            raise self._e("at_most", max=num(q.max, self.lang))
        return value

    def _coerce_integer(self, q: Question, raw: Any) -> int | None:
        value = self._bounded(q, self._number(raw))
        if value != int(value):
            raise self._e("whole")
        return int(value)

    def _coerce_money(self, q: Question, raw: Any) -> float | int | None:
        value = self._bounded(q, self._number(raw, money_words=True))
        if value > 1e13:
            raise self._e("zeros")
        return int(value) if value == int(value) else value

    def _coerce_countries(self, q: Question, raw: Any) -> list[str]:
        items = re.split(r"[,\s]+", raw) if isinstance(raw, str) else raw
        if not isinstance(items, list):
            raise self._e("countries")
        out: list[str] = []
        for item in items:
            if not item:
                continue
            if not isinstance(item, str):
                raise self._e("country", value=repr(item), hint="")
            code = item.strip().upper()
            if code not in CODES:
                hint = t("answer.did_you_mean", self.lang, value=HINTS[code]) if code in HINTS else ""
                raise self._e("country", value=repr(item), hint=hint)
            if code not in out:
                out.append(code)
        if not out:
            raise self._e("one_country")
        return out

    def _coerce_priorities(self, q: Question, raw: Any) -> dict[str, int]:
        if isinstance(raw, str):
            pairs = [p for p in re.split(r"[,;]", raw) if p.strip()]
            raw = {}
            for pair in pairs:
                if "=" not in pair:
                    raise self._e("pair", value=repr(pair.strip()))
                key, value = pair.split("=", 1)
                raw[key.strip()] = value.strip()
        if not isinstance(raw, dict):
            raise self._e("pairs")
        out: dict[str, int] = {}
        for key, value in raw.items():
            if key not in self.catalog.weight_targets:
                unknown = t("answer.unknown_group", self.lang, value=repr(key))
                raise AnswerError(unknown + suggest(str(key), self.catalog.weight_targets))
            try:
                number = self._number(value)
            except AnswerError:
                number = -1
            if number != int(number) or not 0 <= number <= 5:
                raise self._e("importance", group=key)
            out[str(key)] = int(number)
        return out


@dataclass
class Answers(AnswerRules):
    catalog: Catalog
    lang: str = "en"
