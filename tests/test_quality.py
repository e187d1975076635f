"""The code stays clean: ruff (lint and format) and mypy in strict mode, as CI runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

pytestmark = pytest.mark.e2e  # every test here runs a tool or the command in a subprocess


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "src", "tests", "bench"],
        ["ruff", "format", "--check", "src", "tests", "bench"],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_tool_passes(command: list[str]) -> None:
    run = subprocess.run([sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


HEAVY = """
import contextlib, io, sys
from platform_advisor.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(sys.argv[1:])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {"questionary", "prompt_toolkit", "numpy"})
print(",".join(heavy))
"""


@pytest.mark.parametrize(
    "args", [["--help"], ["score", "examples/nordic_outdoor.yaml", "-f", "json"]], ids=["help", "score"]
)
def test_commands_stay_light(tmp_path: Path, args: list[str]) -> None:
    """Start-up is a feature: only the interview may import questionary, only robustness numpy."""
    script = tmp_path / "probe.py"
    script.write_text(HEAVY)
    run = subprocess.run([sys.executable, str(script), *args], cwd=REPO, capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "", run.stdout
