"""What CI systems and editors read: JUnit, GitHub workflow commands, the job summary,
thresholds, snapshot baselines, and plain text when there is no terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from .conftest import REPO, Run
from .helpers import catalog_tree, dump, platform, requirements

Invoke = Callable[..., Run]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    ok = tmp_path / "ok.yaml"
    ok.write_text(dump(requirements(expect={"top_1": ["alpha"]})))
    bad = tmp_path / "bad.yaml"
    bad.write_text(dump(requirements(name="Wrong AB", expect={"top_1": ["beta"]})))
    return ok, bad


def test_junit_is_valid_xml_with_a_failure_per_broken_file(run: Invoke, tiny: Path, files: tuple[Path, Path]) -> None:
    ok, bad = files
    r = run("score", ok, bad, "--format", "junit", "--catalog", tiny)
    assert r.code == 1
    root = ET.fromstring(r.out)
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == "2" and suite.get("failures") == "1"
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert cases[str(ok)].find("failure") is None
    failure = cases[str(bad)].find("failure")
    assert failure is not None and failure.get("message", "").startswith("top_1: expected one of beta first")


def test_github_lines(run: Invoke, tiny: Path, files: tuple[Path, Path]) -> None:
    ok, bad = files
    r = run("score", ok, bad, "--format", "github", "--catalog", tiny)
    assert r.code == 1
    lines = r.out.splitlines()
    expect_line = bad.read_text().splitlines().index("expect:") + 1
    assert lines[0].startswith(f"::notice file={ok}::Test AB: alpha")
    assert lines[1].startswith(
        f"::error file={bad},line={expect_line},title=platform-advisor::top_1: expected one of beta"
    )


def test_invalid_input_keeps_file_line_and_column_in_every_format(run: Invoke, tiny: Path, tmp_path: Path) -> None:
    bad = tmp_path / "typo.yaml"
    bad.write_text("version: 1\nname: X\nbusiness:\n  model: b2x\n  currency: SEK\n  markets: [SE]\n")
    gh = run("score", bad, "--format", "github", "--catalog", tiny)
    assert gh.code == 2
    assert gh.out.startswith(f"::error file={bad},line=4,col=3,title=invalid input::business.model")
    assert gh.err.startswith(f"{bad}:4:3: business.model")
    junit = run("score", bad, "--format", "junit", "--catalog", tiny)
    error = ET.fromstring(junit.out).find("testsuite/testcase/error")
    assert error is not None and error.get("message", "").startswith(f"{bad}:4:3:")
    plain = run("score", bad, "--format", "json", "--catalog", tiny)
    assert plain.out == "" and plain.err.startswith(f"{bad}:4:3:")


def test_thresholds_each_fail_with_a_reason(run: Invoke, tiny: Path, files: tuple[Path, Path]) -> None:
    ok, _ = files
    assert run("score", ok, "-f", "json", "--fail-under", "1", "--catalog", tiny).code == 0
    r = run(
        "score",
        ok,
        "-f",
        "json",
        "--fail-under",
        "99",
        "--min-margin",
        "50",
        "--fail-on-unknown",
        "0.9",
        "--catalog",
        tiny,
    )
    assert r.code == 1
    assert "fail-under: Alpha scores" in r.err and "below 99" in r.err
    assert "min-margin: Alpha leads" in r.err
    assert "fail-on-unknown: Gamma (#3) rests on 80% known data, below 90%" in r.err


def test_output_file_and_job_summary(
    run: Invoke, tiny: Path, files: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok, _ = files
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out = tmp_path / "report.json"
    r = run("score", ok, "-f", "json", "-o", out, "--catalog", tiny)
    assert r.code == 0 and r.out == ""
    assert json.loads(out.read_text())["results"][0]["name"] == "Test AB"
    text = summary.read_text()
    assert text.startswith("earlier step\n## platform-advisor")
    assert "| 1 | Alpha |" in text and len(text.encode()) < 1024 * 1024


def test_baseline_catches_a_catalogue_change(run: Invoke, tmp_path: Path, files: tuple[Path, Path]) -> None:
    ok, _ = files
    before = catalog_tree(tmp_path / "before")
    baseline = tmp_path / "baseline.json"
    r = run("score", ok, "-f", "json", "--baseline", baseline, "--update-baseline", "--catalog", before)
    assert r.code == 0 and json.loads(baseline.read_text())["results"][0]["ranking"][0]["platform"] == "alpha"
    assert run("score", ok, "-f", "json", "--baseline", baseline, "--catalog", before).code == 0

    edited = catalog_tree(
        tmp_path / "after",
        [platform("alpha", erp=0), platform("beta", erp=2, ease=5, api=4), platform("gamma", erp=4, ease=4, api=2)],
    )
    r = run("score", ok, "-f", "json", "--baseline", baseline, "--catalog", edited)
    assert r.code == 1
    assert "baseline: top 3 was alpha, beta, gamma; now gamma, beta, alpha" in r.err
    assert "gamma #3 -> #1" in r.err and "alpha #1 -> #3" in r.err

    newcomer = tmp_path / "new.yaml"
    newcomer.write_text(dump(requirements(name="New AB")))
    r = run("score", newcomer, "-f", "json", "--baseline", baseline, "--catalog", before)
    assert r.code == 0 and f"{newcomer}: not in {baseline}; add it with --update-baseline" in r.err


def test_bad_baseline_is_located(run: Invoke, tiny: Path, files: tuple[Path, Path], tmp_path: Path) -> None:
    broken = tmp_path / "baseline.json"
    broken.write_text('{"results": [\n  {"file": "x",}\n]}\n')
    r = run("score", files[0], "-f", "json", "--baseline", broken, "--catalog", tiny)
    assert r.code == 2 and r.err.startswith(f"{broken}:2:16: not valid JSON")


@pytest.mark.e2e
@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_plain_text_without_colour(env: dict[str, str]) -> None:
    full = {**os.environ, "COLUMNS": "100", **env}
    full.pop("NO_COLOR", None) if "NO_COLOR" not in env else None
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "platform_advisor",
            "score",
            str(REPO / "examples" / "nordic_outdoor.yaml"),
            "-f",
            "table",
        ],
        capture_output=True,
        text=True,
        env=full,
        check=False,
    )
    assert run.returncode == 0 and "\x1b[" not in run.stdout and "WooCommerce" in run.stdout


def test_shell_completion_is_offered(run: Invoke) -> None:
    assert "--install-completion" in run("--help").out


def test_thresholds_are_a_pure_check_of_the_results(tiny: Path) -> None:
    """The policy behind --fail-under, --min-margin and --fail-on-unknown, without the command."""
    from platform_advisor._brief import Brief
    from platform_advisor._catalog import load_catalog
    from platform_advisor._models import Requirements
    from platform_advisor._scoring import score
    from platform_advisor._thresholds import Thresholds

    brief = Brief.of(score(Requirements.model_validate(requirements()), load_catalog(tiny), "a.yaml"))
    first, second = brief.ranking[0], brief.ranking[1]
    assert Thresholds().failures([brief]) == {}
    assert Thresholds(fail_under=first.score).failures([brief]) == {}
    (why,) = Thresholds(fail_under=first.score + 0.01).failures([brief])["a.yaml"]
    assert why.startswith(f"fail-under: {first.name} scores {first.score:.2f}")
    margin = first.score - second.score
    assert Thresholds(min_margin=margin).failures([brief]) == {}
    assert "min-margin" in Thresholds(min_margin=margin + 0.01).failures([brief])["a.yaml"][0]
    low = min(x.coverage for x in brief.ranking[:3])
    assert Thresholds(coverage=low).failures([brief]) == {}
    assert Thresholds(coverage=low + 0.01).failures([brief])["a.yaml"][0].startswith("fail-on-unknown")
