"""Texts a person reads, in English, Swedish, Danish and Norwegian (bokmål).

Phrases live in `messages.yaml` (keyed by dotted id, one entry per text with every language),
catalogue names in `names.yaml` (keyed by kind and catalogue id; English comes from the
catalogue itself). Code looks a phrase up by key with named arguments:

    t("report.summary_best", lang, name=..., score=num(64.7, lang, 1))

Arguments are formatted by the caller (numbers, money and dates through `num`, `money`,
`day`), so a translation only places them. A key missing in a language falls back to English;
a test keeps every shipped key complete in all four.
"""

from __future__ import annotations

import os
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

LANGS = ("en", "sv", "da", "nb")
_HERE = Path(__file__).parent
# The currency each language calls "kr" (the others keep their ISO code).
_HOME = {"sv": "SEK", "da": "DKK", "nb": "NOK"}
_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "sv": "januari februari mars april maj juni juli augusti september oktober november december",
    "da": "januar februar marts april maj juni juli august september oktober november december",
    "nb": "januar februar mars april mai juni juli august september oktober november desember",
}


@cache
def _load(name: str) -> dict[str, Any]:
    import hashlib

    from .. import _cache

    # Parsed once per content, then read from the catalogue's cache directory: even libyaml's
    # parser takes about 15 ms for messages.yaml, paid before an interview's first question;
    # the cached copy takes under 1 ms. Keyed by the file's bytes and the code, like the catalogue.
    path = _HERE / name
    raw = path.read_bytes()
    key = "i18n-" + _cache.key(hashlib.sha256(raw).hexdigest(), path)
    data = _cache.get(key)
    if isinstance(data, dict):
        return data
    import yaml

    # libyaml's parser, where PyYAML has it: the pure-Python one took 70-100 ms for
    # messages.yaml. Same resolver, same values.
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(raw.decode("utf-8"), Loader=loader)
    if not isinstance(data, dict):  # pragma: no cover - a packaging error, caught by the tests
        raise RuntimeError(f"{name} is not a mapping")
    _cache.put(key, data)
    return data


def _flatten(tree: dict[str, Any], prefix: str) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for key, value in tree.items():
        if isinstance(value, dict) and "en" in value:
            out[prefix + key] = value  # a phrase; a test checks it has exactly the four languages
        elif isinstance(value, dict):
            out.update(_flatten(value, f"{prefix}{key}."))
    return out


def t(key: str, lang: str, /, **args: Any) -> str:
    """The phrase `key` in `lang`, with `{name}` placeholders filled from `args`."""
    entry = _messages()[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**args) if args else text


@cache
def _messages() -> dict[str, dict[str, str]]:
    return _flatten(_load("messages.yaml"), "")


def messages() -> dict[str, dict[str, str]]:
    """Every phrase, by dotted key."""
    return _messages()


def name(kind: str, ident: str, lang: str, english: str) -> str:
    """A catalogue name (capability, criterion, label, group, preset, industry) in `lang`."""
    if lang == "en":
        return english
    entry = _load("names.yaml").get(kind, {}).get(ident)
    return (entry or {}).get(lang) or english


def language(explicit: str | None = None, saved: str | None = None) -> str:
    """--lang, else the language the file was written in, else LC_ALL / LC_MESSAGES / LANG."""
    if explicit in LANGS:
        return explicit
    if saved in LANGS:
        return saved
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        env = os.environ.get(var, "").lower()
        if not env:
            continue
        code = env.split(".")[0].split("_")[0]
        return {"sv": "sv", "da": "da", "nb": "nb", "nn": "nb", "no": "nb"}.get(code, "en")
    return "en"


def num(value: float, lang: str, decimals: int = 0) -> str:
    """64.7 / 12 000 000 in English; 64,7 / 12 000 000 in Swedish and Norwegian (no-break
    spaces); 12.000.000 in Danish."""
    text = f"{value:,.{decimals}f}"
    if lang == "en":  # the tool's English has always grouped thousands with spaces: 12 000 000 SEK
        return text.replace(",", " ")
    thousands = "." if lang == "da" else "\u00a0"  # a no-break space: 12 000 000 never splits
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", thousands)


def money(amount: float | None, currency: str, lang: str) -> str:
    """12 000 000 SEK; 12 000 000 kr; 12.000.000 kr. (Danish); an unknown amount in words."""
    if amount is None:
        return t("common.unknown", lang)
    # whole kronor, except a small odd figure ("3,5" typed for 3,5 million must not read "4 kr")
    text = num(amount, lang, 2 if amount != int(amount) and abs(amount) < 1000 else 0)
    unit = ("kr." if lang == "da" else "kr") if _HOME.get(lang) == currency else currency
    return f"{text}\u00a0{unit}" if unit and lang != "en" else f"{text} {unit}".strip()


def pct(share: float, lang: str) -> str:
    return f"{share * 100:.0f}%" if lang == "en" else f"{share * 100:.0f}\u00a0%"


def day(when: date, lang: str) -> str:
    """1 December 2026; 1 december 2026; 1. december 2026 (Danish and Norwegian)."""
    month = _MONTHS.get(lang, _MONTHS["en"]).split()[when.month - 1]
    dot = "." if lang in ("da", "nb") else ""
    return f"{when.day}{dot} {month} {when.year}"
