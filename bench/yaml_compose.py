"""Benchmark: the event-based tree builder of `_yaml.load_text` against `yaml.compose` with a
YAML 1.2 core resolver and a short walker, on the catalogue files, in one run.

    python bench/yaml_compose.py [--repeat 15]

Both sides parse every catalogue file (criteria/*.yaml, platforms/*.yaml) from text already in
memory, interleaved so machine noise hits both; the table shows the medians and their ratio.
The walker is a sketch: it builds the same values (checked here for every file) but keeps
none of the limits that `_yaml` applies while the parser streams (values as written, several
documents, the depth and number bounds) nor its positions of keys, so it shows what the
composer could save at most, not a drop-in replacement.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from platform_advisor._yaml import _resolve_plain, load_text  # noqa: E402

try:
    from yaml import CSafeLoader as Base
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as Base  # type: ignore[assignment]


class CoreLoader(Base):  # type: ignore[misc,valid-type]
    """YAML 1.2 core schema: only null, bool, int and float are resolved; `NO` stays text."""

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}  # noqa: RUF012 (PyYAML reads resolvers from this class attribute)


for tag, pattern, first in (
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    (
        "tag:yaml.org,2002:int",
        r"^(?:[-+]?(?:0|[1-9][0-9]*(?:_[0-9]+)*)|0x[0-9a-fA-F]+|0o[0-7]+)$",
        list("-+0123456789"),
    ),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
):
    CoreLoader.add_implicit_resolver(tag, re.compile(pattern), first)


def walk(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:str":
            return node.value
        return _resolve_plain(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [walk(item) for item in node.value]
    out: dict[Any, Any] = {}
    for key, value in node.value:
        if key.tag == "tag:yaml.org,2002:merge":
            continue  # the catalogue has none; a replacement must merge like _yaml does
        out[walk(key)] = walk(value)
    return out


def walk_located(node: yaml.Node, loc: tuple[Any, ...], positions: dict[tuple[Any, ...], tuple[int, int]]) -> Any:
    """The same walk, recording where each key and item is, as `_yaml.Document` needs."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:str":
            return node.value
        return _resolve_plain(node.value)
    if isinstance(node, yaml.SequenceNode):
        out_list = []
        for i, item in enumerate(node.value):
            at = (*loc, i)
            positions[at] = (item.start_mark.line + 1, item.start_mark.column + 1)
            out_list.append(walk_located(item, at, positions))
        return out_list
    out: dict[Any, Any] = {}
    for key, value in node.value:
        k = walk(key)
        at = (*loc, k)
        positions[at] = (key.start_mark.line + 1, key.start_mark.column + 1)
        out[k] = walk_located(value, at, positions)
    return out


def composed(text: str) -> Any:
    return walk(yaml.compose(text, Loader=CoreLoader))


def composed_located(text: str) -> Any:
    positions: dict[tuple[Any, ...], tuple[int, int]] = {}
    return walk_located(yaml.compose(text, Loader=CoreLoader), (), positions), positions


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    files = sorted([*(REPO / "criteria").glob("*.yaml"), *(REPO / "platforms").glob("*.yaml")])
    texts = [(str(p), p.read_text(encoding="utf-8")) for p in files]
    for name, text in texts:
        doc = load_text(text, name)
        data, positions = composed_located(text)
        if (
            composed(text) != doc.data
            or data != doc.data
            or positions != {k: v for k, v in doc.positions.items() if k != ()}
        ):
            raise SystemExit(f"{name}: the two readers build different values or positions")

    def time_of(fn: Any) -> float:
        start = time.perf_counter()
        for name, text in texts:
            fn(name, text)
        return time.perf_counter() - start

    events, compose, located = [], [], []
    for _ in range(args.repeat):
        events.append(time_of(lambda n, t: load_text(t, n)))
        compose.append(time_of(lambda n, t: composed(t)))
        located.append(time_of(lambda n, t: composed_located(t)))
    e, c, w = statistics.median(events), statistics.median(compose), statistics.median(located)
    print(f"{len(texts)} catalogue files, {sum(len(t) for _, t in texts) / 1024:.0f} KiB, median of {args.repeat}")
    print("| reader | all files | ratio to _yaml |")
    print("|---|---|---|")
    print(f"| _yaml.load_text (events, own tree, positions, limits) | {e * 1000:.1f} ms | 1.00 |")
    print(f"| yaml.compose + core resolver + walker (no positions, no limits) | {c * 1000:.1f} ms | {c / e:.2f} |")
    print(f"| the same walker recording positions (no limits) | {w * 1000:.1f} ms | {w / e:.2f} |")


if __name__ == "__main__":
    main()
