from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from platform_advisor._catalog import _CACHE
from platform_advisor.cli import main

from ._process_guard import ProcessGuard
from .helpers import catalog_tree, dump

REPO = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(ProcessGuard(), "process-guard")


@pytest.fixture(autouse=True)
def _pinned_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Same output everywhere: no colour, fixed width, no catalogue from the environment,
    and a catalogue cache of the test run's own (never the user's ~/.cache)."""
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "advisor-cache"))
    monkeypatch.delenv("ADVISOR_NO_CACHE", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("LANG", "C.UTF-8")  # the default language comes from the locale: pin it
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("ADVISOR_CATALOG", raising=False)
    monkeypatch.delenv("ADVISOR_DEBUG", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    _CACHE.clear()


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return catalog_tree(tmp_path / "catalog")


@pytest.fixture
def write_req(tmp_path: Path) -> Callable[..., Path]:
    def write(data: dict[str, Any] | str, name: str = "req.yaml") -> Path:
        path = tmp_path / name
        path.write_text(data if isinstance(data, str) else dump(data), encoding="utf-8")
        return path

    return write


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    def invoke(*args: str | Path) -> Run:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return invoke
