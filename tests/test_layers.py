"""Layering: checking the catalogue needs the catalogue layer only, not the interview or the
report that are built on it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# Runs the `catalog validate` command in a fresh interpreter and lists the package's modules
# that were imported by the end.
PROBE = """
import json, sys
from platform_advisor.cli import main
code = main(["catalog", "validate", "--catalog", sys.argv[1]])
print(json.dumps({"code": code, "modules": sorted(m for m in sys.modules if m.startswith("platform_advisor"))}))
"""


@pytest.mark.e2e
@pytest.mark.parametrize("cache", ["cold", "warm"])
def test_catalog_validate_imports_neither_the_interview_nor_the_report(tmp_path: Path, cache: str) -> None:
    env = {**os.environ, "ADVISOR_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.pop("ADVISOR_NO_CACHE", None)
    runs = 2 if cache == "warm" else 1  # the second run reads the catalogue from the disk cache
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", PROBE, str(REPO)], env=env, capture_output=True, text=True, check=False
        )
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["code"] == 0
    modules = seen["modules"]
    assert "platform_advisor._catalog" in modules
    # the advice files' checks run when the catalogue is built; a cached one is read without them
    assert ("platform_advisor._advice_files" in modules) == (cache == "cold")
    assert [m for m in modules if m.startswith(("platform_advisor._interview", "platform_advisor._report"))] == []


REFUSE = """
import json, sys
from platform_advisor.cli import main
code = main(["score", sys.argv[1], "-f", "json"])
print(json.dumps({"code": code, "modules": sorted(m for m in sys.modules if m.startswith("platform_advisor"))}))
"""


@pytest.mark.e2e
def test_refusing_a_file_that_does_not_parse_loads_neither_the_catalogue_nor_the_models(tmp_path: Path) -> None:
    """A hostile file is refused at its parse: the catalogue and the models it needs cost more
    than the refusal itself (bench/run.py times the billion-laughs row)."""
    bad = tmp_path / "bomb.yaml"
    lines = [f"a0: &a0 [{', '.join(['lol'] * 10)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    bad.write_text("\n".join(lines) + "\nversion: 1\n", encoding="utf-8")
    env = {**os.environ, "ADVISOR_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    out = subprocess.run([sys.executable, "-c", REFUSE, str(bad)], env=env, capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["code"] == 2
    assert "values (aliases?); refused" in out.stderr
    assert [m for m in seen["modules"] if m.startswith(("platform_advisor._catalog", "platform_advisor._models"))] == []
