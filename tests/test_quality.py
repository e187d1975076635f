"""Start-up stays light. (ruff and mypy run in .ci/run, once, not here as well.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

pytestmark = pytest.mark.e2e  # every test here runs the command in a subprocess


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
