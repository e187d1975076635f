"""Catalogue validation: precise, located messages for every kind of editing mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from platform_advisor._catalog import load_catalog
from platform_advisor._errors import InputError

from .helpers import BASE, catalog_tree, platform


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


def _line(root: Path, pid: str, text: str) -> int:
    """The 1-based line of the first line in a platform file that starts with `text` (stripped)."""
    lines = (root / f"platforms/{pid}.yaml").read_text().splitlines()
    return next(i for i, t in enumerate(lines, 1) if t.strip().startswith(text))


def test_connector_entry_with_undefined_source(tmp_path: Path) -> None:
    p = platform("alpha")
    p["connectors"]["erp"] = {"fortnox": {"level": "app", "source": "fortnox_page"}}
    root = catalog_tree(tmp_path, [p])
    line = _line(root, "alpha", "source: fortnox_page")
    assert f"alpha.yaml:{line}:7: source 'fortnox_page' is not defined under `sources`" in _errors(root)


def test_bare_connector_level_needs_the_block_source(tmp_path: Path) -> None:
    p = platform("alpha", erp_connectors={"fortnox": "app"})
    del p["connectors"]["source"]
    root = catalog_tree(tmp_path, [p])
    line = _line(root, "alpha", "connectors:")
    assert f"alpha.yaml:{line}:1: a known fact needs a `source`" in _errors(root)


@pytest.mark.parametrize(
    ("block", "value"),
    [
        ("markets", {"countries": ["SE"], "source": "nope"}),
        ("markets", {"countries": ["SE"], "source": "docs", "admin_languages": ["sv"], "admin_source": "nope"}),
        ("segment", {"revenue": {"low": 0, "high": 1000}, "source": "nope"}),
        ("plans", [{"name": "Basic", "monthly_fee": 100, "source": "nope"}]),
    ],
)
def test_every_new_block_cites_a_defined_source(tmp_path: Path, block: str, value: object) -> None:
    p = platform("alpha")
    if block == "plans":
        p["pricing"]["plans"] = value
    else:
        p[block] = value
    root = catalog_tree(tmp_path, [p])
    key = "admin_source" if "admin_source" in str(value) else "source"
    line = _line(root, "alpha", f"{key}: nope")
    assert f"alpha.yaml:{line}:" in _errors(root)
    assert "source 'nope' is not defined under `sources` (valid: docs, guess)" in _errors(root)


def test_plan_unlocks_only_capabilities(tmp_path: Path) -> None:
    p = platform("alpha")
    p["pricing"]["plans"] = [{"name": "Plus", "monthly_fee": 100, "source": "docs", "unlocks": ["b2b_punchot"]}]
    root = catalog_tree(tmp_path, [p])
    line = _line(root, "alpha", "- b2b_punchot")
    assert f"alpha.yaml:{line}:7: unknown capability 'b2b_punchot' (did you mean b2b_punchout?)" in _errors(root)


@pytest.mark.parametrize(
    ("key", "title"),
    [("editor_guess", "Pricing"), ("pricing", "Editor's estimate of agency rates"), ("agency", "Estimated build cost")],
)
def test_a_source_that_reads_as_an_estimate_must_be_marked_one(tmp_path: Path, key: str, title: str) -> None:
    p = platform("alpha")
    p["sources"][key] = {
        "url": "https://example.com/x",
        "title": title,
        "evidence": "third_party",
        "as_of": "2026-11-22",
    }
    msg = _errors(catalog_tree(tmp_path, [p]))
    assert f"source {key!r} reads as an estimate" in msg
    assert "but its evidence is 'third_party'; write `evidence: estimate`" in msg


def test_a_word_that_only_starts_like_a_marker_is_no_estimate(tmp_path: Path) -> None:
    p = platform("alpha")
    p["sources"]["calc"] = {
        "url": "https://alpha.example.com/calculator",
        "title": "Alpha cost estimator",
        "evidence": "vendor_docs",
        "as_of": "2026-11-22",
    }
    assert "alpha" in load_catalog(catalog_tree(tmp_path, [p])).platforms


def test_a_marked_estimate_loads(tmp_path: Path) -> None:
    p = platform("alpha")
    p["sources"]["agency"] = {"title": "Estimated build cost", "evidence": "estimate", "as_of": "2026-11-22"}
    assert "alpha" in load_catalog(catalog_tree(tmp_path, [p])).platforms


@pytest.mark.parametrize(
    ("families", "expected"),
    [
        ({"visma": ["fortnox"]}, "family 'visma' is not a connector id"),
        ({"fortnox": ["fortnx"]}, "unknown connector 'fortnx' (did you mean fortnox?)"),
    ],
)
def test_connector_families_name_known_connectors(
    tmp_path: Path, families: dict[str, list[str]], expected: str
) -> None:
    connectors = {**BASE["criteria/connectors.yaml"], "families": families}
    root = catalog_tree(tmp_path, None, {"criteria/connectors.yaml": connectors})
    where = str(root / "criteria" / "connectors.yaml") + ":"
    assert any(line.startswith(where) and expected in line for line in _errors(root).splitlines())


INTERVIEW = """questions:
  - id: name
    field: name
    kind: text
    text: {en: Name?}
"""
READINESS = """roles:
  - {id: owner, area: organisation, name: {en: Owner}, what: {en: Owns it.}}
checklist:
  - {id: erp, text: {en: Map the ERP}, applies_when: [{field: derived.has_erp, op: eq, value: true}]}
partner_questions:
  - {en: Who builds it?}
"""


def _with_advice(root: Path, interview: str = INTERVIEW, readiness: str = READINESS) -> Path:
    (root / "criteria" / "interview.yaml").write_text(interview, encoding="utf-8")
    (root / "criteria" / "readiness.yaml").write_text(readiness, encoding="utf-8")
    return root


def test_the_advice_files_are_checked_with_the_rest_in_one_run(tmp_path: Path) -> None:
    """interview.yaml and readiness.yaml go through the same loader: their problems come in the
    same list as a platform file's."""
    root = catalog_tree(tmp_path, [platform("alpha", erp=7)])
    _with_advice(
        root, INTERVIEW.replace("field: name", "field: business.revenu"), READINESS.replace("has_erp", "has_erpp")
    )
    msg = _errors(root)
    assert "platforms/alpha.yaml" in msg
    assert "criteria/interview.yaml:3:5: unknown field 'business.revenu'" in msg
    assert "criteria/readiness.yaml" in msg and "unknown field 'derived.has_erpp'" in msg


def test_an_edited_question_is_seen_through_the_cache(tmp_path: Path) -> None:
    root = _with_advice(catalog_tree(tmp_path))
    first = load_catalog(root)
    assert first.interview is not None and first.readiness is not None
    _with_advice(root, INTERVIEW.replace("Name?", "Your name?"))
    again = load_catalog(root)
    assert again.interview is not None and again.interview.questions[0].text.en == "Your name?"
    assert again.source_digest != first.source_digest
    assert again.digest == first.digest  # results name the files that decide the scores only
