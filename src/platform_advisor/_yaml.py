"""Safe YAML reading that remembers where every value came from.

PyYAML's C parser composes the node graph (fast, with line/column marks); this module then builds
plain Python values itself, so that:
- nothing is ever constructed from a tag (no Python objects, ever);
- plain scalars follow YAML 1.2's core schema: `NO`, `yes`, `on` stay strings (so `NO` is Norway),
  dates stay strings for the models to parse, numbers with leading zeros stay strings;
- duplicate keys are errors naming both lines;
- alias expansion, nesting depth and file size are bounded before they can hurt.
"""

from __future__ import annotations

import math
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ._errors import InputError, Problem

try:  # the C parser is several times faster; fall back quietly where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64

Loc = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:merge",
}
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*(_[0-9]+)*)$")
_HEX_OCT = re.compile(r"0x[0-9a-fA-F]+$|0o[0-7]+$")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)$")
_NAN = re.compile(r"\.(nan|NaN|NAN)$")


@dataclass
class Document:
    """Parsed YAML data plus the position of every key and item, for error messages."""

    path: str
    data: Any
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def locate(self, loc: Loc) -> tuple[int | None, int | None]:
        """Best position for `loc`: the entry itself, else its nearest located parent."""
        loc = tuple(loc)
        while True:
            if loc in self.positions:
                return self.positions[loc]
            if not loc:
                return (None, None)
            loc = loc[:-1]

    def problem(self, loc: Loc, message: str) -> Problem:
        line, col = self.locate(loc)
        return Problem(self.path, line, col, message)


