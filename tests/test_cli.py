"""What a user sees from `advisor`: output contracts, exit codes, messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO, Run
from .helpers import dump, requirements

Invoke = Callable[..., Run]


def test_version_and_help(run: Invoke) -> None:
    assert run("--version").out.startswith("advisor ")
    for args in (["-h"], ["score", "-h"], ["catalog", "validate", "--help"]):
        r = run(*args)
        assert r.code == 0 and "Usage:" in r.out


def test_one_command_app_is_the_full_app(capsys: pytest.CaptureFixture[str]) -> None:
    """A run builds only the command it names; its help, usage and errors must not differ."""
    from platform_advisor.cli import _COMMANDS, _command_named, build_app

    def output(app: Any, args: list[str]) -> tuple[str, str]:
        try:
            app(args=args, prog_name="advisor", standalone_mode=False)
        except Exception as exc:  # usage errors: compare their message
            return capsys.readouterr().out, str(exc)
        return capsys.readouterr().out, ""

    full = build_app()
    for name in _COMMANDS:
        for args in ([name, "--help"], [name, "--no-such-option"]):
            assert _command_named(args) == name
            assert output(build_app(name), args) == output(full, args), args
    assert [_command_named(a) for a in (["--debug", "score"], ["-V"], ["scor"], ["--", "score"])] == [
        "score",
        None,
        None,
        None,
    ]


def test_score_json_contract(run: Invoke, tiny: Path, write_req: Callable[..., Path]) -> None:
    path = write_req(requirements(systems__erp="fortnox"))
    r = run("score", path, "--format", "json", "--catalog", tiny)
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["catalog"]["digest"].startswith("sha256:")
    (res,) = data["results"]
    assert res["file"] == str(path) and res["name"] == "Test AB"
    first = res["ranking"][0]
    assert set(first) >= {"rank", "platform", "name", "score", "coverage", "contributions", "tco"}
    assert set(first["tco"]) >= {"currency", "monthly", "one_off", "three_year"}
    for entry in res["ranking"]:
        assert abs(sum(entry["contributions"].values()) - entry["score"]) <= 0.01
    assert res["excluded"][0]["platform"] == "gamma" and res["excluded"][0]["reasons"]
    assert res["expectations"] == {"checked": False, "passed": True, "failures": []}


def test_top_limits_ranking(run: Invoke, tiny: Path, write_req: Callable[..., Path]) -> None:
    r = run("score", write_req(requirements()), "-f", "json", "--top", "1", "--catalog", tiny)
    assert len(json.loads(r.out)["results"][0]["ranking"]) == 1


@pytest.mark.parametrize(
    ("fmt", "excluded"), [("table", "2 excluded (2 lack a must-have)"), ("markdown", "**Excluded**")]
)
def test_human_formats(run: Invoke, tiny: Path, write_req: Callable[..., Path], fmt: str, excluded: str) -> None:
    r = run("score", write_req(requirements(must_have=["b2b_punchout"])), "-f", fmt, "--catalog", tiny)
    assert r.code == 0
    assert "Gamma" in r.out and excluded in r.out
    assert "Punchout is a must-have: not available" in r.out and "would rank #1" in r.out


def test_failed_expectation_exits_1(run: Invoke, tiny: Path, write_req: Callable[..., Path]) -> None:
    r = run("score", write_req(requirements(expect={"top_1": ["beta"]})), "-f", "json", "--catalog", tiny)
    assert r.code == 1
    assert json.loads(r.out)["results"][0]["expectations"]["passed"] is False


def test_bad_input_exits_2_with_located_lines_and_only_the_good_files_output(
    run: Invoke, tiny: Path, write_req: Callable[..., Path]
) -> None:
    good = write_req(requirements(), "good.yaml")
    bad = write_req(
        "version: 1\nname: X\nbusiness:\n  model: b2c\n  currency: SEK\n  markets: [SE, UK]\nmust_have: [punchout]\n",
        "bad.yaml",
    )
    assert run("score", bad, "--catalog", tiny).out == ""
    r = run("score", good, bad, "--catalog", tiny)
    assert r.code == 2
    assert [x["file"] for x in json.loads(r.out)["results"]] == [str(good)]  # issue 19: good files still scored
    assert r.err.splitlines() == [
        f"{bad}:6:17: 'UK' is not an ISO 3166-1 country code (did you mean GB?)",
        f"{bad}:7:13: unknown capability 'punchout' (did you mean b2b_punchout?)",
    ]
    assert "Traceback" not in r.err


def test_unquoted_no_is_norway(run: Invoke, tiny: Path, write_req: Callable[..., Path]) -> None:
    path = write_req("version: 1\nname: X\nbusiness:\n  model: b2c\n  currency: NOK\n  markets: [NO, se]\n")
    r = run("score", path, "-f", "json", "--catalog", tiny)
    assert r.code == 0, r.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["score", "missing.yaml"], "missing.yaml: no such file"),
        (["score"], "Missing argument"),
        (["score", "x.yaml", "--format", "pdf"], "'pdf' is not one of"),
        (["frobnicate"], "No such command"),
        (["platforms", "show", "shopfy"], "unknown platform 'shopfy'"),
    ],
)
def test_usage_errors_exit_2(run: Invoke, tiny: Path, args: list[str], message: str) -> None:
    r = run(*args, "--catalog", tiny) if args[0] != "frobnicate" else run(*args)
    assert r.code == 2
    assert message in r.err and "Traceback" not in r.err


def test_internal_error_is_one_line_exit_70(
    run: Invoke, tiny: Path, write_req: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_: Any, **__: Any) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr("platform_advisor._scoring.score", boom)
    path = write_req(requirements())
    r = run("score", path, "--catalog", tiny)
    assert r.code == 70
    assert r.err == "advisor: internal error: RuntimeError: kaput (rerun with --debug for the traceback)\n"
    with pytest.raises(RuntimeError):
        run("--debug", "score", path, "--catalog", tiny)


def test_interrupt_exits_130(
    run: Invoke, tiny: Path, write_req: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_: Any, **__: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("platform_advisor._scoring.score", interrupted)
    r = run("score", write_req(requirements()), "--catalog", tiny)
    assert (r.code, r.err) == (130, "advisor: interrupted\n")


def test_output_is_byte_identical_and_ignores_key_order(run: Invoke, tiny: Path, tmp_path: Path) -> None:
    data = requirements(
        systems__erp="fortnox",
        priorities={"cost": 4, "ease": 2},
        must_have=["saas"],
        budget={"monthly": 5000, "hard": False},
    )
    a, b = tmp_path / "a" / "req.yaml", tmp_path / "b" / "req.yaml"
    a.parent.mkdir()
    b.parent.mkdir()
    a.write_text(dump(data))

    def reverse(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: reverse(value[k]) for k in reversed(list(value))}
        return value

    b.write_text(dump(reverse(data)))
    first = run("score", a, "-f", "json", "--catalog", tiny).out
    again = run("score", a, "-f", "json", "--catalog", tiny).out
    shuffled = run("score", b, "-f", "json", "--catalog", tiny).out
    assert first == again
    assert first.replace(str(a), "X") == shuffled.replace(str(b), "X")


def test_catalogue_commands(run: Invoke, tiny: Path) -> None:
    assert run("catalog", "validate", "--catalog", tiny).code == 0
    plats = json.loads(run("platforms", "list", "-f", "json", "--catalog", tiny).out)
    assert [p["id"] for p in plats] == ["alpha", "beta", "gamma"]
    crits = json.loads(run("criteria", "list", "-f", "json", "--catalog", tiny).out)
    assert {c["id"]: c["group"] for c in crits}["tco"] == "cost"
    shown = json.loads(run("platforms", "show", "alpha", "-f", "json", "--catalog", tiny).out)
    assert shown["id"] == "alpha" and shown["file"].endswith("alpha.yaml")
    assert "ERP integration" in run("platforms", "show", "alpha", "-f", "table", "--catalog", tiny).out


def test_platforms_show_gives_plans_markets_segment_and_plan_bound_ratings(run: Invoke, tmp_path: Path) -> None:
    from .helpers import catalog_tree, flat_pricing, platform

    p = platform("alpha", pricing=flat_pricing())
    p["pricing"]["plans"] = [
        {"name": "Start", "monthly_fee": 100, "source": "docs"},
        {"name": "Pro", "monthly_fee": 900, "from_price": True, "unlocks": ["b2b_punchout"], "source": "docs"},
    ]
    p["ratings"]["api_coverage"] = {"value": 4, "plan": "Pro", "below_plan": 2, "note": "API.", "source": "docs"}
    p["markets"] = {
        "countries": ["SE", "NO"],
        "storefront_languages": "any",
        "support_languages": ["sv"],
        "source": "docs",
    }
    p["segment"] = {"revenue": {"low": 1_000_000, "high": 50_000_000}, "developers": 1, "source": "docs"}
    root = catalog_tree(tmp_path, [p])
    out = " ".join(run("platforms", "show", "alpha", "-f", "table", "--catalog", root).out.split())
    assert "4 from Pro (2 below)" in out
    assert "plan Start: 100 SEK/month" in out and "plan Pro: 900 SEK/month and up; unlocks b2b_punchout" in out
    assert "Markets: sold and supported in SE, NO; storefront languages any; admin unknown; vendor support sv" in out
    assert "Segment: typically chosen at 1,000,000-50,000,000 SEK a year online, presuming 1 developer, low IT" in out


def test_platforms_show_names_what_market_fit_reaches_through_a_listed_service(run: Invoke, tmp_path: Path) -> None:
    import copy

    from .helpers import BASE, catalog_tree, platform

    conns = copy.deepcopy(BASE["criteria/connectors.yaml"])
    conns["payments"] = {"swish": "Swish", "walley": "Walley", "svea": "Svea"}
    conns["through"] = {"swish": ["walley", "svea"]}
    p = platform("alpha")
    p["connectors"]["payments"] = {"walley": {"level": "app", "source": "docs"}}
    root = catalog_tree(tmp_path, [p], overrides={"criteria/connectors.yaml": conns})
    out = " ".join(run("platforms", "show", "alpha", "-f", "table", "--catalog", root).out.split())
    assert "also reached through listed services: swish (through walley)" in out


def test_invalid_catalogue_exits_2(run: Invoke, own_tiny: Path) -> None:
    (own_tiny / "platforms" / "beta.yaml").write_text("id: beta\n")
    r = run("catalog", "validate", "--catalog", own_tiny)
    assert r.code == 2
    assert all(line.startswith(str(own_tiny / "platforms" / "beta.yaml")) for line in r.err.splitlines())


@pytest.mark.e2e
@pytest.mark.parametrize("fmt", ["json", "markdown", "junit"])
def test_a_batch_scored_on_every_core_reports_as_one_process_does(run: Invoke, tmp_path: Path, fmt: str) -> None:
    """The real entry point scores a long batch in forked workers (`_pool`); in-process it is
    scored serially. The reports must be the same bytes, in the order given, and an invalid
    file among the good ones still ends the run with exit 2 after they are reported."""
    from platform_advisor._pool import MIN_FILES

    examples = sorted(str(p) for p in (REPO / "examples").glob("*.yaml"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nname: [\n", encoding="utf-8")
    files = (examples * (MIN_FILES // len(examples) + 2))[: MIN_FILES + 5]
    files.insert(7, str(bad))
    serial = run("score", *files, "-f", fmt, "-o", str(tmp_path / "serial.out"))
    forked = subprocess.run(
        [sys.executable, "-m", "platform_advisor", "score", *files, "-f", fmt, "-o", str(tmp_path / "forked.out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (serial.code, forked.returncode) == (2, 2), forked.stderr
    assert forked.stderr == serial.err and "Traceback" not in forked.stderr
    assert (tmp_path / "forked.out").read_bytes() == (tmp_path / "serial.out").read_bytes()


def test_catalog_from_environment(run: Invoke, tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVISOR_CATALOG", str(tiny))
    assert len(json.loads(run("platforms", "list", "-f", "json").out)) == 3


@pytest.mark.e2e
def test_the_real_entry_point_flushes_everything_before_leaving(tmp_path: Path) -> None:
    """`run()` leaves with os._exit after flushing: a whole batch must still reach a pipe, and
    exit codes must survive it."""
    examples = sorted(str(p) for p in (REPO / "examples").glob("*.yaml"))
    files = examples * 10  # 120 files, about 3 MB of JSON: more than any pipe buffer
    done = subprocess.run(
        [sys.executable, "-m", "platform_advisor", "score", *files, "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert [r["file"] for r in json.loads(done.stdout)["results"]] == files

    probe = "import sys, platform_advisor.cli as c; c.main = lambda: sys.stdout.write('tail') and 3; c.run()"
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    unflushed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=buffered, check=False)
    assert (unflushed.returncode, unflushed.stdout) == (3, "tail")

    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nname: [\n")
    failed = subprocess.run(
        [sys.executable, "-m", "platform_advisor", "score", str(bad), "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode == 2 and failed.stdout == ""
    assert failed.stderr.startswith(f"{bad}:") and "Traceback" not in failed.stderr
