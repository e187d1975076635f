"""JUnit for a batch with valid and invalid files: every file is a testcase, in the order given,
the invalid ones as errors located `path:line:col`, and the run exits 2."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

from .conftest import Run
from .helpers import dump, requirements

Invoke = Callable[..., Run]

TYPO = "version: 1\nname: X\nbusiness:\n  model: b2x\n  currency: SEK\n  markets: [SE]\n"


def test_good_and_bad_files_each_get_a_testcase(run: Invoke, tiny: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(dump(requirements(expect={"top_1": ["alpha"]})))
    failing = tmp_path / "failing.yaml"
    failing.write_text(dump(requirements(name="Wrong AB", expect={"top_1": ["beta"]})))
    bad = tmp_path / "bad.yaml"
    bad.write_text(TYPO)

    r = run("score", good, bad, failing, "--format", "junit", "--catalog", tiny)

    assert r.code == 2
    assert r.err.startswith(f"{bad}:4:3: business.model")
    root = ET.fromstring(r.out)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "1", "1")
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    cases = list(suite.iter("testcase"))
    assert [c.get("name") for c in cases] == [str(good), str(bad), str(failing)]
    assert cases[0].find("failure") is None and cases[0].find("error") is None
    error = cases[1].find("error")
    assert error is not None and error.get("message", "").startswith(f"{bad}:4:3: business.model")
    assert cases[2].find("failure") is not None


def test_every_problem_of_an_invalid_file_is_in_its_one_testcase(run: Invoke, tiny: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(TYPO.replace("currency: SEK", "currency: SEKK"))

    r = run("score", bad, "--format", "junit", "--catalog", tiny)

    assert r.code == 2
    suite = ET.fromstring(r.out).find("testsuite")
    assert suite is not None
    cases = list(suite.iter("testcase"))
    assert len(cases) == 1
    error = cases[0].find("error")
    assert error is not None and error.text is not None
    lines = error.text.splitlines()
    assert len(lines) == len(r.err.splitlines()) >= 2
    assert all(line.startswith(f"{bad}:") for line in lines)


def test_a_clean_run_has_no_errors_on_the_envelope(run: Invoke, tiny: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(dump(requirements()))

    r = run("score", good, "--format", "junit", "--catalog", tiny)

    assert r.code == 0
    root = ET.fromstring(r.out)
    assert root.get("errors") is None
    suite = root.find("testsuite")
    assert suite is not None and suite.get("errors") == "0"