def read_text(path: Path, display: str | None = None) -> str:
    """Read a UTF-8 text file, refusing non-files and huge files before reading them."""
    name = display or str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError([Problem(name, None, None, "no such file")]) from None
    except OSError as exc:
        raise InputError([Problem(name, None, None, f"cannot read: {exc.strerror}")]) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError([Problem(name, None, None, "is a directory, not a file")])
    if not stat.S_ISREG(st.st_mode):
        raise InputError([Problem(name, None, None, "is not a regular file")])
    if st.st_size > MAX_BYTES:
        raise InputError(
            [Problem(name, None, None, f"file is {st.st_size:,} bytes; the limit is {MAX_BYTES:,}")]
        )
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError([Problem(name, None, None, f"cannot read: {exc.strerror}")]) from None
    if len(raw) > MAX_BYTES:  # grew while we looked, or a special file that lied about its size
        raise InputError([Problem(name, None, None, f"file is larger than {MAX_BYTES:,} bytes")])
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            [Problem(name, 1, 1, "file is UTF-16 encoded; save it as UTF-8")]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        raise InputError(
            [
                Problem(
                    name,
                    line,
                    col,
                    f"not valid UTF-8 (byte 0x{byte:02X}); the file looks like Latin-1 or "
                    "Windows-1252: save it as UTF-8",
                )
            ]
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError([Problem(name, line, None, "file contains a NUL byte; is it binary?")])
    return text


def load_file(path: Path, display: str | None = None) -> Document:
    name = display or str(path)
    return load_text(read_text(path, name), name)


def load_text(text: str, name: str) -> Document:
    """Parse exactly one YAML document from `text`."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise InputError([_yaml_problem(name, exc)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise InputError([Problem(name, None, None, f"invalid YAML: {exc}")]) from None
    except RecursionError:
        raise InputError([Problem(name, None, None, "nesting is too deep")]) from None
    finally:
        loader.dispose()
    if node is None:
        raise InputError([Problem(name, 1, 1, "file is empty")])
    builder = _Builder(name, loader)
    builder.positions[()] = _mark(node)
    data = builder.build(node, (), 0)
    return Document(name, data, builder.positions)


def _yaml_problem(name: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    message = exc.problem or "invalid YAML"
    if "expected a single document" in str(exc.context or ""):
        message = "file holds several YAML documents ('---'); put one document in each file"
    elif exc.context:
        message = f"{message} ({exc.context})"
    message = f"invalid YAML: {message}"
    if mark is None:  # pragma: no cover
        return Problem(name, None, None, message)
    return Problem(name, mark.line + 1, mark.column + 1, message)


class _Builder:
    def __init__(self, name: str, loader: Any) -> None:
        self.name = name
        self.loader = loader
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.count = 0

    def fail(self, node: Node, message: str) -> InputError:
        return InputError(
            [Problem(self.name, node.start_mark.line + 1, node.start_mark.column + 1, message)]
        )

    def build(self, node: Node, loc: Loc, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(
                node, f"document expands to more than {MAX_NODES:,} values (aliases?); refused"
            )
        if depth > MAX_DEPTH:
            raise self.fail(node, f"nesting deeper than {MAX_DEPTH} levels; refused")
        if node.tag not in _ALLOWED_TAGS and not self._implicit(node):
            raise self.fail(node, f"YAML tag {node.tag!r} is not allowed; plain data only")
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            out: list[Any] = []
            for i, item in enumerate(node.value):
                self.positions[(*loc, i)] = _mark(item)
                out.append(self.build(item, (*loc, i), depth + 1))
            return out
        if isinstance(node, MappingNode):
            return self.mapping(node, loc, depth)
        raise self.fail(node, "unsupported YAML node")  # pragma: no cover

    def _implicit(self, node: Node) -> bool:
        # A tag equal to what the resolver would infer was not written by the user.
        if isinstance(node, ScalarNode):
            implicit = (True, False) if _plain(node) else (False, True)
            return bool(node.tag == self.loader.resolve(ScalarNode, node.value, implicit))
        return False

    def scalar(self, node: ScalarNode) -> Any:
        value: str = node.value
        tag = node.tag
        explicit = not self._implicit(node)
        if not _plain(node) and not explicit:
            return value  # quoted or block scalars are text
        if explicit and tag == _STR:
            return value
        resolved = _resolve_plain(value)
        if explicit and tag != "tag:yaml.org,2002:merge":
            kind = tag.rsplit(":", 1)[-1]
            want = {"int": int, "float": float, "bool": bool, "null": type(None)}.get(kind)
            if want is float and isinstance(resolved, int) and not isinstance(resolved, bool):
                return float(resolved)
            if want is not None and not isinstance(resolved, want):
                raise self.fail(node, f"{value!r} is not a valid !!{kind}")
        return resolved

    def mapping(self, node: MappingNode, loc: Loc, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        seen: dict[Any, int] = {}
        merged: list[tuple[Node, Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" and key_node.value == "<<":
                merged.extend(self._merge_sources(value_node))
                continue
            if not isinstance(key_node, ScalarNode):
                raise self.fail(key_node, "mapping keys must be plain text")
            key = self.scalar(key_node)
            try:
                hash(key)
            except TypeError:  # pragma: no cover - scalars are hashable
                raise self.fail(key_node, "mapping key is not hashable") from None
            if key in seen:
                raise self.fail(
                    key_node, f"duplicate key {key!r} (first defined on line {seen[key]})"
                )
            seen[key] = key_node.start_mark.line + 1
            self.positions[(*loc, key)] = _mark(key_node)
            out[key] = self.build(value_node, (*loc, key), depth + 1)
        for key_node, value_node in merged:  # explicit keys win over merged ones
            key = self.scalar(key_node)  # type: ignore[arg-type]
            if key not in out:
                self.positions[(*loc, key)] = _mark(key_node)
                out[key] = self.build(value_node, (*loc, key), depth + 1)
        return out

    def _merge_sources(self, value: Node) -> Iterator[tuple[Node, Node]]:
        sources = value.value if isinstance(value, SequenceNode) else [value]
        for src in sources:
            if not isinstance(src, MappingNode):
                raise self.fail(src, "'<<' merges mappings only")
            yield from src.value


def _plain(node: ScalarNode) -> bool:
    return not node.style  # the C parser says '' for plain, the Python one None


def _mark(node: Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _resolve_plain(value: str) -> Any:
    """YAML 1.2 core schema, plus `1_000` digit grouping; everything else stays text."""
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(value.replace("_", ""))
    if _HEX_OCT.match(value):
        return int(value, 0)
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        if re.match(r"[-+]?0[0-9]", value) and "." not in value and "e" not in value.lower():
            return value  # 0755: leading zeros mean text (a code, not a number)
        return float(value.replace("_", ""))
    if _INF.match(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN.match(value):
        return math.nan
    return value


def is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False
