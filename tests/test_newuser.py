"""The edges a new user meets first: help and usage lines, listings in a pipe and at 80
columns, every mistake of a file in one run, standard input, `catalog schema`, `robustness`."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from platform_advisor.cli import _console

from .conftest import REPO, Run
from .helpers import assert_snapshot, catalog_tree, dump, platform, requirements
from .test_docs import COMMANDS

Invoke = Callable[..., Run]
LONG_ID = "salesforce_commerce_cloud_b2b"  # longer than any id in the shipped catalogue


@pytest.fixture
def columns(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    """Pin the terminal width; the console takes it when first made, so make it afresh."""

    cached = _console.out

    def pin(width: int) -> None:
        monkeypatch.setenv("COLUMNS", str(width))
        cached.cache_clear()
        monkeypatch.setattr(_console, "out", cached.__wrapped__)

    return pin


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8"))


# -- help and usage ---------------------------------------------------------------------------

# typer's raw forms: `{FILE}`, `FILE <list[Path]>`, `<int range>`, `[x>=1]`, `[0<=x<=100]`
RAW = re.compile(r"\{[A-Z_]+\}|<[a-z][^>]*>|\bx\s*[<>]=|[<>]=\s*x\b|list\[")


@pytest.mark.parametrize("command", [[], *COMMANDS, ["catalog"], ["platforms"], ["criteria"]], ids=" ".join)
def test_help_has_plain_metavars_and_no_typer_type_labels(
    run: Invoke, columns: Callable[[int], None], command: list[str]
) -> None:
    columns(80)
    r = run(*command, "--help")
    assert r.code == 0
    assert RAW.findall(r.out) == [], r.out


def test_usage_lines_read_like_a_manual(run: Invoke) -> None:
    def usage(*command: str) -> str:
        return run(*command, "--help").out.splitlines()[0]

    assert usage("score") == "Usage: advisor score [OPTIONS] FILE..."
    assert usage("explain") == "Usage: advisor explain [OPTIONS] FILE [PLATFORM]"
    assert usage("platforms", "show") == "Usage: advisor platforms show [OPTIONS] ID"
    assert usage("catalog", "schema") == "Usage: advisor catalog schema [OPTIONS] [NAME]"
    assert "  -n, --top N " in run("score", "--help").out
    assert "(at least 1)" in " ".join(run("score", "--help").out.split())


@pytest.mark.parametrize("width", [80, 60])
def test_top_help_shows_every_summary_whole(run: Invoke, columns: Callable[[int], None], width: int) -> None:
    columns(width)
    listing = run("--help").out.split("Commands:\n")[1]
    assert "..." not in listing
    for group in ([], ["catalog"], ["platforms"], ["criteria"]):
        assert "..." not in run(*group, "--help").out.split("Commands:\n")[1]
    if width == 80:  # each summary is one short line
        rows = [line for line in listing.splitlines() if line.strip()]
        assert all(line.startswith("  ") and not line.startswith("   ") for line in rows), rows
        assert len(rows) == len({c[0] for c in COMMANDS})


# -- listings: JSON in a pipe, whole ids in a table -------------------------------------------

LISTINGS = [
    ["platforms", "list"],
    ["platforms", "show", "alpha"],
    ["criteria", "list"],
    ["catalog", "audit", "--as-of", "2026-12-01"],
]


@pytest.mark.parametrize("command", LISTINGS, ids=" ".join)
def test_listings_are_json_when_piped_and_tables_on_request(run: Invoke, tiny: Path, command: list[str]) -> None:
    piped = run(*command, "--catalog", tiny)
    assert piped.code == 0, piped.err
    json.loads(piped.out)  # captured stdout is not a terminal
    table = run(*command, "--catalog", tiny, "-f", "table")
    assert table.code == 0
    with pytest.raises(json.JSONDecodeError):
        json.loads(table.out)


@pytest.mark.parametrize("command", LISTINGS, ids=" ".join)
def test_help_says_json_when_piped(run: Invoke, command: list[str]) -> None:
    assert "json when piped" in " ".join(run(*command[:2], "--help").out.split())


@pytest.mark.parametrize("width", [80, 120])
def test_table_listings_keep_ids_whole(run: Invoke, tmp_path: Path, columns: Callable[[int], None], width: int) -> None:
    columns(width)
    long_name = "A Platform With A Name Long Enough To Need Wrapping Somewhere"
    root = catalog_tree(tmp_path, [platform("alpha"), platform(LONG_ID, name=long_name)])
    out = run("platforms", "list", "-f", "table", "--catalog", root).out
    lines = out.splitlines()
    assert sum(line.startswith(f" {LONG_ID} ") or line.startswith(f"{LONG_ID} ") for line in lines) == 1, out
    assert "…" not in out
    assert max(len(line.rstrip()) for line in lines) <= width
    crit = run("criteria", "list", "-f", "table", "--catalog", root).out
    ids = [c["id"] for c in json.loads(run("criteria", "list", "--catalog", root).out)]
    assert all(re.search(rf"\b{cid}\b", crit) for cid in ids) and "…" not in crit


def test_real_catalogue_listings_keep_ids_whole_at_80_and_120(run: Invoke, columns: Callable[[int], None]) -> None:
    ids = [p["id"] for p in json.loads(run("platforms", "list").out)]
    for width in (80, 120):
        columns(width)
        for command in (["platforms", "list"], ["catalog", "audit", "--as-of", "2026-12-01"]):
            out = run(*command, "-f", "table").out
            words = set(re.findall(r"[a-z0-9_]+", out))
            assert set(ids) <= words, (width, command, set(ids) - words)
            assert "…" not in out and max(len(line.rstrip()) for line in out.splitlines()) <= width


@pytest.mark.e2e
def test_piped_platforms_list_greps_like_a_file() -> None:
    advisor = f"{sys.executable} -m platform_advisor"
    for args in ("platforms list", "platforms list -f table", "criteria list", "catalog audit"):
        done = subprocess.run(
            f"{advisor} {args} | grep -c -E 'shopify_plus|multi_market'",
            shell=True,
            capture_output=True,
            text=True,
            check=False,
            env={"COLUMNS": "80", "PATH": "/usr/bin:/bin", "NO_COLOR": "1", "LANG": "C.UTF-8"},
        )
        assert int(done.stdout) >= 1, (args, done.stdout, done.stderr)
    piped = subprocess.run(
        [sys.executable, "-m", "platform_advisor", "platforms", "list"], capture_output=True, text=True, check=True
    )
    assert "shopify_plus" in [p["id"] for p in json.loads(piped.stdout)]


# -- every problem of every file in one run ---------------------------------------------------

FOUR_MISTAKES = """\
version: 1
name: Four Mistakes AB
business:
  model: b2c
  online_revenue: -5
  currency: SEK
  markets: [SE, UK]
