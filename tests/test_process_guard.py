"""The guard that keeps `-m "not e2e"` in-process fails an unmarked test that starts a process."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

HERE = Path(__file__).parent

pytest_plugins = ["pytester"]

INNER = """
import os, subprocess, sys
import pytest

def test_unmarked_subprocess():
    subprocess.run([sys.executable, "-c", "pass"], check=True)

def test_unmarked_system():
    os.system("true")

@pytest.mark.e2e
def test_marked_subprocess():
    subprocess.run([sys.executable, "-c", "pass"], check=True)

def test_in_process():
    assert sum([1, 2]) == 3
"""


@pytest.mark.e2e  # the inner tests start processes
def test_an_unmarked_process_fails_and_a_marked_one_passes(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
from tests._process_guard import ProcessGuard

def pytest_configure(config):
    config.addinivalue_line("markers", "e2e: starts a process")
    config.pluginmanager.register(ProcessGuard(), "process-guard")
"""
    )
    pytester.makepyfile(test_inner=INNER)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*test_unmarked_subprocess starts a process (subprocess.Popen *) but is not marked @pytest.mark.e2e*",
            "*test_unmarked_system starts a process (os.system) but is not marked @pytest.mark.e2e*",
        ]
    )


# --- every test that can start a process says so, even one that skips -------------------------

SPAWNING_MODULES = {"subprocess", "pexpect", "pty", "multiprocessing"}
SPAWNING_OS = ("system", "popen", "fork", "forkpty", "exec", "spawn", "posix_spawn")
TMUX = "tmux"  # a name here, so that the scan below does not find a command in itself


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def _spawns_directly(fn: ast.AST) -> bool:
    for node in ast.walk(fn):
        name = _dotted(node) if isinstance(node, ast.Attribute | ast.Name) else ""
        root, _, rest = name.partition(".")
        if root in SPAWNING_MODULES or (root == "os" and rest.startswith(SPAWNING_OS)):
            return True
        if name.endswith("runpytest_subprocess") or (isinstance(node, ast.Constant) and node.value == TMUX):
            return True
    return False


def _marked_e2e(decorators: list[ast.expr]) -> bool:
    return any(_dotted(d.func if isinstance(d, ast.Call) else d).endswith("mark.e2e") for d in decorators)


def _unmarked_spawning_tests() -> list[str]:
    """Tests that start a process, directly or through a helper of their own module or of
    another test module, without the e2e mark on the test or on its module."""
    modules = {path.stem: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(HERE.glob("*.py"))}
    functions: dict[tuple[str, str], ast.FunctionDef] = {}
    names: dict[str, dict[str, tuple[str, str]]] = {}  # module -> name used there -> the function
    for mod, tree in modules.items():
        names[mod] = {}
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                functions[(mod, node.name)] = node
                names[mod][node.name] = (mod, node.name)
    for mod, tree in modules.items():
        for imported in ast.walk(tree):
            if isinstance(imported, ast.ImportFrom) and imported.level == 1 and imported.module in modules:
                for alias in imported.names:
                    names[mod][alias.asname or alias.name] = (imported.module, alias.name)
    spawning = {key for key, fn in functions.items() if _spawns_directly(fn)}
    used = {key: {n.id for n in ast.walk(fn) if isinstance(n, ast.Name)} for key, fn in functions.items()}
    grew = True
    while grew:  # through helpers calling helpers
        grew = False
        for key in functions:
            if key not in spawning and any(names[key[0]].get(u) in spawning for u in used[key]):
                spawning.add(key)
                grew = True
    unmarked = []
    for mod, tree in modules.items():
        module_marked = any(
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets)
            and "mark.e2e" in ast.unparse(node.value)
            for node in tree.body
        )
        unmarked += [
            f"{mod}.py::{name}"
            for (fmod, name), fn in functions.items()
            if fmod == mod and name.startswith("test_") and (fmod, name) in spawning
            if not module_marked and not _marked_e2e(fn.decorator_list)
        ]
    return unmarked


def test_every_test_that_can_start_a_process_is_marked_e2e() -> None:
    """The guard above sees the processes a test starts; this sees the ones it could start,
    also in a test that skips here (no Chromium) or takes another branch."""
    assert _unmarked_spawning_tests() == []


def test_the_scan_finds_what_starts_a_process() -> None:
    tree = ast.parse(INNER + "\ndef test_tmux():\n    run(['tmux', 'new-session'])\n")
    found = {fn.name for fn in tree.body if isinstance(fn, ast.FunctionDef) and _spawns_directly(fn)}
    assert found == {"test_unmarked_subprocess", "test_unmarked_system", "test_marked_subprocess", "test_tmux"}
    marked = [fn.name for fn in tree.body if isinstance(fn, ast.FunctionDef) and _marked_e2e(fn.decorator_list)]
    assert marked == ["test_marked_subprocess"]
