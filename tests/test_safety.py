"""Safe to run anywhere: no injection into terminals or CI logs, no lost files, the right exit
code for every failure of the environment, bounded readers, and a library that checks itself.

Each case asserts the exit code and, where there is a message, exactly one stderr line that
names the file; every output is checked for a raw ESC that came from the input.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from platform_advisor import _cache, _safe_text
from platform_advisor._catalog import _CACHE, load_catalog

from .conftest import REPO, Run
from .helpers import build_tree, catalog_tree, dump, platform, requirements

Invoke = Callable[..., Run]

ESC = "\x1b"
# a terminal title, a screen clear, a bell, a right-to-left override and a forged workflow command
HOSTILE = "Evil\x1b]0;pwned\x07\x1b[2J\u202eAB\x9b31m\n::error file=x.yaml::all good"


def no_raw_escape(*texts: str) -> None:
    for text in texts:
        assert ESC not in text and "\x9b" not in text and "\u202e" not in text and "\x07" not in text


def one_line(err: str, path: Path | str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(str(path)), err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def hostile_catalog(tmp_path: Path) -> Path:
    evil = platform("alpha", erp=5, name=HOSTILE, erp_connectors={"fortnox": "app"})
    evil["ratings"]["ease"]["note"] = HOSTILE
    evil["summary"] = HOSTILE
    return catalog_tree(tmp_path / "evil", [evil, platform("beta", ease=5), platform("gamma")])


@pytest.fixture
def hostile_req(write_req: Callable[..., Path]) -> Path:
    return write_req(requirements(name=HOSTILE, expect={"top_1": ["beta"]}), "hostile.yaml")


# --- the sanitiser, medium by medium -------------------------------------------------------


@pytest.mark.parametrize(
    ("medium", "keeps"),
    [
        (_safe_text.line, ""),
        (_safe_text.terminal, "\n"),
        (_safe_text.inline, ""),
        (_safe_text.markdown, ""),
        (_safe_text.html, "\n"),
        (_safe_text.xml, "\n"),
        (lambda t: _safe_text.workflow(t), ""),
    ],
    ids=["line", "terminal", "inline", "markdown", "html", "xml", "workflow"],
)
def test_every_medium_shows_controls_as_escapes(medium: Callable[[str], str], keeps: str) -> None:
    out = medium(HOSTILE)
    no_raw_escape(out)
    assert "\\x1b" in out and "\\u202e" in out and "\\x9b" in out
    assert ("\n" in out) == ("\n" in keeps)


def test_markdown_has_no_markup_left() -> None:
    text = _safe_text.markdown("x\n## all passed <!-- ![i](https://e.example/i.png) [a](javascript:1) | b\\|")
    assert "\n" not in text and "<!--" not in text and "](" not in text.replace("\\](", "")
    assert "\\|" in text and "\\[" in text and "&lt;!--" in text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a_(b)", "https://example.com/a_%28b%29"),
        ("javascript:alert(1)", None),
        ("https://example.com/x\n[y](z)", "https://example.com/x%0A%5By%5D%28z%29"),
        ("ftp://example.com/", None),
    ],
)
def test_markdown_link_targets_are_http_and_percent_encoded(url: str, expected: str | None) -> None:
    assert _safe_text.url(url) == expected


def test_code_span_cannot_be_closed_by_a_backtick() -> None:
    assert _safe_text.code("a`b") == "``a`b``"


# --- injection through every output format ---------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "junit", "github"])
def test_hostile_names_in_every_score_format(
    run: Invoke, hostile_catalog: Path, hostile_req: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    r = run("score", hostile_req, "--catalog", hostile_catalog, "-f", fmt)
    assert r.code in (0, 1), r.err
    no_raw_escape(r.out, r.err, summary.read_text())
    if fmt == "junit":
        ET.fromstring(r.out.split("\n", 1)[1])  # a parser accepts it
    if fmt == "json":
        assert json.loads(r.out)["results"][0]["name"] == HOSTILE  # data is kept, only escaped
    if fmt == "github":
        forged = [line for line in r.out.splitlines() + r.err.splitlines() if line.startswith("::error file=x.yaml")]
        assert forged == []
    md = summary.read_text()
    assert "\n## all passed" not in md and "\n::error" not in md


def test_hostile_catalogue_text_in_explain_and_platform_views(
    run: Invoke, hostile_catalog: Path, hostile_req: Path
) -> None:
    for args in (
        ("explain", hostile_req, "alpha", "-f", "table"),
        ("explain", hostile_req, "alpha", "-f", "markdown"),
        ("explain", hostile_req, "alpha", "-f", "json"),
        ("platforms", "show", "alpha", "-f", "table"),
        ("platforms", "show", "alpha", "-f", "json"),
        ("platforms", "list", "-f", "table"),
    ):
        r = run(*args, "--catalog", hostile_catalog)
        assert r.code == 0, (args, r.err)
        no_raw_escape(r.out, r.err)
        assert "\\x1b" in r.out or "\\u001b" in r.out, args


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_hostile_text_and_urls_in_the_report(
    run: Invoke, tmp_path: Path, hostile_req: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    plats = [platform("alpha", erp=5, name=HOSTILE), platform("beta"), platform("gamma")]
    for p in plats:  # whichever makes the top 3, its evidence links are in the report
        p["sources"]["docs"]["url"] = "https://alpha.example.com/docs)![x](https://tracker.example/p.png"
    root = catalog_tree(tmp_path / "cat", plats)
    build_tree(root, {"criteria/readiness.yaml": (REPO / "criteria" / "readiness.yaml").read_text(encoding="utf-8")})
    r = run("report", hostile_req, "-f", fmt, "--catalog", root, "--as-of", "2026-11-22")
    assert r.code == 0, r.err
    no_raw_escape(r.out)
    assert "![x](https://tracker" not in r.out
    if fmt == "markdown":
        assert "docs%29!%5Bx%5D%28https://tracker.example/p.png" in r.out  # no ( or [ left to open markup


@pytest.mark.parametrize("bad", ["https://a.example/x\ny", "https://a.example/\tx"])
def test_a_catalogue_url_with_a_line_break_or_tab_is_refused(run: Invoke, tmp_path: Path, bad: str) -> None:
    evil = platform("alpha")
    evil["sources"]["docs"]["url"] = bad
    root = catalog_tree(tmp_path / "cat", [evil, platform("beta")])
    r = run("catalog", "validate", "--catalog", root)
    assert r.code == 2
    assert "must be an http(s) URL" in one_line(r.err, root / "platforms" / "alpha.yaml")


@pytest.mark.parametrize("fmt", ["json", "github"])
def test_an_error_line_cannot_forge_lines_or_commands(run: Invoke, tiny: Path, write_req: Any, fmt: str) -> None:
    path = write_req(dump(requirements(priorities={"co\x1b[31mst\n::error file=x.yaml::fake": 3})))
    r = run("score", path, "--catalog", tiny, "-f", fmt)
    assert r.code == 2
    line = one_line(r.err, path)
    assert line.startswith(f"{path}:")
    no_raw_escape(r.out, r.err)
    assert not any(x.startswith("::error file=x.yaml") for x in (r.out + r.err).splitlines())


# --- never replace an input or a baseline by surprise ----------------------------------------


@pytest.mark.parametrize("command", ["score", "report"])
def test_output_that_is_the_input_is_refused(run: Invoke, tiny: Path, write_req: Any, command: str) -> None:
    path = write_req(requirements())
    before = path.read_bytes()
    r = run(command, path, "--catalog", tiny, "--output", path.parent / "." / path.name)
    assert r.code == 2
    assert "would replace the input file" in one_line(r.err, path.parent / "." / path.name)
    assert path.read_bytes() == before


def test_output_that_is_the_baseline_is_refused(run: Invoke, tiny: Path, write_req: Any, tmp_path: Path) -> None:
    path = write_req(requirements())
    baseline = tmp_path / "baseline.json"
    assert run("score", path, "--catalog", tiny, "--baseline", baseline, "--update-baseline").code == 0
    before = baseline.read_bytes()
    r = run("score", path, "--catalog", tiny, "--baseline", baseline, "-o", baseline)
    assert r.code == 2 and baseline.read_bytes() == before


def test_update_baseline_with_a_subset_keeps_the_others_unless_pruned(
    run: Invoke, tiny: Path, write_req: Any, tmp_path: Path
) -> None:
    a = write_req(requirements(name="A"), "a.yaml")
    b = write_req(requirements(name="B"), "b.yaml")
    baseline = tmp_path / "baseline.json"
    assert run("score", a, b, "--catalog", tiny, "--baseline", baseline, "--update-baseline").code == 0
    r = run("score", a, "--catalog", tiny, "--baseline", baseline, "--update-baseline")
    assert r.code == 0
    assert "kept 1 entries" in one_line(r.err, baseline)
    assert {e["file"] for e in json.loads(baseline.read_text())["results"]} == {str(a), str(b)}
    r = run("score", a, "--catalog", tiny, "--baseline", baseline, "--update-baseline", "--prune")
    assert r.code == 0
    assert {e["file"] for e in json.loads(baseline.read_text())["results"]} == {str(a)}


def test_a_symlinked_output_is_written_through(run: Invoke, tiny: Path, write_req: Any, tmp_path: Path) -> None:
    path = write_req(requirements())
    target = tmp_path / "real.json"
    target.write_text("old\n")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    r = run("score", path, "--catalog", tiny, "-f", "json", "-o", link)
    assert r.code == 0, r.err
    assert link.is_symlink() and json.loads(target.read_text())["results"]


def test_a_read_only_output_is_refused(run: Invoke, tiny: Path, write_req: Any, tmp_path: Path) -> None:
    path = write_req(requirements())
    out = tmp_path / "locked.json"
    out.write_text("keep\n")
    out.chmod(0o444)
    r = run("score", path, "--catalog", tiny, "-f", "json", "-o", out)
    assert r.code == 74
    assert "read-only" in one_line(r.err, out)
    assert out.read_text() == "keep\n"


# --- environment failures are user-facing errors, never exit 70 -------------------------------


def test_an_unusable_cache_directory_is_skipped_silently(
    run: Invoke, own_tiny: Path, write_req: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A root-owned 0700 directory makes Path.exists() raise; the tests run as root, so the
    refusal is simulated where the operating system would give it. A catalogue of the test's
    own: one already loaded in this process would never reach the cache directory."""
    tiny = own_tiny
    locked = tmp_path / "root-owned"
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(locked))
    real_stat = Path.stat

    def refuse(self: Path, **kwargs: Any) -> os.stat_result:
        if str(self).startswith(str(locked)):
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, **kwargs)

    def refuse_mkdir(self: Path, *args: Any, **kwargs: Any) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "stat", refuse)
    monkeypatch.setattr(Path, "mkdir", refuse_mkdir)
    _cache.notes.clear()
    path = write_req(requirements())
    r = run("score", path, "--catalog", tiny, "-f", "json")
    assert r.code == 0 and r.err == ""
    r = run("--debug", "score", path, "--catalog", tiny, "-f", "json")
    assert r.code == 0 and "catalogue cache not used: Permission denied" in r.err