organisation:
  it_maturity: extreme
must_have: [punchout]
colour: blue
"""


def test_four_mistakes_in_one_file_give_four_lines_in_one_run(
    run: Invoke, tiny: Path, write_req: Callable[..., Path]
) -> None:
    path = write_req(FOUR_MISTAKES.replace("[SE, UK]", "[SE]"), "four.yaml")
    r = run("score", path, "--catalog", tiny)
    assert r.code == 2 and r.out == ""
    assert r.err.splitlines() == [
        f"{path}:5:3: business.online_revenue: input should be greater than or equal to 0 (got -5)",
        f"{path}:9:3: organisation.it_maturity: input should be 'low', 'medium' or 'high' (got 'extreme')",
        f"{path}:10:13: unknown capability 'punchout' (did you mean b2b_punchout?)",
        f"{path}:11:1: unknown key 'colour' (13 valid ids; e.g. budget, business, expect, goals, interview, ...)",
    ]


def test_model_and_catalogue_problems_are_each_said_once(
    run: Invoke, tiny: Path, write_req: Callable[..., Path]
) -> None:
    """An id the model refuses (a bad pattern) is not also called unknown; a bool among the
    markets gets the YAML 1.1 hint instead of a type error; the lists' ids are all checked."""
    text = FOUR_MISTAKES + "priorities: {Cost: 3, speed: 2}\nexpect:\n  top_1: [alphaa]\n"
    text = text.replace("[SE, UK]", "[SE, UK, false, Sweden]")
    path = write_req(text, "many.yaml")
    r = run("explain", path, "--catalog", tiny)
    assert r.code == 2
    lines = r.err.splitlines()
    assert all(re.match(rf"{re.escape(str(path))}:\d+:\d+: ", line) for line in lines), lines
    messages = [line.split(": ", 1)[1] for line in lines]
    assert "'UK' is not an ISO 3166-1 country code (did you mean GB?)" in messages
    assert sum("a tool may have turned NO (Norway) into false" in m for m in messages) == 1
    assert not any("business.markets.2" in m for m in messages)  # the hint says it
    assert sum("SWEDEN" in m for m in messages) == 1  # the pattern, not also "unknown"
    assert sum("Cost" in m for m in messages) == 1
    assert any("unknown criterion or group 'speed'" in m for m in messages)
    assert any("unknown platform 'alphaa'" in m for m in messages)
    assert len(lines) == len(set(lines)) == 10


