"""The README's commands and examples are the ones that work: the quick start, the CI test
command, the pre-commit configuration and the meaning of every `expect` key."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from platform_advisor._models.requirements import Expect

from .conftest import REPO, Run
from .helpers import requirements

README = (REPO / "README.md").read_text(encoding="utf-8")


def _blocks(section: str, lang: str) -> list[str]:
    body = README.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{lang}\n(.*?)```", body, flags=re.S)


def test_quick_start_makes_a_virtual_environment_before_installing() -> None:
    """A bare `pip install .` is refused by an externally managed Python (Debian 12, Ubuntu 23.04+)."""
    first, tests = (b.strip() for b in _blocks("Quick start", "sh"))
    steps = [s.strip() for s in first.split("&&")]
    assert steps[0].startswith("python3 -m venv ")
    venv = steps[0].split()[-1]
    assert steps[1] == f". {venv}/bin/activate"
    assert steps[2] == "pip install ."
    assert steps[3] == "advisor score examples/nordic_outdoor.yaml"
    assert (REPO / "examples" / "nordic_outdoor.yaml").is_file()
    assert tests == "pip install '.[test]' && python -m pytest"


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    tests = _blocks("Quick start", "sh")[1].strip()
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    marker = script.index("# The README's test command, exactly:")
    commands = [line for line in script[marker + 1 :] if line.strip() and not line.startswith(("set ", "#"))]
    assert commands[0] == tests


def _pre_commit_config() -> dict[str, Any]:
    (text,) = [b for b in _blocks("Use in CI", "yaml") if "hooks:" in b]
    config = yaml.safe_load(text)
    assert isinstance(config, dict)
    return config


def test_pre_commit_example_refers_to_hooks_and_commands_that_exist(run: Callable[..., Run]) -> None:
    config = _pre_commit_config()
    repos: list[dict[str, Any]] = config["repos"]
    (repo,) = repos
    published = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    if repo["repo"] != "local":  # a remote form must pin something that can be fetched
        assert "rev" in repo and not re.fullmatch(r"v\d+(\.\d+)*", repo["rev"]), "there are no release tags"
    hooks = repo["hooks"]
    assert {h["id"] for h in hooks} == set(published)
    tracked = [p.relative_to(REPO).as_posix() for p in REPO.rglob("*.yaml") if ".git" not in p.parts]
    for hook in hooks:
        if repo["repo"] != "local":
            continue
        assert hook["language"] == "system"
        assert hook["entry"] == published[hook["id"]]["entry"]
        matched = [p for p in tracked if re.search(hook["files"], p)]
        assert matched, f"{hook['id']} matches no file"
        args = shlex.split(hook["entry"])
        assert args[0] == "advisor"
        if hook.get("pass_filenames", True):
            args += sorted(matched)[:1]
        r = run(*args[1:])
        assert r.code == 0, (hook["id"], r.err)


def test_every_expect_key_is_documented() -> None:
    documented = re.findall(r"^- `(\w+): \[a, b\]`: ", README, flags=re.M)
    assert documented == list(Expect.model_fields)


@pytest.mark.parametrize(
    ("expect", "passes"),
    [
        ({"top_3_includes": ["alpha", "gamma"]}, True),  # any one of them in the top 3 is enough
        ({"top_3_includes": ["alpha"]}, False),
        ({"top_1": ["beta", "gamma"]}, True),
        ({"top_1": ["alpha"]}, False),
        ({"not_top_5": ["alpha", "beta"]}, True),
        ({"not_top_5": ["alpha", "gamma"]}, False),
        ({"excluded": ["alpha", "beta"]}, True),
        ({"excluded": ["alpha", "gamma"]}, False),  # every one must be
    ],
)
def test_expect_means_what_the_readme_says(
    run: Callable[..., Run], tiny: Path, write_req: Callable[..., Path], expect: dict[str, list[str]], passes: bool
) -> None:
    """In the tiny catalogue only gamma has punchout: alpha and beta are excluded, gamma ranks
    alone. `--top 1` does not change what the checks see."""
    path = write_req(requirements(must_have=["b2b_punchout"], expect=expect))
    r = run("score", path, "--catalog", tiny, "-f", "json", "--top", "1")
    assert r.code == (0 if passes else 1), r.err
