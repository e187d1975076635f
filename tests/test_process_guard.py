"""The guard that keeps `-m "not e2e"` in-process fails an unmarked test that starts a process."""

from __future__ import annotations

import pytest

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