def test_permission_denied_output_directory_exits_74(
    run: Invoke, tiny: Path, write_req: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(*_: Any, **__: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", denied)
    path = write_req(requirements())
    out = tmp_path / "out.json"
    r = run("score", path, "--catalog", tiny, "-f", "json", "-o", out)
    assert r.code == 74
    assert one_line(r.err, out) == f"{out}: cannot write: Permission denied"


def test_disk_full_while_writing_exits_74(
    run: Invoke, tiny: Path, write_req: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", full)
    path = write_req(requirements())
    out = tmp_path / "out.json"
    r = run("score", path, "--catalog", tiny, "-f", "json", "-o", out)
    assert r.code == 74
    assert one_line(r.err, out) == f"{out}: cannot write: No space left on device"
    assert list(tmp_path.glob(".out.json.*")) == []


def test_schema_out_that_is_a_file_is_refused(run: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "schemas"
    target.write_text("")
    r = run("catalog", "schema", "--out", target)
    assert r.code == 2 and "is a file" in one_line(r.err, "advisor")
    r = run("catalog", "schema", "--out", target / "inside")
    assert r.code == 74
    assert "cannot create the directory: Not a directory" in one_line(r.err, target / "inside")


def _summary_path(kind: str, base: Path) -> Path:
    if kind == "directory":
        (base / "sum").mkdir()
        return base / "sum"
    if kind == "fifo":
        os.mkfifo(base / "sum")  # nobody reads it: a blocking open would hang the job
        return base / "sum"
    if kind == "device-full":
        return Path("/dev/full")
    if kind == "missing-directory":
        return base / "nowhere" / "sum"
    raise AssertionError(kind)


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("directory", "Is a directory"),
        ("fifo", "No such device or address"),
        ("device-full", "not a regular file"),
        ("missing-directory", "No such file or directory"),
    ],
)
@pytest.mark.parametrize("failing", [False, True])
def test_an_unusable_step_summary_is_reported_and_keeps_the_exit_code(
    run: Invoke,
    tiny: Path,
    write_req: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    reason: str,
    failing: bool,
) -> None:
    summary = _summary_path(kind, tmp_path)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    path = write_req(requirements(expect={"top_1": ["gamma" if failing else "alpha"]}))
    r = run("score", path, "--catalog", tiny, "-f", "json")
    assert r.code == (1 if failing else 0)
    lines = [x for x in r.err.splitlines() if "GITHUB_STEP_SUMMARY" in x]
    assert len(lines) == 1 and lines[0].startswith(str(summary)) and reason in lines[0], r.err


def test_the_step_summary_cap_counts_bytes(
    run: Invoke, tiny: Path, write_req: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platform_advisor.cli.score as score

    monkeypatch.setattr(score, "SUMMARY_LIMIT", 4_000)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    files = [write_req(requirements(name="Ö" * 300), f"r{i}.yaml") for i in range(10)]
    assert run("score", *files, "--catalog", tiny, "-f", "json").code == 0
    assert len(summary.read_bytes()) <= 4_000 + 100
    assert "summary cut" in summary.read_text()


def _advisor(args: list[str], *, limit_bytes: int | None = None, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    def cap() -> None:
        if limit_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "platform_advisor", *args],
        capture_output=kwargs.pop("capture_output", True),
        text=True,
        timeout=60,
        check=False,
        preexec_fn=cap,
        env=env,
        **kwargs,
    )


@pytest.mark.e2e
def test_stdout_to_dev_full_exits_74(tiny: Path, write_req: Any) -> None:
    path = write_req(requirements())
    r = _shell(f"{sys.executable} -m platform_advisor score {path} --catalog {tiny} -f json > /dev/full")
    assert r.returncode == 74, r.stderr
    assert one_line(r.stderr, "advisor") == "advisor: standard output: cannot write: No space left on device"


@pytest.mark.e2e
def test_a_file_size_limit_exits_74(tiny: Path, write_req: Any, tmp_path: Path) -> None:
    path = write_req(requirements())
    out = tmp_path / "out.json"
    run = _advisor(["score", str(path), "--catalog", str(tiny), "-f", "json", "-o", str(out)], limit_bytes=500)
    assert run.returncode == 74, run.stderr
    assert "File too large" in one_line(run.stderr, out)
    assert not out.exists() and list(tmp_path.glob(".out.json.*")) == []


def _shell(command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["/bin/bash", "-c", command], capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.e2e
def test_closed_and_broken_streams(tiny: Path, write_req: Any) -> None:
    advisor = f"{sys.executable} -m platform_advisor score --catalog {tiny} -f json"
    good = write_req(requirements())
    bad = write_req("version: 1\n", "bad.yaml")
    # stdout closed: one line, exit 74, no traceback
    r = _shell(f"{advisor} {good} >&-")
    assert r.returncode == 74 and "standard output is closed" in one_line(r.stderr, "advisor")
    # stderr closed: the message is lost, not sent to stdout instead; the exit code stays
    r = _shell(f"{advisor} {bad} 2>&-")
    assert r.returncode == 2 and r.stdout == ""
    # stderr a pipe whose reader has gone: still exit 2, not 1
    r = _shell(f"{advisor} {bad} 2>&1 >/dev/null | true; echo ${{PIPESTATUS[0]}}")
    assert r.stdout.strip() == "2", r.stdout + r.stderr


# --- readers refuse before they work ----------------------------------------------------------

BIG_INT = "9" * 5000
BUSINESS = "business: {model: b2c, online_revenue: 500000, currency: SEK, markets: [SE]}\n"

YAML_CASES: list[tuple[str, str, str, int]] = [
    ("int-of-5000-digits", f"version: 1\n{BUSINESS}organisation: {{developers: {BIG_INT}}}\n", "too large", 3),
    ("float-tag-on-huge-int", f"version: 1\n{BUSINESS}budget: {{monthly: !!float {'9' * 400}}}\n", "too large", 3),
    ("complex-merge-key", f"version: 1\n{BUSINESS}organisation:\n  <<: {{[a, b]: 1}}\n", "keys must be plain", 4),
    (
        "subnormal-revenue",
        "version: 1\nbusiness: {model: b2c, online_revenue: 1e-312, currency: SEK, markets: [SE]}\n"
        "budget: {monthly: 100}\n",
        "too close to zero",
        2,
    ),
    ("underflow-to-zero", f"version: 1\n{BUSINESS}budget: {{monthly: 1e-400}}\n", "too close to zero", 3),
    ("flow-sequence-2mib", "version: 1\nx: [" + "1," * 1_000_000 + "1]\n", "more than 20,000 values", 2),
]


@pytest.mark.parametrize(("case", "text", "expected", "line"), YAML_CASES, ids=[c[0] for c in YAML_CASES])
def test_requirements_readers_refuse_before_they_work(
    tiny: Path, tmp_path: Path, case: str, text: str, expected: str, line: int
) -> None:
    from .test_hostile import _check, _run

    path = tmp_path / f"{case}.yaml"
    path.write_text(text)
    code, err, peak = _run(["score", str(path), "--catalog", str(tiny), "-f", "json"], tiny)
    _check(code, err, peak, path, expected, line)


@pytest.mark.parametrize(
    ("case", "edit", "expected"),
    [
        ("int-of-5000-digits", lambda t: t.replace("id: alpha", f"id: alpha\nx: {BIG_INT}"), "too large"),
        ("complex-merge-key", lambda t: t + "extra:\n  <<: {[a, b]: 1}\n", "keys must be plain"),
        ("float-tag", lambda t: t + f"extra: !!float {'9' * 400}\n", "too large"),
    ],
)
def test_catalogue_readers_refuse_before_they_work(
    run: Invoke, tmp_path: Path, case: str, edit: Callable[[str], str], expected: str
) -> None:
    root = catalog_tree(tmp_path / "cat")
    path = root / "platforms" / "alpha.yaml"
    path.write_text(edit(path.read_text()))
    r = run("catalog", "validate", "--catalog", root)
    assert r.code == 2
    assert expected in one_line(r.err, f"{path}:")


def test_a_tiny_exchange_rate_is_refused(run: Invoke, tmp_path: Path) -> None:
    root = catalog_tree(tmp_path / "cat")
    rates = root / "criteria" / "exchange_rates.yaml"
    rates.write_text(rates.read_text().replace("SEK: 10", "SEK: 1.0e-05"))
    r = run("catalog", "validate", "--catalog", root)
    assert r.code == 2
    assert "greater than or equal to 0.0001" in one_line(r.err, f"{rates}:")
    rates.write_text(rates.read_text().replace("SEK: 1.0e-05", "SEK: 5e-324"))
    r = run("catalog", "validate", "--catalog", root)
    assert r.code == 2 and "too close to zero" in one_line(r.err, f"{rates}:")


def test_money_below_a_cent_is_refused(run: Invoke, tiny: Path, write_req: Any) -> None:
    path = write_req(requirements(business__online_revenue=1e-300, budget={"monthly": 100}))
    r = run("score", path, "--catalog", tiny, "-f", "json")
    assert r.code == 2 and "must be 0 or at least 0.01" in one_line(r.err, f"{path}:")


@pytest.mark.parametrize(
    ("case", "text", "expected"),
    [
        ("deep", '{"results": ' + "[" * 100_000 + "]" * 100_000 + "}", "nesting deeper than"),
        ("huge-number", '{"results": [{"file": "a", "ranking": [{"score": ' + "9" * 5000 + "}]}]}", "number of"),
        ("nan", '{"results": [{"file": "a", "ranking": [{"score": NaN}]}]}', "not a number JSON allows"),
    ],
)
def test_a_hostile_baseline_is_bad_input(
    run: Invoke, tiny: Path, write_req: Any, tmp_path: Path, case: str, text: str, expected: str
) -> None:
    baseline = tmp_path / f"{case}.json"
    baseline.write_text(text)
    r = run("score", write_req(requirements()), "--catalog", tiny, "--baseline", baseline, "-f", "json")
    assert r.code == 2
    assert expected in one_line(r.err, f"{baseline}:1:1:")


def test_a_list_inside_must_have_in_answers_is_bad_input(run: Invoke, tiny: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("version: 1\nmust_have: [[pos]]\n")
    r = run("interview", "--answers", answers, "--defaults", "-o", tmp_path / "out.yaml")
    assert r.code == 2
    assert one_line(r.err, answers).startswith(f"{answers}:2:")


# --- cache and library ------------------------------------------------------------------------


def test_the_cache_key_holds_a_code_fingerprint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = catalog_tree(tmp_path / "cat")
    before = _cache.key("sha256:x", root)
    monkeypatch.setattr(_cache, "_FINGERPRINT", ["another-build"])
    assert _cache.key("sha256:x", root) != before


def test_an_edit_between_two_loads_in_one_process_is_seen(tmp_path: Path) -> None:
    root = catalog_tree(tmp_path / "cat")
    assert load_catalog(root).platforms["alpha"].ratings["ease"].value == 3
    path = root / "platforms" / "alpha.yaml"
    path.write_text(path.read_text().replace("value: 3", "value: 1", 1))
    again = load_catalog(root)
    assert again.platforms["alpha"].ratings["erp_integration"].value == 1 or again.digest != ""
    assert load_catalog(root) is again  # unchanged: the in-process copy
    assert len(_CACHE) == 2


def test_stale_cache_temp_files_are_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(folder))
    folder.mkdir(mode=0o700)
    stale, fresh = folder / ".catalog-old.tmp", folder / ".catalog-new.tmp"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"being written")
    os.utime(stale, (1, 1))
    load_catalog(catalog_tree(tmp_path / "cat"))
    assert not stale.exists() and fresh.exists()


def test_score_in_process_does_not_freeze_the_callers_objects(
    run: Invoke, tiny: Path, write_req: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    def no_freeze() -> None:
        raise AssertionError("gc.freeze() called in a process advisor does not own")

    monkeypatch.setattr(gc, "freeze", no_freeze)
    assert run("score", write_req(requirements()), "--catalog", tiny, "-f", "json").code == 0
    assert gc.isenabled()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"priorities": {"costs": 3}}, "unknown criterion or group 'costs'"),
        ({"preset": "tiny_shop"}, "unknown preset 'tiny_shop'"),
        ({"must_have": ["punch_out"]}, "unknown capability 'punch_out'"),
    ],
)
def test_public_score_validates_ids(tiny: Path, change: dict[str, Any], expected: str) -> None:
    import platform_advisor as pa

    req = pa.Requirements.model_validate({**requirements(), **change})
    with pytest.raises(pa.InputError, match=expected) as info:
        pa.score(req, pa.load_catalog(tiny), "client.yaml")
    assert info.value.exit_code == 2 and info.value.problems[0].path == "client.yaml"


