"""Every command has help text and is documented in the README."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .conftest import REPO, Run

COMMANDS = [
    ["interview"],
    ["score"],
    ["explain"],
    ["robustness"],
    ["report"],
    ["catalog", "validate"],
    ["catalog", "audit"],
    ["catalog", "schema"],
    ["platforms", "list"],
    ["platforms", "show"],
    ["criteria", "list"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_command_has_help_and_is_in_the_readme(run: Callable[..., Run], command: list[str]) -> None:
    r = run(*command, "--help")
    assert r.code == 0 and "Usage: advisor " + " ".join(command) in r.out
    description = r.out.split("\n\n")[1].strip()
    assert len(description) > 20, f"`advisor {' '.join(command)}` needs a description"
    assert f"advisor {' '.join(command)}" in (REPO / "README.md").read_text(encoding="utf-8")


def test_every_command_is_listed_here(run: Callable[..., Run]) -> None:
    top = run("--help").out
    listed = {c[0] for c in COMMANDS}
    shown = {line.split()[0] for line in top.split("Commands:")[1].splitlines() if line.strip()}
    assert shown == listed
