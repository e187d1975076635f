"""The real `advisor interview` in a pseudo-terminal, as a person would use it, in each language."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
import yaml

from .conftest import REPO

pytestmark = pytest.mark.e2e

ENV = {**os.environ, "TERM": "xterm", "LANG": "C.UTF-8", "NO_COLOR": "1", "COLUMNS": "110"}
ENV.pop("ADVISOR_CATALOG", None)
ENV.pop("LC_ALL", None)
ENV.pop("LC_MESSAGES", None)
LANGS = ("en", "sv", "da", "nb")
QUESTIONS = {q["id"]: q for q in yaml.safe_load((REPO / "criteria" / "interview.yaml").read_text())["questions"]}


@pytest.fixture(autouse=True)
def _private_home(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """ENV is made when the module is imported, before the conftest points the catalogue cache
    at the test run's own directory: the children would write ~/.cache. They get that cache
    and a home of their own instead, so nothing they start writes into the user's home."""
    monkeypatch.setitem(ENV, "ADVISOR_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "advisor-cache"))
    home = tmp_path_factory.getbasetemp() / "home"
    home.mkdir(exist_ok=True)
    monkeypatch.setitem(ENV, "HOME", str(home))
    monkeypatch.delitem(ENV, "XDG_CACHE_HOME", raising=False)


def spawn(*args: str, env: dict[str, str] | None = None) -> pexpect.spawn[str]:
    return pexpect.spawn(
        sys.executable,
        ["-m", "platform_advisor", "interview", *args],
        env=env or ENV,
        encoding="utf-8",
        dimensions=(40, 110),
        timeout=20,
    )


def before(child: pexpect.spawn[str]) -> str:
    """What the child wrote before the last match (always text: the children are spawned with an encoding)."""
    assert child.before is not None
    return child.before


# questionary draws "?" then style codes (even with NO_COLOR), then a space
PROMPT = r"\?(?:\x1b\[[0-9;]*m)* "
UP, DOWN = "\x1b[A", "\x1b[B"


def asked(child: pexpect.spawn[str], qid: str, lang: str) -> None:
    """Wait until question `qid` is on screen (its first words, before any line wrap)."""
    child.expect(re.escape(QUESTIONS[qid]["text"][lang][:28]))


def press_enter_until_done(child: pexpect.spawn[str]) -> None:
    for _ in range(200):
        if child.expect([PROMPT, pexpect.EOF]) == 1:
            return
        child.send("\r")
    raise AssertionError("the interview did not end")


def score_json(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "platform_advisor", "score", str(path), "-f", "json"],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )


NAME = {"en": "My company", "sv": "Mitt företag", "da": "Min virksomhed", "nb": "Min bedrift"}
SAVED = {"en": "Saved", "sv": "Sparade", "da": "Gemte", "nb": "Lagret"}
CURRENCY = {"en": "SEK", "sv": "SEK", "da": "DKK", "nb": "NOK"}