def test_good_files_are_scored_and_written_beside_bad_ones(
    run: Invoke, tiny: Path, write_req: Callable[..., Path], tmp_path: Path
) -> None:
    good = write_req(requirements(), "good.yaml")
    other = write_req(requirements(name="Other AB"), "other.yaml")
    bad = write_req(FOUR_MISTAKES, "bad.yaml")
    r = run("score", good, bad, other, "--catalog", tiny, "-f", "json")
    assert r.code == 2
    assert [x["file"] for x in json.loads(r.out)["results"]] == [str(good), str(other)]
    assert len(r.err.splitlines()) == 5 and all(line.startswith(f"{bad}:") for line in r.err.splitlines())

    out = tmp_path / "out.json"
    r = run("score", good, bad, "--catalog", tiny, "-f", "json", "-o", out)
    assert r.code == 2 and r.out == ""
    assert [x["file"] for x in json.loads(out.read_text())["results"]] == [str(good)]

    r = run("score", good, bad, "--catalog", tiny, "-f", "github")
    assert r.code == 2
    assert sum(line.startswith(f"::error file={bad},line=") for line in r.out.splitlines()) == 5
    assert f"::notice file={good}::" in r.out


def test_a_baseline_is_not_updated_while_a_file_is_invalid(
    run: Invoke, tiny: Path, write_req: Callable[..., Path], tmp_path: Path
) -> None:
    good = write_req(requirements(), "good.yaml")
    bad = write_req(FOUR_MISTAKES, "bad.yaml")
    baseline = tmp_path / "baseline.json"
    r = run("score", good, bad, "--catalog", tiny, "--baseline", baseline, "--update-baseline")
    assert r.code == 2 and not baseline.exists()
    assert f"{baseline}: not updated, 1 of 2 files are invalid" in r.err


# -- standard input ---------------------------------------------------------------------------


