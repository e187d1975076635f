"""Every text a person reads exists in English, Swedish, Danish and Norwegian, with the same
placeholders, and numbers, money and dates follow each language's convention."""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from platform_advisor import load_catalog
from platform_advisor._i18n import LANGS, day, language, messages, money, num, pct, t

from .conftest import REPO
from .helpers import load_yaml

SRC = REPO / "src" / "platform_advisor"
NAMES = load_yaml((SRC / "_i18n" / "names.yaml").read_text(encoding="utf-8"))


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("key", sorted(messages()))
def test_every_phrase_has_every_language_and_the_same_placeholders(key: str) -> None:
    entry = messages()[key]
    assert set(entry) == set(LANGS), f"{key}: has {sorted(entry)}"
    for lang in LANGS:
        assert isinstance(entry[lang], str) and entry[lang].strip(), f"{key}.{lang} is empty"
        assert _fields(entry[lang]) == _fields(entry["en"]), f"{key}.{lang}: placeholders differ from English"


def test_every_key_the_code_asks_for_exists() -> None:
    """Literal keys in t("...") and w("...") calls; a typo would otherwise fail only at run time."""
    keys = messages()
    missing = []
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r'\bt\(\s*"([a-z_]+(?:\.[a-z_]+)+)"', text):
            if m.group(1) not in keys:
                missing.append(f"{path.name}: {m.group(1)}")
        for m in re.finditer(r'\bw\(\s*"([a-z_]+)"', text):
            if f"report.{m.group(1)}" not in keys:
                missing.append(f"{path.name}: report.{m.group(1)}")
    assert not missing, missing


def test_keys_built_from_data_exist() -> None:
    """Keys made from ids: per-question plausibility messages, statuses, models, maturities."""
    keys = messages()
    spec = load_yaml((REPO / "criteria" / "interview.yaml").read_text(encoding="utf-8"))
    for q in spec["questions"]:
        rule = q.get("plausible") or {}
        if rule.get("min") is not None:
            assert f"answer.implausible_low.{q['id']}" in keys, q["id"]
        if rule.get("max_from"):
            assert f"answer.implausible_high.{q['id']}" in keys, q["id"]
    for key in ("status.custom", "status.absent", "status.unknown", "interview.need.must", "interview.need.no"):
        assert key in keys
    for model in ("b2c", "b2b", "hybrid"):
        assert f"report.model.{model}" in keys
    for level in ("low", "medium", "high"):
        assert f"report.maturity.{level}" in keys
    for kind in ("vendor_docs", "third_party", "estimate"):
        assert f"report.evidence_kind.{kind}" in keys


def test_every_catalogue_name_is_translated() -> None:
    catalog = load_catalog()
    wanted: dict[str, dict[str, Any]] = {
        "capability": catalog.capabilities,
        "group": catalog.groups,
        "criterion": catalog.criteria,
        "label": catalog.criteria,
        "preset": catalog.presets,
        "industry": catalog.industries,
        "rule": catalog.rules,
    }
    malformed = [
        f"{kind}.{i}" for kind, entries in NAMES.items() for i, e in entries.items() if set(e) != {"sv", "da", "nb"}
    ]
    assert not malformed, f"entries with other keys than sv, da, nb (an unquoted comma?): {malformed}"
    missing = [
        f"{kind}.{ident}.{lang}"
        for kind, ids in wanted.items()
        for ident in ids
        for lang in ("sv", "da", "nb")
        if not (NAMES.get(kind, {}).get(ident) or {}).get(lang)
    ]
    assert not missing, f"add these to src/platform_advisor/_i18n/names.yaml: {missing}"


def test_readiness_speaks_every_language() -> None:
    data = load_yaml((REPO / "criteria" / "readiness.yaml").read_text(encoding="utf-8"))
    texts = [
        *(t for r in data["roles"] for t in (r["name"], r["what"])),
        *(c["text"] for c in data["checklist"]),
        *data["partner_questions"],
    ]
    for text in texts:
        assert all(text.get(lang) for lang in LANGS), text["en"]


@pytest.mark.parametrize(
    ("lang", "score", "amount", "share", "when"),
    [
        ("en", "64.7", "12 000 000 SEK", "64%", "1 December 2026"),
        ("sv", "64,7", "12\u00a0000\u00a0000\u00a0kr", "64\u00a0%", "1 december 2026"),
        ("da", "64,7", "12.000.000\u00a0SEK", "64\u00a0%", "1. december 2026"),
        ("nb", "64,7", "12\u00a0000\u00a0000\u00a0SEK", "64\u00a0%", "1. desember 2026"),
    ],
)
def test_numbers_money_and_dates(lang: str, score: str, amount: str, share: str, when: str) -> None:
    assert num(64.7, lang, 1) == score
    assert money(12_000_000, "SEK", lang) == amount
    assert pct(0.64, lang) == share
    assert day(date(2026, 12, 1), lang) == when


def test_home_currency_is_kroner() -> None:
    assert money(3_500_000, "DKK", "da") == "3.500.000\u00a0kr."
    assert money(3_500_000, "NOK", "nb") == "3\u00a0500\u00a0000\u00a0kr"
    assert money(None, "SEK", "sv") == t("common.unknown", "sv")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "sv_SE.UTF-8"}, "sv"),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": "da_DK.UTF-8"}, "da"),
        ({"LANG": "nb_NO.UTF-8"}, "nb"),
        ({"LANG": "nn_NO.UTF-8"}, "nb"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_default_language_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert language() == expected
    assert language("sv") == "sv" and language(None, "nb") == "nb"


def test_the_phrase_files_ship_with_the_package() -> None:
    assert (SRC / "_i18n" / "messages.yaml").is_file() and (SRC / "_i18n" / "names.yaml").is_file()
    assert Path(SRC / "_i18n" / "__init__.py").is_file()


def test_flags_and_knockouts_are_translated_from_their_figures_not_their_english(tiny: Path) -> None:
    """A reworded English sentence must not change another language's text: the figures come
    from the flag's and knock-out's own args."""
    from platform_advisor._i18n.results import flag, knockout
    from platform_advisor._models import Requirements
    from platform_advisor._scoring import score
    from platform_advisor._scoring.result import Excluded, Flag, Knockout

    from .helpers import requirements

    catalog = load_catalog(tiny)
    ranked = score(Requirements.model_validate(requirements()), catalog).ranking[0]
    assert ranked.tco.monthly is not None
    budget = ranked.tco.monthly / 1.25
    reworded = Flag("budget", "monthly", "reworded", {"case": "may_exceed", "budget": budget})
    text = flag(reworded, ranked, None, catalog, "sv")
    assert "med ungefär 25 %" in text and f"mot {money(budget, 'SEK', 'sv')}" in text, text
    unchecked = flag(Flag("budget", "monthly", "reworded", {"case": "unchecked"}), ranked, None, catalog, "sv")
    assert unchecked == t("flag.budget_unchecked", "sv", what=t("part.what_monthly", "sv"))

    assert ranked.tco.three_year is not None
    reference = ranked.tco.three_year / 5
    veto = catalog.policy.cost.affordability_veto
    k = Knockout("affordability", "three_year", "reworded", ratio=5 / veto, args={"reference": reference})
    out = Excluded(ranked.platform, ranked.name, (k,), ranked.tco)
    assert f"({money(reference, 'SEK', 'sv')})" in knockout(k, out, None, catalog, "sv")
