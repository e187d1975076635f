"""Benchmark: start-up and throughput as ratios against the import floor, measured in one run.

    python bench/run.py [--repeat 7]

Each command is run --repeat times, interleaved with the floor so machine noise hits both;
the table shows medians and ratios against the targets of issue 9. A benchmark, not a test:
nothing fails on a slow machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "nordic_outdoor.yaml"
PY = sys.executable
ADVISOR = shutil.which("advisor", path=str(Path(PY).parent)) or "advisor"
REVENUE = re.compile(r"(?m)^\s+online_revenue: (\d+)$")
ENV = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "LANG": "C.UTF-8"}


def timed(cmd: list[str], codes: tuple[int, ...] = (0,)) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in codes:
        raise SystemExit(f"{' '.join(cmd[:3])}...: exit {done.returncode}: {done.stderr.decode()[-300:]}")
    return elapsed


def refused(cmd: list[str], stdin: bytes = b"") -> float:
    """Time a command that must refuse its input with exit 2: any other exit would time the
    wrong thing (the hostile tests check the message; this only checks the code)."""
    start = time.perf_counter()
    done = subprocess.run(cmd, input=stdin, capture_output=True, env=ENV, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 2:
        raise SystemExit(f"{' '.join(cmd)}: expected exit 2, got {done.returncode}: {done.stderr.decode()[-300:]}")
    return elapsed


def hostile_files(folder: Path) -> tuple[Path, Path]:
    """The two refusals the hostile tests used to time: a billion-laughs alias bomb (12 levels
    of 10, as in the capped-process test) and a 2 MiB flow sequence of a million values."""
    lines = [f"a0: &a0 [{', '.join(['lol'] * 10)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    bomb = folder / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\nversion: 1\n", encoding="utf-8")
    flow = folder / "flow.yaml"
    flow.write_text("version: 1\nx: [" + "1," * 1_000_000 + "1]\n", encoding="utf-8")
    return bomb, flow


def first_prompt(out: Path) -> float:
    import pexpect

    out.unlink(missing_ok=True)
    start = time.perf_counter()
    child = pexpect.spawn(
        ADVISOR, ["interview", "--out", str(out)], env=ENV, encoding="utf-8", dimensions=(40, 120), timeout=20
    )
    child.expect("What is the company called")
    elapsed = time.perf_counter() - start
    child.sendintr()
    child.expect(pexpect.EOF)
    return elapsed


# References, not targets; both leave with os._exit, as `advisor` does, so interpreter
# teardown is out of the comparison. A typer 0.29 app with one int option: typer coerces every
# parameter through a pydantic TypeAdapter, so pydantic's models load on every run.
BARE_TYPER = """
import os, typer
app = typer.Typer()
@app.command()
def main(n: int = 1) -> None:
    pass
app(["--n", "2"], standalone_mode=False)
os._exit(0)
"""
# The framework part of `advisor score`: the same root and score's own options, parsed by typer,
# and the requirements model built, with a body that does nothing else. What the advisor adds
# (catalogue, file, scoring, JSON) is the difference between this and the real command.
SCORE_FRAMEWORK = """
import functools, os, sys
import typer
from platform_advisor.cli import _root
from platform_advisor.cli.score import score_command
app = typer.Typer()
app.callback()(_root)
@app.command("score")
@functools.wraps(score_command)
def score(**kwargs):
    from platform_advisor._models import Requirements
    Requirements.model_rebuild()
