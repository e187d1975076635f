"""The real `advisor interview` in a pseudo-terminal, as a person would use it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
import yaml

pytestmark = pytest.mark.e2e

ENV = {**os.environ, "TERM": "xterm", "LANG": "C.UTF-8", "NO_COLOR": "1", "COLUMNS": "110"}
ENV.pop("ADVISOR_CATALOG", None)


def spawn(*args: str) -> pexpect.spawn:
    return pexpect.spawn(
        sys.executable,
        ["-m", "platform_advisor", "interview", *args],
        env=ENV,
        encoding="utf-8",
        dimensions=(40, 110),
        timeout=20,
    )


# questionary draws "?" then style codes (even with NO_COLOR), then a space
PROMPT = r"\?(?:\x1b\[[0-9;]*m)* "


def press_enter_until_done(child: pexpect.spawn) -> None:
    for _ in range(120):
        if child.expect([PROMPT, pexpect.EOF]) == 1:
            return
        child.send("\r")
    raise AssertionError("the interview did not end")


def test_enter_at_every_question_gives_a_file_that_scores(tmp_path: Path) -> None:
    out = tmp_path / "req.yaml"
    child = spawn("--out", str(out))
    press_enter_until_done(child)
    child.close()
    assert child.exitstatus == 0, child.before
    data = yaml.safe_load(out.read_text())
    assert data["interview"]["complete"] is True
    scored = subprocess.run(
        [sys.executable, "-m", "platform_advisor", "score", str(out), "-f", "json"],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )
    assert scored.returncode == 0, scored.stderr


def test_ctrl_c_then_resume(tmp_path: Path) -> None:
    out = tmp_path / "req.yaml"
    child = spawn("--out", str(out))
    child.expect("What is the company called")
    child.send("\x15Avbrott AB\r")
    child.expect("What is the ambition")
    child.send("\r")
    child.expect("SMART goal")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 or (child.signalstatus is None and child.exitstatus == 130)
    assert f"interrupted; 2 answers saved; continue with: advisor interview --resume {out}" in child.before
    saved = yaml.safe_load(out.read_text())
    assert saved["name"] == "Avbrott AB" and set(saved["interview"]["answers"]) == {"name", "ambition"}

    child = spawn("--resume", str(out))
    child.expect("SMART goal")
    child.send("\r")
    press_enter_until_done(child)
    child.close()
    assert child.exitstatus == 0
    assert yaml.safe_load(out.read_text())["interview"]["complete"] is True


def test_swedish(tmp_path: Path) -> None:
    child = spawn("--lang", "sv", "--out", str(tmp_path / "sv.yaml"))
    child.expect("Vad heter företaget")
    child.sendintr()
    child.expect(pexpect.EOF)


def test_no_terminal_exits_2_at_once(tmp_path: Path) -> None:
    import time

    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "platform_advisor", "interview", "--out", str(tmp_path / "x.yaml")],
        input="\n",
        capture_output=True,
        text=True,
        env=ENV,
        timeout=5,
        check=False,
    )
    assert time.perf_counter() - start < 1.0
    assert run.returncode == 2
    assert "--answers FILE and/or --defaults" in run.stderr
    assert "Warning" not in run.stderr  # no prompt_toolkit complaint about the input
