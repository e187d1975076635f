"""Benchmark: peak memory and time of one `advisor score` over a large batch, per format.

    python bench/memory.py [--files 10000] [--formats json,table]

Writes N requirements files (the examples, renamed) to a temporary directory, runs
`advisor score` once over all of them with the report going to a file, and reports the
child's peak resident set (ru_maxrss) and wall time. Issue 18 asks for under about 300 MB at
10,000 files, and a table format linear in files. A benchmark, not a test: nothing fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADVISOR = shutil.which("advisor", path=str(Path(sys.executable).parent)) or "advisor"
ENV = {**os.environ, "NO_COLOR": "1", "LANG": "C.UTF-8"}


def write_batch(folder: Path, count: int) -> list[Path]:
    examples = sorted((REPO / "examples").glob("*.yaml"))
    texts = [p.read_text(encoding="utf-8") for p in examples]
    paths = []
    for i in range(count):
        path = folder / f"client_{i:05d}.yaml"
        path.write_text(texts[i % len(texts)], encoding="utf-8")
        paths.append(path)
    return paths


def measure(files: list[Path], fmt: str, out: Path) -> tuple[float, float, int]:
    """(seconds, peak MB of the child, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [ADVISOR, "score", *(p.name for p in files), "-f", fmt, "-o", str(out)],
        cwd=files[0].parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--formats", default="json,table")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = write_batch(folder, args.files)  # run from there: short names keep argv small
        print(f"{args.files:,} files, advisor at {ADVISOR}")
        print(f"{'format':<8} {'seconds':>8} {'peak MB':>8} {'exit':>5}")
        for fmt in args.formats.split(","):
            elapsed, peak, code = measure(files, fmt, folder / f"out.{fmt}")
            print(f"{fmt:<8} {elapsed:8.1f} {peak:8.0f} {code:5d}")


if __name__ == "__main__":
    main()
