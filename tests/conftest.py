from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from platform_advisor import cli
from platform_advisor._catalog import _CACHE, Catalog, load_catalog
from platform_advisor.cli import main

from ._process_guard import ProcessGuard
from .helpers import catalog_tree, dump

REPO = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(ProcessGuard(), "process-guard")


# Catalogues that many tests read and none may change: the real one and the shared tiny one.
# Each is parsed (or unpickled) once per run instead of once per test; every test still reads
# and hashes their files, so a changed file is still seen. `_shared_catalogues_stay_intact`
# checks at the end that no test changed one of these objects.
_SHARED_ROOTS: set[Path] = {REPO}
_SHARED: dict[tuple[Path, str], Catalog] = {}


_build_app = cli.build_app
_BUILT: dict[str | None, Any] = {}


def _built_once(only: str | None = None) -> Any:
    """`build_app`, converted to its click command once per command: typer inspects every
    parameter's signature on each conversion (about 6 ms a command), which the ~500 in-process
    runs of `main()` would otherwise pay each time. The command is what `Typer.__call__` would
    build and call; the e2e tests run the installed `advisor` unchanged."""
    if only not in _BUILT:
        _BUILT[only] = typer.main.get_command(_build_app(only))
    return _BUILT[only]


def _run_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.getbasetemp() / "advisor-cache"


@pytest.fixture(autouse=True)
def _pinned_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Same output everywhere: no colour, fixed width, no catalogue from the environment,
    and a catalogue cache of the test run's own (never the user's ~/.cache)."""
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(_run_cache(tmp_path_factory)))
    monkeypatch.delenv("ADVISOR_NO_CACHE", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("LANG", "C.UTF-8")  # the default language comes from the locale: pin it
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("ADVISOR_CATALOG", raising=False)
    monkeypatch.delenv("ADVISOR_DEBUG", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.setattr(cli, "build_app", _built_once)
    _CACHE.clear()
    _CACHE.update(_SHARED)
    yield
    _SHARED.update({where: catalog for where, catalog in _CACHE.items() if where[0] in _SHARED_ROOTS})


@pytest.fixture(scope="session", autouse=True)
def _shared_catalogues_stay_intact(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    yield
    if not _SHARED:
        return
    with pytest.MonkeyPatch.context() as mp:
        # a new copy: unpickled from the run's disk cache, written when the catalogue was loaded
        # (before any test could change it), or parsed again if the cache has pruned it
        mp.setenv("ADVISOR_CACHE_DIR", str(_run_cache(tmp_path_factory)))
        for (root, _), shared in list(_SHARED.items()):
            _CACHE.clear()
            intact = load_catalog(root) == shared  # not in the assert: the catalogues' repr is pages long
            assert intact, f"a test changed the shared catalogue loaded from {root}"


def _tree_state(root: Path) -> list[tuple[str, int, int]]:
    """Every file's name, size and modification time: what an edit, an addition or a removal changes."""
    found = []
    for folder, _, names in os.walk(root):  # Path.walk is Python 3.12
        for name in names:
            path = Path(folder, name)
            st = path.stat()
            found.append((str(path.relative_to(root)), st.st_size, st.st_mtime_ns))
    return sorted(found)


@pytest.fixture(scope="session")
def _tiny_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = catalog_tree(tmp_path_factory.mktemp("tiny") / "catalog").resolve()
    _SHARED_ROOTS.add(root)
    return root


@pytest.fixture
def tiny(_tiny_tree: Path) -> Iterator[Path]:
    """The small catalogue of helpers.catalog_tree, shared by every test that only reads it.
    A test that edits a catalogue, or needs one no earlier test has loaded, takes `own_tiny`."""
    before = _tree_state(_tiny_tree)
    yield _tiny_tree
    assert _tree_state(_tiny_tree) == before, "this test changed the shared tiny catalogue: give it own_tiny"


@pytest.fixture
def own_tiny(tmp_path: Path) -> Path:
    """The same small catalogue, written for this test alone."""
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
