"""Hostile and broken input: every file gets one `path:line:col: message` line and exit 2,
in bounded memory, and nothing in a file is ever executed.

Each case is one bad input with exactly one problem in it. The runner checks the exit code,
that stderr is a single line naming the file (and the line, where YAML gives one), that there
is no traceback, and the peak memory the command needed. How quickly the worst of them are
refused is measured in bench/run.py, against scoring a good file in the same run.
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from platform_advisor._catalog import load_catalog
from platform_advisor.cli import main

from .conftest import REPO
from .helpers import catalog_tree, dump, platform, requirements

GOOD = dump(requirements())
MAX_PEAK_BYTES = 64 * 1024 * 1024


def req_text(**changes: Any) -> str:
    return dump(requirements(**changes))


def bomb(levels: int = 9, width: int = 10) -> str:
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\nversion: 1\n"


# (id, file content as str or bytes, expected text in the message, expected line or None)
REQUIREMENTS: list[tuple[str, str | bytes, str, int | None]] = [
    ("empty", "", "file is empty", 1),
    ("only-comments", "# nothing here\n", "file is empty", 1),
    ("top-level-list", "- a\n- b\n", "expected a mapping of keys to values, got a list", 1),
    ("top-level-text", "hello\n", "expected a mapping of keys to values, got text", 1),
    ("top-level-null", "~\n", "got null", 1),
    ("two-documents", GOOD + "---\nversion: 1\n", "several YAML documents", None),
    ("python-object-tag", "version: !!python/object/apply:os.system ['touch /tmp/pwned']\n", "is not allowed", 1),
    ("python-name-tag", "version: !!python/name:os.system\n", "is not allowed", 1),
    ("custom-tag", "version: !thing 1\n", "is not allowed", 1),
    ("set-tag", "must_have: !!set {a, b}\n", "is not allowed", 1),
    ("billion-laughs", bomb(), "values (aliases?); refused", None),
    ("deep-nesting", "x: " + "[" * 500 + "]" * 500 + "\n", "nesting deeper than", 1),
    ("recursive-alias", "x: &a [*a]\n", "nesting deeper than", None),
    ("duplicate-key", GOOD + "name: Again\n", "duplicate key 'name' (first defined on line 2)", None),
    ("utf16", GOOD.encode("utf-16"), "file is UTF-16", 1),
    ("latin1", "version: 1\nname: Malm\xf6 AB\n".encode("latin-1"), "not valid UTF-8", 2),
    ("nul-byte", b"version: 1\nname: A\x00B\n", "NUL byte", 2),
    ("syntax", "version: 1\nbusiness: [b2c,\n", "invalid YAML", None),
    ("tab-indent", "version: 1\nbusiness:\n\tmodel: b2c\n", "invalid YAML", 3),
    ("unknown-alias", "version: *nope\n", "unknown alias *nope", 1),
    ("merge-non-mapping", "base: &b [1]\nbusiness:\n  <<: *b\n", "merges mappings only", None),
    ("nan", req_text(business__online_revenue=float("nan")), "must be a finite number", None),
    ("infinity", req_text(budget={"monthly": float("inf")}), "must be a finite number", None),
    (
        "overflow",
        req_text().replace("online_revenue: 500000", "online_revenue: 1e999"),
        "must be a finite number",
        None,
    ),
    ("negative-money", req_text(budget={"monthly": -5}), "greater than or equal to 0", None),
    ("money-as-words", req_text(business__online_revenue="lots"), "online_revenue", None),
    ("absurd-money", req_text(business__online_revenue=10**15), "less than or equal to", None),
    ("typo-top-key", req_text().replace("business:", "busines:"), "unknown key 'busines'", None),
    ("missing-business", "version: 1\nname: X\n", "missing required key 'business'", 1),
    ("wrong-version", req_text(version=2), "version: input should be 1", 1),
    ("bad-model", req_text(business__model="b2x"), "'b2c', 'b2b' or 'hybrid'", None),
    ("no-markets", req_text(business__markets=[]), "at least 1 item", None),
    ("uk-not-gb", req_text(business__markets=["UK"]), "did you mean GB?", None),
    ("norway-as-false", req_text(business__markets=[False]), "NO (Norway) into false", None),
    ("unknown-country", req_text(business__markets=["XX"]), "not an ISO 3166-1 country code", None),
    ("currency-without-rate", req_text(business__currency="GBP"), "unknown currency 'GBP'", None),
    ("currency-lowercase", req_text(business__currency="sek"), "business.currency", None),
    ("unknown-capability", req_text(must_have=["punch_out"]), "unknown capability 'punch_out'", None),
    ("priority-too-high", req_text(priorities={"cost": 9}), "less than or equal to 5", None),
    ("unknown-priority", req_text(priorities={"costs": 3}), "unknown criterion or group 'costs'", None),
    ("unknown-preset", req_text(preset="tiny_shop"), "unknown preset 'tiny_shop'", None),
    ("unknown-expected-platform", req_text(expect={"top_1": ["shopfy"]}), "unknown platform 'shopfy'", None),
    ("negative-developers", req_text(organisation__developers=-1), "greater than or equal to 0", None),
    ("fractional-developers", req_text(organisation__developers=1.5), "fractional part", None),
    ("absurd-skus", req_text(business__skus=10**12), "less than or equal to", None),
    ("unknown-erp", req_text(systems={"erp": "garp"}), "use 'other' if yours is not listed", None),
    ("huge-name", req_text(name="x" * 3000), "at most 2000 characters", None),
    ("name-as-mapping", req_text(name={"a": 1}), "name: input should be a valid string", None),
    ("boolean-budget", req_text(budget={"hard": "perhaps"}), "budget.hard", None),
]


def _special(kind: str, base: Path) -> Path:
    """Paths that are not regular files, or too big to read."""
    if kind == "directory":
        (base / "adir.yaml").mkdir()
        return base / "adir.yaml"
    if kind == "missing":
        return base / "missing.yaml"
    if kind == "fifo":
        os.mkfifo(base / "pipe.yaml")  # opening it for reading would block forever
        return base / "pipe.yaml"
    if kind == "huge":
        path = base / "huge.yaml"
        with path.open("wb") as fh:
            fh.truncate(3 * 1024 * 1024 * 1024)  # sparse: 3 GiB on paper, nothing on disk
        return path
    if kind == "device":
        return Path("/dev/zero")
    raise AssertionError(kind)


SPECIAL = [
    ("directory", "is a directory"),
    ("missing", "no such file"),
    ("fifo", "not a regular file"),
    ("huge", "the limit is"),
    ("device", "not a regular file"),
]


def _run(args: list[str], catalog: Path | None = None) -> tuple[int, str, int]:
    """Run in-process, capturing stderr and the peak of Python allocations. A `catalog` that
    is not the hostile input is loaded before tracing starts, so the peak is what the bad file
    costs (and tracing, which slows every allocation, does not slow the catalogue's load)."""
    import contextlib
    import io

    if catalog is not None:
        load_catalog(catalog)
    err = io.StringIO()
    tracemalloc.start()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(args)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return code, err.getvalue(), peak


def _check(code: int, err: str, peak: int, path: Path, expected: str, line: int | None) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(str(path)), err
    if line is not None:
        assert lines[0].startswith(f"{path}:{line}:"), err
    assert expected in lines[0], err
    assert peak < MAX_PEAK_BYTES


@pytest.mark.parametrize(("case", "content", "expected", "line"), REQUIREMENTS, ids=[c[0] for c in REQUIREMENTS])
def test_bad_requirements_file(
    tiny: Path, tmp_path: Path, case: str, content: str | bytes, expected: str, line: int | None
) -> None:
    path = tmp_path / f"{case}.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    code, err, peak = _run(["score", str(path), "--catalog", str(tiny), "-f", "json"], tiny)
    _check(code, err, peak, path, expected, line)
    assert not Path("/tmp/pwned").exists()


@pytest.mark.parametrize(("kind", "expected"), SPECIAL, ids=[s[0] for s in SPECIAL])
def test_not_a_readable_file(tiny: Path, tmp_path: Path, kind: str, expected: str) -> None:
    path = _special(kind, tmp_path)
    code, err, peak = _run(["score", str(path), "--catalog", str(tiny), "-f", "json"], tiny)
    _check(code, err, peak, path, expected, None)


def _edit_platform(mutate: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    p = platform("alpha")
    mutate(p)
    return p


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(p: dict[str, Any]) -> None:
        node = p
        keys = path.split(".")
        for k in keys[:-1]:
            node = node[k]
        node[keys[-1]] = value

    return apply


def _delete(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda p: p.pop(key)


CATALOGUE: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("rating-out-of-range", _set("ratings.ease.value", 7), "less than or equal to 5"),
    ("rating-as-word", _set("ratings.ease.value", "four"), "ratings.ease.value"),
    ("rating-negative", _set("ratings.ease.value", -1), "greater than or equal to 0"),
    ("missing-vendor", _delete("vendor"), "missing required key 'vendor'"),
    ("price-range-reversed", _set("pricing.monthly_fee", {"low": 9, "high": 1}), "low (9) is above high (1)"),
    ("negative-price", _set("pricing.implementation", {"low": -1, "high": 1}), "greater than or equal to 0"),
    ("fee-over-100", _set("pricing.transaction_fee_pct", {"low": 1, "high": 250}), "less than or equal to 100"),
    ("not-a-url", _set("sources.docs.url", "docs page"), "must be an http(s) URL"),
    ("ftp-url", _set("sources.docs.url", "ftp://example.com/x"), "must be an http(s) URL"),
    ("bad-date", _set("sources.docs.as_of", "yesterday"), "as_of"),
    ("unknown-evidence", _set("sources.docs.evidence", "rumour"), "'vendor_docs', 'third_party' or 'estimate'"),
    ("unknown-status", _set("capabilities.saas.status", "nativ"), "capabilities.saas.status"),
    ("unknown-hosting", _set("hosting", ["cloud"]), "hosting"),
    ("bad-origin", _set("origin", "Sweden"), "origin"),
    ("undefined-source", _set("ratings.ease.source", "doc"), "source 'doc' is not defined"),
]


@pytest.mark.parametrize(("case", "mutate", "expected"), CATALOGUE, ids=[c[0] for c in CATALOGUE])
def test_bad_catalogue_file(tmp_path: Path, case: str, mutate: Callable[[dict[str, Any]], None], expected: str) -> None:
    root = catalog_tree(tmp_path / "cat", [_edit_platform(mutate), platform("beta")])
    code, err, peak = _run(["catalog", "validate", "--catalog", str(root)])
    _check(code, err, peak, root / "platforms" / "alpha.yaml", expected, None)
    assert ":" in err.split(str(root / "platforms" / "alpha.yaml"), 1)[1][:2], "a line number is given"


# --- the same limits at every other reader -----------------------------------------------------

HUGE, DEVICE = "<huge>", "<device>"  # not text: a sparse 3 GiB file, a link to /dev/zero


def _place(path: Path, content: str) -> None:
    path.unlink(missing_ok=True)
    if content == HUGE:
        with path.open("wb") as fh:
            fh.truncate(3 * 1024 * 1024 * 1024)
    elif content == DEVICE:
        path.symlink_to("/dev/zero")  # a name ending in .yaml, as a catalogue's glob finds it
    else:
        path.write_text(content, encoding="utf-8")


# Inputs that would cost memory if a reader took them whole, one per limit: the count of values
# after aliases, the depth, the size before reading, a special file. (id, content, expected text)
# The requirements reader meets every case above; each other reader one per limit, which shows
# it goes through the same limits (a reader of its own would blow up on the first).
COSTLY: list[tuple[str, str, str]] = [
    ("billion-laughs", bomb(), "values (aliases?); refused"),
    ("deep-nesting", "x: " + "[" * 500 + "]" * 500 + "\n", "nesting deeper than"),
    ("huge", HUGE, "the limit is"),
    ("device", DEVICE, "not a regular file"),
]
# The other readers of a YAML file: (id, the file under tmp_path, the command, with {cat} for
# the catalogue, {file} for the hostile file, {out} for an output). One file per reading
# function: criteria files are read as platform files are (`_catalog._Collector.load`), and
# `--resume` as `--answers` (`cli.interview._load`).
READERS: list[tuple[str, str, list[str]]] = [
    ("platform-file", "cat/platforms/alpha.yaml", ["catalog", "validate", "--catalog", "{cat}"]),
    ("answers-file", "answers.yaml", ["interview", "--answers", "{file}", "--defaults", "-o", "{out}"]),
]


@pytest.mark.parametrize(("reader", "rel", "command"), READERS, ids=[r[0] for r in READERS])
@pytest.mark.parametrize(("case", "content", "expected"), COSTLY, ids=[c[0] for c in COSTLY])
def test_every_reader_refuses_costly_input_in_bounded_memory(
    tmp_path: Path, reader: str, rel: str, command: list[str], case: str, content: str, expected: str
) -> None:
    cat = catalog_tree(tmp_path / "cat")
    target = tmp_path / rel
    _place(target, content)
    args = [a.format(cat=cat, file=target, out=tmp_path / "out.yaml") for a in command]
    # the interview reads the real catalogue: loaded before tracing, so the peak is the file's
    code, err, peak = _run(args, REPO if command[0] == "interview" else None)
    _check(code, err, peak, target, expected, None)


BASELINES: list[tuple[str, str, str]] = [
    ("deep", '{"results": ' + "[" * 100_000 + "]" * 100_000 + "}", "nesting deeper than"),
    ("huge", HUGE, "the limit is"),
    ("device", DEVICE, "not a regular file"),
]


@pytest.mark.parametrize(("case", "content", "expected"), BASELINES, ids=[b[0] for b in BASELINES])
def test_a_costly_baseline_is_refused_in_bounded_memory(
    tiny: Path, tmp_path: Path, case: str, content: str, expected: str
) -> None:
    good = tmp_path / "req.yaml"
    good.write_text(GOOD, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    _place(baseline, content)
    code, err, peak = _run(["score", str(good), "--catalog", str(tiny), "--baseline", str(baseline)], tiny)
    _check(code, err, peak, baseline, expected, None)


def test_a_baseline_of_two_mib_of_empty_objects_stays_in_bounded_memory(tiny: Path, tmp_path: Path) -> None:
    """JSON has no count of values as the YAML reader has: the baseline reader counts objects
    and lists before parsing and refuses 700,000 empty objects at once."""
    good = tmp_path / "req.yaml"
    good.write_text(GOOD, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    baseline.write_text('{"results": [' + "{}," * 699_000 + "{}]}", encoding="utf-8")
    code, err, peak = _run(["score", str(good), "--catalog", str(tiny), "--baseline", str(baseline)], tiny)
    assert code == 2 and "more than 100,000 objects and lists; not a baseline" in err, err
    assert peak < MAX_PEAK_BYTES


class _Endless(io.RawIOBase):
    """Standard input that never ends, as `advisor score - < /dev/zero` would give."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        buffer[:] = b"a" * len(buffer)
        return len(buffer)


def test_endless_standard_input_is_refused_in_bounded_memory(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(_Endless()), encoding="utf-8"))
    code, err, peak = _run(["score", "-", "--catalog", str(tiny)], tiny)
    _check(code, err, peak, Path("<stdin>"), "input is larger than", None)


@pytest.mark.e2e
def test_alias_bomb_in_a_real_process_stays_small(tmp_path: Path) -> None:
    """The billion-laughs file, in a separate process capped at 1 GiB of address space (how
    long the refusal takes is a row of bench/run.py)."""
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb(levels=12), encoding="utf-8")

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    run = subprocess.run(
        [sys.executable, "-m", "platform_advisor", "score", str(path)],
        capture_output=True,
        text=True,
        preexec_fn=cap,
        timeout=30,
        check=False,
    )
    assert run.returncode == 2, run.stderr
    assert "refused" in run.stderr and "Traceback" not in run.stderr


def test_every_case_is_distinct() -> None:
    ids = [c[0] for c in REQUIREMENTS] + [s[0] for s in SPECIAL] + [c[0] for c in CATALOGUE]
    assert len(ids) == len(set(ids)) >= 40


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from platform_advisor._errors import IOFailure
    from platform_advisor._files import write_atomic

    target = tmp_path / "answers.yaml"
    target.write_text("old\n")
    target.chmod(0o640)

    def disk_full(*_: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", disk_full)
    with pytest.raises(IOFailure, match="No space left on device"):  # exit 74, naming the file
        write_atomic(target, "new\n")
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml"]
    monkeypatch.undo()
    write_atomic(target, "new\n")
    assert target.read_text() == "new\n" and (target.stat().st_mode & 0o777) == 0o640


@pytest.mark.e2e
def test_sigterm_exits_143_with_one_line_and_no_partial_output(tmp_path: Path) -> None:
    import signal
    import time

    from .conftest import REPO

    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "platform_advisor",
            "robustness",
            str(REPO / "examples" / "nordic_outdoor.yaml"),
            "--samples",
            "1000000",
            "--format",
            "json",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.5)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 143
    assert err == "advisor: terminated\n"
    assert out == ""