app(["score", sys.argv[1], "-f", "json"], standalone_mode=False)
os._exit(0)
"""


def compile_package() -> None:
    """pip compiles bytecode when it installs a wheel; an editable checkout (or a machine with
    PYTHONDONTWRITEBYTECODE set) would otherwise recompile every module on every run, a cost
    no user pays."""
    import compileall

    import platform_advisor

    compileall.compile_dir(Path(platform_advisor.__file__).parent, quiet=1)


def make_batch(folder: Path, n: int) -> list[str]:
    """n distinct requirements files: the examples with revenue and name varied.

    Each pass over the examples moves revenue by another 0.1% (up to about 6% for 1,000
    files), so no two files score the same input and no cache keyed by it can flatter the
    figure. A moved revenue may fail an example's `expect` (exit 1): the same work is done.
    """
    sources = sorted((REPO / "examples").glob("*.yaml"))
    paths = []
    for i in range(n):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        text = text.replace("\nname: ", f"\nname: Batch {i} ", 1)
        step = 1 + (i // len(sources)) / 1000
        found = REVENUE.search(text)
        if found is None:
            raise SystemExit(f"{sources[i % len(sources)]}: no online_revenue to vary")
        text = f"{text[: found.start(1)]}{round(int(found[1]) * step)}{text[found.end(1) :]}"
        path = folder / f"req_{i:04d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def median_of(fn: Callable[[], float], floor: Callable[[], float], repeat: int) -> tuple[float, float]:
    runs, floors = [], []
    for _ in range(repeat):
        floors.append(floor())
        runs.append(fn())
    return statistics.median(runs), statistics.median(floors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()

    def floor() -> float:
        return timed([PY, "-c", "import typer, pydantic, yaml, rich.console"])

    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        batch = make_batch(Path(tmp), args.batch)
        bomb, flow = hostile_files(Path(tmp))
        timed([ADVISOR, "score", str(EXAMPLE), "-f", "json"])  # warm caches and bytecode
        bare = statistics.median(timed([PY, "-c", "pass"]) for _ in range(args.repeat))
        rows: list[tuple[str, float, float, str, str]] = []

        def add(label: str, fn: Callable[[], float], target: str, check: Callable[[float, float], bool]) -> float:
            value, fl = median_of(fn, floor, args.repeat)
            verdict = "" if label.startswith("reference") else "met" if check(value, fl) else "NOT met"
            rows.append((label, value, value / fl, target, verdict))
            return value

        add(
            "reference: a typer app with one int option",
            lambda: timed([PY, "-c", BARE_TYPER]),
            "(any command pays this)",
            lambda v, f: True,
        )
        add(
            "reference: score's options and models, no work",
            lambda: timed([PY, "-c", SCORE_FRAMEWORK, str(EXAMPLE)]),
            "(the framework part of score)",
            lambda v, f: True,
        )
        add("advisor --help", lambda: timed([ADVISOR, "--help"]), "<= 1.2 x floor", lambda v, f: v <= 1.2 * f)
        add("advisor --version", lambda: timed([ADVISOR, "--version"]), "<= 1.2 x floor", lambda v, f: v <= 1.2 * f)
        one = add(
            "score 1 file --format json",
            lambda: timed([ADVISOR, "score", str(EXAMPLE), "-f", "json"]),
            "<= 1.4 x floor",
            lambda v, f: v <= 1.4 * f,
        )
        many = add(
            f"score {args.batch} files in one call",
            lambda: timed([ADVISOR, "score", *batch, "-f", "json"], codes=(0, 1)),
            "<= 3 s and <= 10 x one file",
            lambda v, f: v <= 3.0 and v <= 10 * one,
        )
        add(
            "robustness --samples 10000",
            lambda: timed([ADVISOR, "robustness", str(EXAMPLE), "-n", "10000", "-f", "json"]),
            "<= 0.5 s beyond score",
            lambda v, f: v - one <= 0.5,
        )
        add(
            "refuse a billion-laughs file (exit 2)",
            lambda: refused([ADVISOR, "score", str(bomb), "-f", "json"]),
            "<= 1.2 x score 1 file",
            lambda v, f: v <= 1.2 * one,
        )
        add(
            "refuse a 2 MiB flow sequence (exit 2)",
            lambda: refused([ADVISOR, "score", str(flow), "-f", "json"]),
            "<= 1.2 x score 1 file",
            lambda v, f: v <= 1.2 * one,
        )
        prompt = add(
            "interview: first question on screen",
            lambda: first_prompt(Path(tmp) / "i.yaml"),
            "<= 0.4 s",
            lambda v, f: v <= 0.4,
        )
        add(
            "interview without a terminal (exit 2)",
            lambda: refused([ADVISOR, "interview", "--out", str(Path(tmp) / "none.yaml")], stdin=b"\n"),
            "<= 1 x first question on screen",
            lambda v, f: v <= prompt,
        )
        fl = statistics.median(floor() for _ in range(args.repeat))

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()}; {args.repeat} runs each, medians"
    )
    print(f"bare interpreter {bare:.3f} s; import floor (typer, pydantic, yaml, rich.console) {fl:.3f} s\n")
    print("| measurement | median | x floor | target | |")
    print("|---|---:|---:|---|---|")
    for label, value, ratio, target, verdict in rows:
        print(f"| {label} | {value:.3f} s | {ratio:.2f} | {target} | {verdict} |")
    print(f"\nIn the batch, each file beyond the first cost {1000 * (many - one) / (args.batch - 1):.2f} ms.")


if __name__ == "__main__":
    main()