def test_score_reads_standard_input(run: Invoke, tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, dump(requirements()))
    r = run("score", "-", "--catalog", tiny, "-f", "json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["results"][0]["file"] == "<stdin>"


def test_stdin_errors_are_located_at_stdin(run: Invoke, tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, FOUR_MISTAKES)
    r = run("score", "-", "--catalog", tiny)
    assert r.code == 2
    assert [line.split(": ", 1)[0] for line in r.err.splitlines()] == [
        "<stdin>:5:3",
        "<stdin>:7:17",
        "<stdin>:9:3",
        "<stdin>:10:13",
        "<stdin>:11:1",
    ]


@pytest.mark.parametrize(
    "command",
    [["explain", "-f", "json"], ["robustness", "-n", "50", "-f", "json"], ["report", "-f", "markdown"]],
    ids=lambda c: c[0],
)
def test_other_commands_read_standard_input(
    run: Invoke, own_tiny: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    readiness = (REPO / "criteria" / "readiness.yaml").read_text(encoding="utf-8")
    (own_tiny / "criteria" / "readiness.yaml").write_text(readiness, encoding="utf-8")
    _stdin(monkeypatch, dump(requirements()))
    r = run(command[0], "-", *command[1:], "--catalog", own_tiny)
    assert r.code == 0, r.err
    assert r.out
    if command[0] == "explain":
        assert json.loads(r.out)["file"] == "<stdin>"


def test_stdin_twice_or_from_a_terminal_is_refused(run: Invoke, tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, dump(requirements()))
    r = run("score", "-", "-", "--catalog", tiny)
    assert r.code == 2 and "standard input" in r.err and "can be read only once" in r.err

    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(io.BytesIO(b"")))
    r = run("score", "-", "--catalog", tiny)
    assert r.code == 2
    assert r.err.startswith("<stdin>: is a terminal; pipe a requirements file in")


# -- catalog schema ---------------------------------------------------------------------------


def test_catalog_schema_prints_to_stdout_and_writes_only_with_out(
    run: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from platform_advisor._schema import SCHEMAS, render

    monkeypatch.chdir(tmp_path)
    r = run("catalog", "schema")
    assert r.code == 0 and list(tmp_path.iterdir()) == []
    assert sorted(json.loads(r.out)) == sorted(SCHEMAS)
    r = run("catalog", "schema", "requirements")
    assert r.code == 0 and r.out == render("requirements") and list(tmp_path.iterdir()) == []
    r = run("catalog", "schema", "requirement")
    assert r.code == 2 and "did you mean requirements?" in r.err
    r = run("catalog", "schema", "--out", "here")
    assert r.code == 0 and len(list((tmp_path / "here").iterdir())) == len(SCHEMAS)


# -- robustness -------------------------------------------------------------------------------


def test_robustness_says_its_verdict_first_and_its_method_last(
    run: Invoke, tiny: Path, write_req: Callable[..., Path]
) -> None:
    r = run("robustness", write_req(requirements()), "-n", "200", "-f", "table", "--catalog", tiny)
    assert r.code == 0, r.err
    lines = [line for line in r.out.splitlines() if line.strip()]
    assert re.match(r"\w+ (stays first|is first) in (only )?\d+% of the samples", lines[0]), lines[0]
    assert "Dirichlet" not in "\n".join(lines[:-2])
    assert " ".join(lines[-2:]).startswith("Method: 200 samples, seed 0; weights from a Dirichlet")
    data = json.loads(run("robustness", write_req(requirements()), "-n", "200", "--catalog", tiny).out)
    assert next(iter(data)) == "verdict" and data["verdict"] == lines[0]


# -- snapshots: what a user sees first, reviewed when it changes --------------------------------
# Rewritten only with UPDATE_SNAPSHOTS=1 (see helpers.assert_snapshot); a missing one fails.

SNAPSHOTS = Path(__file__).parent / "snapshots"


def test_top_help_snapshot(run: Invoke, columns: Callable[[int], None]) -> None:
    columns(80)
    r = run("--help")
    assert r.code == 0
    assert_snapshot(SNAPSHOTS / "help.txt", r.out)


def test_score_table_snapshot_at_80_columns(
    run: Invoke, columns: Callable[[int], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real catalogue and example: a catalogue edit that changes this screen shows up here."""
    columns(80)
    monkeypatch.chdir(REPO)  # the table shows the path as given
    r = run("score", "examples/nordic_outdoor.yaml", "-f", "table")
    assert r.code == 0, r.err
    assert_snapshot(SNAPSHOTS / "score_nordic_outdoor.80.txt", r.out)


def test_explain_screen_snapshot_at_80_columns(
    run: Invoke, columns: Callable[[int], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The screen a management team reads first, on the real catalogue: a model or catalogue
    change that alters why the #1 wins shows up here as a reviewed diff."""
    columns(80)
    monkeypatch.chdir(REPO)
    r = run("explain", "examples/nordic_outdoor.yaml", "-f", "table")
    assert r.code == 0, r.err
    assert_snapshot(SNAPSHOTS / "explain_nordic_outdoor.80.txt", r.out)
