"""The catalogue cache: used when nothing changed, never when something did, never trusted blindly."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from platform_advisor import _cache
from platform_advisor._catalog import _CACHE, load_catalog

from .helpers import catalog_tree, platform


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("catalog-*.pickle"))


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(folder))
    return folder


def _fresh(root: Path):  # type: ignore[no-untyped-def]
    _CACHE.clear()  # forget the in-process copy, as a new process would
    return load_catalog(root)


def test_second_process_reads_the_cache(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = catalog_tree(tmp_path / "cat")
    first = _fresh(root)
    (entry,) = _entries(cache_dir)
    assert entry.stat().st_mode & 0o077 == 0

    def no_parsing(*_: object) -> None:
        raise AssertionError("parsed although the cache was valid")

    monkeypatch.setattr("platform_advisor._catalog._load", no_parsing)
    again = _fresh(root)
    assert again.digest == first.digest and sorted(again.platforms) == sorted(first.platforms)


def test_an_edit_is_never_served_from_the_cache(tmp_path: Path, cache_dir: Path) -> None:
    root = catalog_tree(tmp_path / "cat")
    before = _fresh(root)
    catalog_tree(root, [platform("alpha", erp=1), platform("beta")])
    after = _fresh(root)
    assert after.digest != before.digest
    assert after.platforms["alpha"].ratings["erp_integration"].value == 1
    assert len(_entries(cache_dir)) == 2


def test_a_corrupt_entry_is_rebuilt(tmp_path: Path, cache_dir: Path) -> None:
    root = catalog_tree(tmp_path / "cat")
    _fresh(root)
    (entry,) = _entries(cache_dir)
    entry.write_bytes(b"not a pickle")
    entry.chmod(0o600)
    assert sorted(_fresh(root).platforms) == ["alpha", "beta", "gamma"]


def test_an_entry_others_can_write_is_never_unpickled(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = catalog_tree(tmp_path / "cat")
    _fresh(root)
    (entry,) = _entries(cache_dir)
    entry.chmod(0o666)
    monkeypatch.setattr(pickle, "load", lambda *_: (_ for _ in ()).throw(AssertionError("unpickled a foreign file")))
    assert sorted(_fresh(root).platforms) == ["alpha", "beta", "gamma"]


def test_the_cache_can_be_turned_off_and_a_read_only_cache_does_not_break(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = catalog_tree(tmp_path / "cat")
    monkeypatch.setenv("ADVISOR_NO_CACHE", "1")
    _fresh(root)
    assert not cache_dir.exists()
    monkeypatch.delenv("ADVISOR_NO_CACHE")
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(blocker / "cache"))
    assert sorted(_fresh(root).platforms) == ["alpha", "beta", "gamma"]
    assert _cache.get("anything") is None


def test_an_entry_pruned_by_another_process_meanwhile_does_not_fail_the_write(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two runs at once (pytest-xdist workers, parallel pre-commit hooks) share a cache: one
    can prune an entry between the other's listing of the entries and its look at their age."""
    for i in range(_cache.KEEP + 2):
        _cache.put(f"old{i}", {"n": i})
    listed = Path.glob

    def listing_with_a_vanished_entry(self: Path, pattern: str) -> list[Path]:
        found = list(listed(self, pattern))
        return [*found, self / "catalog-pruned-meanwhile.pickle"] if pattern == "catalog-*.pickle" else found

    monkeypatch.setattr(Path, "glob", listing_with_a_vanished_entry)
    _cache.notes.clear()
    _cache.put("new", {"n": "new"})
    assert _cache.notes == [], "the write was reported as failed"
    assert _cache.get("new") == {"n": "new"}
    assert len(list(listed(cache_dir, "catalog-*.pickle"))) == _cache.KEEP  # and the pruning still done