@pytest.mark.parametrize("lang", LANGS)
def test_enter_at_every_question_gives_a_file_that_scores(tmp_path: Path, lang: str) -> None:
    import io

    out = tmp_path / "req.yaml"
    child = spawn("--lang", lang, "--out", str(out))
    child.logfile_read = screen = io.StringIO()
    asked(child, "name", lang)
    child.send("\r")
    press_enter_until_done(child)
    child.close()
    assert child.exitstatus == 0, child.before
    assert SAVED[lang] in before(child)
    if lang != "en":  # every question, control and the results screen in the language
        from .test_report import ENGLISH_WORDS, _english_phrases

        text = " ".join(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", " ", screen.getvalue()).split())
        assert not [p for p in _english_phrases(lang) if p in text]
        assert not sorted({m.group(0) for m in ENGLISH_WORDS.finditer(text)})
        for english in ("Use arrow keys", "(y/N)", "(Y/n)", " done", "Yes", "No "):
            assert english not in text, english
    data = yaml.safe_load(out.read_text())
    assert data["interview"]["complete"] is True and data["interview"]["lang"] == lang
    assert data["name"] == NAME[lang]  # the default, never the default with keystrokes appended
    assert data["business"]["currency"] == CURRENCY[lang]
    assert data["business"]["online_revenue"] >= 1000
    assert data.get("must_have", []) == []
    scored = score_json(out)
    assert scored.returncode == 0, scored.stderr
    assert list(Path(ENV["ADVISOR_CACHE_DIR"]).glob("catalog-*.pickle")), "the children use the run's cache"


def test_language_comes_from_lang(tmp_path: Path) -> None:
    child = spawn("--out", str(tmp_path / "x.yaml"), env={**ENV, "LANG": "nb_NO.UTF-8"})
    asked(child, "name", "nb")
    child.sendintr()
    child.expect(pexpect.EOF)
    assert "avbrutt; ingenting ble lagret" in before(child)


# typed revenue: a non-amount (refused, hint), a slip (refused as implausible), then the real
# figure in the language's own way, echoed back as understood
NB = "\u00a0"  # Nordic thousands are separated by a no-break space
MONEY = {
    "en": ("lots", "is not an amount", "3.5", "looks like a slip", "3.5M", "= 3 500 000 SEK"),
    "sv": ("3 bananer", "är inget belopp", "3,5", "ser ut som ett skrivfel", "3,5 milj", f"= 3{NB}500{NB}000{NB}kr"),
    "da": ("mange", "er ikke et beløb", "3,5", "ligner en slåfejl", "3,5 mio. kr", f"= 3.500.000{NB}kr."),
    "nb": ("mye", "er ikke et beløp", "3,5", "ser ut som en skrivefeil", "3,5 mill", f"= 3{NB}500{NB}000{NB}kr"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_bad_money_is_refused_and_asked_again(tmp_path: Path, lang: str) -> None:
    bad, why, slip, implausible, good, echo = MONEY[lang]
    out = tmp_path / "req.yaml"
    child = spawn("--lang", lang, "--out", str(out))
    for qid in ("name", "ambition", "smart_goal", "model", "model_future", "industry", "currency"):
        asked(child, qid, lang)
        child.send("\r")
    asked(child, "revenue", lang)
    child.send(bad + "\r")
    child.expect(re.escape(why))
    child.send("\x15" + slip + "\r")  # ctrl-u clears what was typed
    child.expect(re.escape(implausible))
    child.send("\x15" + good + "\r")
    child.expect(re.escape(echo))
    asked(child, "markets", lang)
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert yaml.safe_load(out.read_text())["business"]["online_revenue"] == 3_500_000


def test_nice_to_have_stays_out_of_must_have(tmp_path: Path) -> None:
    out = tmp_path / "req.yaml"
    child = spawn("--lang", "sv", "--out", str(out))
    for qid in ("name", "ambition", "smart_goal"):
        asked(child, qid, "sv")
        child.send("\r")
    asked(child, "model", "sv")
    child.send(DOWN + "\r")  # Företag (B2B)
    for qid in ("model_future", "industry", "currency", "revenue", "markets", "skus"):
        asked(child, qid, "sv")
        child.send("\r")
    asked(child, "punchout", "sv")
    child.expect("Måste ha")  # the three choices and what "must have" means are shown
    child.expect("utesluter alla plattformar")
    child.send(UP + "\r")  # from "Behövs inte" up to "Bra att ha"
    asked(child, "customer_prices", "sv")
    child.send(UP + UP + "\r")  # "Måste ha"
    asked(child, "reorder", "sv")
    child.send("\r")
    asked(child, "subscriptions", "sv")
    child.sendintr()
    child.expect(pexpect.EOF)
    data = yaml.safe_load(out.read_text())
    assert data["interview"]["answers"]["punchout"] == "nice"
    assert data["must_have"] == ["customer_specific_prices"]


def test_ctrl_c_before_any_answer_saves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "req.yaml"
    child = spawn("--out", str(out))
    asked(child, "name", "en")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "interrupted; nothing was saved" in before(child) and "--resume" not in before(child)
    assert not out.exists()


def test_ctrl_c_then_resume(tmp_path: Path) -> None:
    out = tmp_path / "req.yaml"
    child = spawn("--out", str(out))
    asked(child, "name", "en")
    child.send("Avbrott AB\r")
    asked(child, "ambition", "en")
    child.send("\r")
    asked(child, "smart_goal", "en")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert f"interrupted; 2 answers saved; continue with: advisor interview --resume {out}" in before(child)
    saved = yaml.safe_load(out.read_text())
    assert saved["name"] == "Avbrott AB" and set(saved["interview"]["answers"]) == {"name", "ambition"}

    child = spawn("--resume", str(out))
    asked(child, "smart_goal", "en")
    child.send("\r")
    press_enter_until_done(child)
    child.close()
    assert child.exitstatus == 0
    assert yaml.safe_load(out.read_text())["interview"]["complete"] is True


def test_resume_of_a_hand_edited_file_keeps_the_edit_and_the_comments(tmp_path: Path) -> None:
    out = tmp_path / "req.yaml"
    out.write_text(
        "# Fjällboden: written by hand at the kick-off\n"
        "version: 1\n"
        "name: Fjällboden AB  # the legal name\n"
        "goals:\n"
        "  guiding_sentence: Friluftsliv för alla\n"
        "business:\n"
        "  model: b2c\n"
        "  currency: SEK\n"
        "  online_revenue: 8000000  # corrected after the board meeting\n"
        "  markets: [SE, NO]\n"
        "systems:\n"
        "  master_data: {customers: erp}\n",
        encoding="utf-8",
    )
    child = spawn("--lang", "sv", "--resume", str(out))
    asked(child, "ambition", "sv")  # name is in the file: not asked again
    child.send("\r")
    press_enter_until_done(child)
    child.close()
    assert child.exitstatus == 0, child.before
    text = out.read_text()
    for kept in (
        "# Fjällboden: written by hand at the kick-off",
        "name: Fjällboden AB  # the legal name",
        "online_revenue: 8000000  # corrected after the board meeting",
        "guiding_sentence: Friluftsliv för alla",
        "customers: erp",
    ):
        assert kept in text
    data = yaml.safe_load(text)
    assert data["business"]["markets"] == ["SE", "NO"] and data["interview"]["complete"] is True
    assert score_json(out).returncode == 0


def test_a_second_interview_on_the_same_file_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "req.yaml"
    first = spawn("--out", str(out))
    asked(first, "name", "en")
    first.send("Först AB\r")
    asked(first, "ambition", "en")
    second = spawn("--resume", str(out))
    second.expect(pexpect.EOF)
    second.close()
    assert second.exitstatus == 2
    assert "another interview has this file open" in before(second)
    # the lock dies with its process: after a hard kill, resuming works at once
    first.kill(signal.SIGKILL)
    first.close()
    third = spawn("--resume", str(out))
    asked(third, "ambition", "en")
    third.sendintr()
    third.expect(pexpect.EOF)
    assert yaml.safe_load(out.read_text())["name"] == "Först AB"


def test_no_terminal_exits_2_instead_of_waiting(tmp_path: Path) -> None:
    """Without a terminal the interview says which flags to use and stops, rather than waiting
    for input (the timeout catches a hang; how quickly it stops is a row of bench/run.py)."""
    run = subprocess.run(
        [sys.executable, "-m", "platform_advisor", "interview", "--out", str(tmp_path / "x.yaml")],
        input="\n",
        capture_output=True,
        text=True,
        env=ENV,
        timeout=60,
        check=False,
    )
    assert run.returncode == 2
    assert "--answers FILE and/or --defaults" in run.stderr
    assert "Warning" not in run.stderr  # no prompt_toolkit complaint about the input