def test_a_streamed_batch_is_the_same_as_one_render(run: Invoke, tiny: Path, write_req: Any) -> None:
    from platform_advisor._render import json as render_json
    from platform_advisor._requirements import load_requirements
    from platform_advisor._scoring import score

    files = [write_req(requirements(name=f"Client {i}"), f"c{i}.yaml") for i in range(3)]
    r = run("score", *files, "--catalog", tiny, "-f", "json")
    catalog = load_catalog(tiny)
    whole = [score(load_requirements(f, catalog, str(f)), catalog, str(f)) for f in files]
    assert r.out == render_json.render(whole, catalog)


@pytest.mark.parametrize(
    "text",
    [
        "Fjällräven ≥ 12 000 SEK",  # non-ASCII, nothing to escape: returned as it is
        "Fjällräven\u202eAB",  # a bidi override among Nordic letters
        "Åland\x7f\x85 ≥",  # DEL and a C1 control
        "Øst\u2028næste",  # a line separator
        "Ærø\ud800",  # a lone surrogate, which UTF-8 cannot encode
        "plain ascii",
    ],
)
def test_json_text_escapes_exactly_what_translate_would(text: str) -> None:
    """json_text looks only at the non-ASCII part of a report; the answer must be the one a
    plain translate of the whole text gives."""
    from platform_advisor._safe_text import _UNSAFE, json_text

    reference = text.translate({c: f"\\u{c:04x}" for c in _UNSAFE if c >= 0x7F})
    assert json_text(text) == reference
