"""`score` and `explain` for people in every language: snapshots of the results screen, and no
English of ours left in the Nordic output of a real catalogue."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import REPO, Run
from .helpers import assert_snapshot, dump, requirements
from .test_report import ENGLISH_WORDS, _english_phrases

SNAPSHOTS = Path(__file__).parent / "snapshots"
LANGS = ["en", "sv", "da", "nb"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_score_snapshot_in_each_language(
    run: Callable[..., Run], tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, fmt: str
) -> None:
    # a relative path: the title is centred over the table, so an absolute temporary path
    # would move it with the length of the temporary directory's name (pytest-9 vs pytest-10)
    monkeypatch.chdir(tmp_path)
    Path("req.yaml").write_text(
        dump(requirements(budget={"monthly": 2000, "one_off": 20000, "hard": True})), encoding="utf-8"
    )
    r = run("score", "req.yaml", "-f", fmt, "--lang", lang, "--catalog", tiny)
    assert r.code == 0, r.err
    text = r.out
    snapshot = SNAPSHOTS / f"score_tiny.{lang}.{'md' if fmt == 'markdown' else 'txt'}"
    assert_snapshot(snapshot, text)


def test_json_stays_language_neutral(run: Callable[..., Run]) -> None:
    example = REPO / "examples" / "nordic_outdoor.yaml"
    assert run("score", example, "-f", "json", "--lang", "sv").out == run("score", example, "-f", "json").out
    assert run("explain", example, "-f", "json", "--lang", "nb").out == run("explain", example, "-f", "json").out


@pytest.mark.parametrize("lang", ["sv", "da", "nb"])
@pytest.mark.parametrize(
    ("command", "example"),
    [
        ("score", "wholesaler_punchout"),
        ("score", "nordic_outdoor"),
        ("explain", "nordic_outdoor"),
        ("explain", "danish_webshop"),
    ],
)
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_nordic_output_has_no_english(run: Callable[..., Run], lang: str, command: str, example: str, fmt: str) -> None:
    path = REPO / "examples" / f"{example}.yaml"
    r = run(command, path, "-f", fmt, "--lang", lang)
    assert r.code == 0, r.err
    text = " ".join(r.out.replace(str(path), "FILE").split())
    found = [p for p in _english_phrases(lang) if p in text]
    assert not found, f"English in `{command} --lang {lang}`: {found[:10]}"
    words = sorted({m.group(0) for m in ENGLISH_WORDS.finditer(text)})
    assert not words, f"English words in `{command} --lang {lang}`: {words}"


def test_the_interview_results_screen_speaks_danish(run: Callable[..., Run], tmp_path: Path) -> None:
    out = tmp_path / "req.yaml"
    r = run(
        "interview", "--answers", REPO / "examples" / "danish_webshop.yaml", "--defaults", "--out", out, "--lang", "da"
    )
    assert r.code == 0, r.err
    assert "Hvorfor denne vægtning" in r.out and "Gemte" in r.err
    text = " ".join(r.out.split())
    assert not [p for p in _english_phrases("da") if p in text]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("sv", "eftersom affärssystem = Visma e-conomic"),
        ("da", "fordi ERP-system = Visma e-conomic"),
        ("nb", "fordi IT-modenhet = lav"),
    ],
)
def test_why_these_weights_names_the_answers_in_the_language(
    run: Callable[..., Run], tmp_path: Path, lang: str, said: str
) -> None:
    """Not `systems.erp = e_conomic`: the field a rule reads is said by its label and its value
    as the interview offered it."""
    out = tmp_path / "req.yaml"
    r = run(
        "interview", "--answers", REPO / "examples" / "danish_webshop.yaml", "--defaults", "--out", out, "--lang", lang
    )
    assert r.code == 0, r.err
    text = " ".join(r.out.split())
    assert said in text
    paths = re.findall(r"\b(?:business|systems|organisation|goals)\.[a-z_]+\b", text)
    assert not paths, f"field paths on the {lang} screen: {sorted(set(paths))}"
