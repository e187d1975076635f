"""Fail any test that starts a process without the `e2e` mark.

`python -m pytest -m "not e2e"` is the fast inner loop; it stays fast only while every test that
runs `advisor`, a browser or a pseudo-terminal says so. Python's audit events see every way a
process gets started (subprocess, os.system, the exec, spawn and fork families, pexpect's
forkpty), so a new unmarked test fails at once instead of slowing the loop unnoticed.
"""

from __future__ import annotations

import sys
from collections.abc import Generator
from typing import Any

import pytest

SPAWN_EVENTS = frozenset(
    {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty"}
)


class ProcessGuard:
    def __init__(self) -> None:
        self.watching = False
        self.started: list[str] = []
        # audit hooks cannot be removed; `watching` switches this one off between tests
        sys.addaudithook(self._audit)

    def _audit(self, event: str, args: tuple[Any, ...]) -> None:
        if self.watching and event in SPAWN_EVENTS:
            what = f" {args[1]!r}" if event in ("subprocess.Popen", "os.exec") and len(args) > 1 else ""
            self.started.append(f"{event}{what}"[:200])

    def _watch(self, item: pytest.Item) -> Generator[None, object, object]:
        self.watching = item.get_closest_marker("e2e") is None
        self.started = []
        try:
            result = yield
        finally:
            self.watching = False
        if self.started:
            pytest.fail(
                f"{item.nodeid} starts a process ({self.started[0]}) but is not marked @pytest.mark.e2e; "
                'mark it so that `pytest -m "not e2e"` stays an in-process loop',
                pytrace=False,
            )
        return result

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> Generator[None, object, object]:
        return (yield from self._watch(item))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, object, object]:
        return (yield from self._watch(item))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> Generator[None, object, object]:
        return (yield from self._watch(item))
