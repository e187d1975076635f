"""A/B: two revisions (or two commands) compared by the CPU time of the child, interleaved.

    python bench/ab.py main HEAD -- score examples/nordic_outdoor.yaml -f json
    python bench/ab.py main . --batch 300 -- score -f json
    python bench/ab.py --cmd "advisor --version" --cmd "advisor --help"
    python bench/ab.py HEAD~1 . --until "What is the company called" -- interview --out /tmp/x.yaml

Everything after `--` goes to the advisor (or is appended to both --cmd lines).

A side is a git revision (`main`, `HEAD~2`, a hash), exported with `git archive` into a
temporary directory and run as `python -m platform_advisor ARGS` with that tree's `src` first
on the path, so its code and its catalogue are the revision's; `.` is this checkout as it is,
uncommitted edits included. Input paths are the same for both sides (relative to where this
is run from). With --cmd, each side is a whole shell-free command line instead.

Wall time on a busy 2-core machine says as much about the neighbours as about the change;
the user+system CPU time of the child (os.wait4) says much less about them. Runs alternate
A B, B A, A B, ... so drift hits both sides alike; the report gives each side's median, the
ratio of the medians and the median and spread of the per-pair ratios. A benchmark, not a
test: the verdict is a judgement left to the reader, not an exit code.
"""

from __future__ import annotations

import argparse
import compileall
import io
import os
import shlex
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))


def export(rev: str, into: Path) -> Path:
    """The revision's tree (code and catalogue) in `into`, bytecode compiled as an install would."""
    if rev == ".":
        return REPO
    data = subprocess.run(["git", "-C", str(REPO), "archive", rev], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def command(tree: Path, args: list[str]) -> tuple[list[str], dict[str, str]]:
    env = {**os.environ, "PYTHONPATH": str(tree / "src"), "NO_COLOR": "1", "TERM": "xterm", "LANG": "C.UTF-8"}
    return [sys.executable, "-m", "platform_advisor", *args], env


def cpu_run(cmd: list[str], env: dict[str, str], codes: tuple[int, ...]) -> tuple[float, float]:
    """(user + system CPU seconds of the child, wall seconds)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keep Popen from waiting again
    if child.returncode not in codes:
        raise SystemExit(f"{shlex.join(cmd[:6])} ...: exit {child.returncode} (allowed: {codes}; see --ok)")
    return usage.ru_utime + usage.ru_stime, wall


def cpu_until(cmd: list[str], env: dict[str, str], text: str) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of a child in a pseudo-terminal until `text` is on its
    screen (the interview's first question); the CPU time is read from /proc while it waits."""
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(cmd[0], cmd[1:], env=env, encoding="utf-8", dimensions=(40, 120), timeout=30)
    child.expect(text)
    wall = time.perf_counter() - start
    with Path(f"/proc/{child.pid}/schedstat").open(encoding="ascii") as fh:
        spent = int(fh.read().split()[0]) / 1e9  # nanoseconds on a CPU, this process only
    child.sendintr()
    child.expect(pexpect.EOF)
    return spent, wall


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__
    )
    parser.add_argument("a", nargs="?", help="revision A (git revision, or . for this checkout)")
    parser.add_argument("b", nargs="?", help="revision B")
    parser.add_argument("--cmd", action="append", default=[], help="a whole command line; give it twice (A, B)")
    parser.add_argument("--repeat", type=int, default=15, help="runs per side (default 15)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs per side first (caches, bytecode)")
    parser.add_argument("--batch", type=int, default=0, help="append N generated requirements files to ARGS")
    parser.add_argument(
        "--until", metavar="TEXT", help="run in a pseudo-terminal and stop timing when TEXT is on screen (Linux)"
    )
    parser.add_argument("--ok", default="0", help="exit codes that count as success, comma-separated (default 0)")
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    opts = parser.parse_args(argv[:cut])
    args = argv[cut + 1 :]  # the advisor's own arguments
    codes = tuple(int(c) for c in opts.ok.split(","))

    with tempfile.TemporaryDirectory(prefix="ab-") as tmp:
        work = Path(tmp)
        if opts.batch:
            from run import make_batch

            (work / "batch").mkdir()
            args = [*args, *make_batch(work / "batch", opts.batch)]
        # a cache of our own: the A/B runs neither evict nor reuse the user's entries
        os.environ["ADVISOR_CACHE_DIR"] = str(work / "cache")
        if opts.cmd:
            if len(opts.cmd) != 2 or opts.a or opts.b:
                parser.error("give --cmd exactly twice, and no revisions")
            labels = opts.cmd
            sides = [(shlex.split(c) + args, {**os.environ, "NO_COLOR": "1"}) for c in opts.cmd]
        else:
            if not (opts.a and opts.b):
                parser.error("give two revisions, or --cmd twice")
            labels = [opts.a, opts.b]
            sides = []
            for name, rev in (("a", opts.a), ("b", opts.b)):
                tree = export(rev, work / name)
                compileall.compile_dir(tree / "src", quiet=1)
                sides.append(command(tree, args))

        def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
            return cpu_until(cmd, env, opts.until) if opts.until else cpu_run(cmd, env, codes)

        for cmd, env in sides:
            for _ in range(opts.warmup):
                measure(cmd, env)
        cpu: list[list[float]] = [[], []]
        wall: list[list[float]] = [[], []]
        for i in range(opts.repeat):
            for side in (0, 1) if i % 2 == 0 else (1, 0):
                spent, took = measure(*sides[side])
                cpu[side].append(spent)
                wall[side].append(took)

    pairs = [b / a for a, b in zip(cpu[0], cpu[1], strict=True) if a > 0]
    q = statistics.quantiles(pairs, n=4) if len(pairs) >= 2 else [pairs[0]] * 3
    print(f"{opts.repeat} interleaved runs per side; CPU = user + system of the child; load {os.getloadavg()[0]:.2f}")
    print("| side | CPU median | CPU min | wall median |")
    print("|---|---:|---:|---:|")
    for label, c, w in zip(labels, cpu, wall, strict=True):
        print(f"| {label} | {statistics.median(c):.3f} s | {min(c):.3f} s | {statistics.median(w):.3f} s |")
    print(
        f"\nB/A, CPU medians: {statistics.median(cpu[1]) / statistics.median(cpu[0]):.3f}; "
        f"per-pair ratios: median {statistics.median(pairs):.3f}, quartiles {q[0]:.3f}-{q[2]:.3f}"
    )


if __name__ == "__main__":
    main()
