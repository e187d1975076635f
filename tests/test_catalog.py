"""Catalogue validation: precise, located messages for every kind of editing mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from platform_advisor._catalog import load_catalog
from platform_advisor._errors import InputError

from .helpers import catalog_tree, platform


def test_tiny_catalogue_loads(tiny: Path) -> None:
    catalog = load_catalog(tiny)
    assert sorted(catalog.platforms) == ["alpha", "beta", "gamma"]
    assert catalog.digest.startswith("sha256:")


def _errors(root: Path) -> str:
    with pytest.raises(InputError) as exc:
        load_catalog(root)
    return str(exc.value)


def test_rating_out_of_range_is_located(tmp_path: Path) -> None:
    root = catalog_tree(tmp_path, [platform("alpha", erp=7)])
    text = (root / "platforms/alpha.yaml").read_text().splitlines()
    line = next(i for i, t in enumerate(text, 1) if t.startswith("  erp_integration:")) + 1
    assert (
        f"platforms/alpha.yaml:{line}:5: ratings.erp_integration.value: input should be less than or equal to 5"
        in _errors(root)
    )


def test_unknown_criterion_suggests_the_close_one(tmp_path: Path) -> None:
    p = platform("alpha")
    p["ratings"]["erp_integraton"] = p["ratings"].pop("erp_integration")
    msg = _errors(catalog_tree(tmp_path, [p]))
    assert "unknown criterion 'erp_integraton' (did you mean erp_integration?)" in msg
    assert "no rating for 'erp_integration'" in msg


def test_undefined_source_key(tmp_path: Path) -> None:
    p = platform("alpha")
    p["ratings"]["ease"]["source"] = "doc"
    assert "source 'doc' is not defined under `sources` (did you mean docs?)" in _errors(catalog_tree(tmp_path, [p]))


def test_known_fact_without_source(tmp_path: Path) -> None:
    p = platform("alpha")
    p["ratings"]["ease"]["source"] = None
    assert "a known fact needs a `source`" in _errors(catalog_tree(tmp_path, [p]))


def test_id_must_match_file_name(tmp_path: Path) -> None:
    p = platform("alpha")
    root = catalog_tree(tmp_path, [p])
    (root / "platforms/alpha.yaml").rename(root / "platforms/alfa.yaml")
    assert "id 'alpha' must match the file name 'alfa'" in _errors(root)


def test_unknown_connector(tmp_path: Path) -> None:
    p = platform("alpha", erp_connectors={"fortnx": "app"})
    assert "unknown erp connector 'fortnx' (did you mean fortnox?)" in _errors(catalog_tree(tmp_path, [p]))


def test_typo_key(tmp_path: Path) -> None:
    p = platform("alpha")
    p["vendr"] = "x"
    assert "unknown key 'vendr' (did you mean vendor?)" in _errors(catalog_tree(tmp_path, [p]))


def test_missing_required_key(tmp_path: Path) -> None:
    p = platform("alpha")
    del p["pricing"]
    assert "alpha.yaml:1:1: missing required key 'pricing'" in _errors(catalog_tree(tmp_path, [p]))


def test_all_files_reported_together(tmp_path: Path) -> None:
    a, b = platform("alpha", ease=9), platform("beta", api=-1)
    msg = _errors(catalog_tree(tmp_path, [a, b]))
    assert "alpha.yaml" in msg and "beta.yaml" in msg


def test_not_a_catalogue(tmp_path: Path) -> None:
    assert "not a catalogue: no criteria/ directory" in _errors(tmp_path)
    assert "does not exist" in _errors(tmp_path / "nope")
