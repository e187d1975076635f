"""Safe YAML reading that remembers where every value came from.

PyYAML's C parser composes the node graph (fast, with line/column marks); this module then builds
plain Python values itself, so that:
- nothing is ever constructed from a tag (no Python objects, ever);
- plain scalars follow YAML 1.2's core schema: `NO`, `yes`, `on` stay strings (so `NO` is Norway),
  dates stay strings for the models to parse, numbers with leading zeros stay strings;
- duplicate keys are errors naming both lines;
- alias expansion, nesting depth and file size are bounded before they can hurt, and so is
  the number of values as written, counted while the parser streams events (a 2 MiB flow
  sequence is refused after 20,000 items, not after building a million);
- numbers are bounded before Python converts them: an integer of more than 24 digits (int()
  itself refuses 4,300, with no position), a float too small for ordinary arithmetic (a
  subnormal such as 1e-312, or one that underflows to zero) is refused with its position.
"""

from __future__ import annotations

import math
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ._errors import InputError, Problem

try:  # the C parser is several times faster; fall back quietly where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 50_000  # the largest catalogue file has about 1,500 values
MAX_WRITTEN = 20_000  # values as written, before aliases: counted as the parser streams them
MAX_DEPTH = 64
MAX_DIGITS = 24  # the largest bound of any numeric field is 1e13


class _BadNumber(ValueError):
    """A scalar that looks like a number the advisor cannot compute with safely."""


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
        raise InputError([Problem(name, None, None, f"file is {st.st_size:,} bytes; the limit is {MAX_BYTES:,}")])
    try:
        with path.open("rb") as fh:
            # Sized by the stat: a read of MAX_BYTES + 1 allocates 2 MiB for every file (30 µs
            # each, 2 ms of every run for the catalogue's 60). Past the stat's size, read on
            # to the limit, so a file that grew meanwhile is refused all the same.
            raw = fh.read(st.st_size + 1)
            if len(raw) > st.st_size:
                raw += fh.read(MAX_BYTES + 1 - len(raw))
    except OSError as exc:
        raise InputError([Problem(name, None, None, f"cannot read: {exc.strerror}")]) from None
    if len(raw) > MAX_BYTES:  # grew while we looked, or a special file that lied about its size
        raise InputError([Problem(name, None, None, f"file is larger than {MAX_BYTES:,} bytes")])
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError([Problem(name, 1, 1, "file is UTF-16 encoded; save it as UTF-8")])
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
    try:
        root = _Tree(name).build(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        raise InputError([_yaml_problem(name, exc)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise InputError([Problem(name, None, None, f"invalid YAML: {exc}")]) from None
    builder = _Builder(name)
    builder.positions[()] = root.mark
    data = builder.build(root, (), 0)
    return Document(name, data, builder.positions)


def _yaml_problem(name: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    message = exc.problem or "invalid YAML"
    if exc.context:
        message = f"{message} ({exc.context})"
    message = f"invalid YAML: {message}"
    if mark is None:  # pragma: no cover
        return Problem(name, None, None, message)
    return Problem(name, mark.line + 1, mark.column + 1, message)


class _Node:
    """A node of the document as the parser saw it; aliases share the anchored node."""

    __slots__ = ("kind", "mark", "plain", "size", "tag", "value")

    def __init__(self, kind: str, mark: tuple[int, int], value: Any, tag: str | None, plain: bool) -> None:
        self.kind, self.mark, self.value, self.tag, self.plain = kind, mark, value, tag, plain
        self.size = 1  # values it expands to, itself included, as _Builder counts them


_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAP_START, _SEQ_START = yaml.MappingStartEvent, yaml.SequenceStartEvent
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_SKIPPED = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)


class _Tree:
    """Build nodes from parser events. Events say whether a tag was written by the user
    (`implicit`), so no implicit-tag resolver (PyYAML's slow regex pass) is ever needed.

    Two counts bound the work before any value is built: values as written (a huge flow
    sequence), and values after alias expansion (a billion laughs), which is what `_Builder`
    would build: every node counts itself and, through an alias, the whole anchored node again;
    mapping keys are not counted. The expansion is refused at the alias that takes it past the
    limit, instead of after building 50,000 values one by one."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, event: Any, message: str) -> InputError:
        return InputError([Problem(self.name, event.start_mark.line + 1, event.start_mark.column + 1, message)])

    def build(self, events: Iterator[Any]) -> _Node:
        anchors: dict[str, _Node] = {}
        stack: list[_Node] = []
        starts: list[int] = []  # per open container: `expanded` when it started
        root: _Node | None = None
        documents = 0
        nodes = 0
        expanded = 0  # values the builder will build for what has been read so far
        for event in events:
            cls = event.__class__
            if cls in _ENDS:
                node = stack.pop()
                node.size = expanded - starts.pop() + 1
                if not stack:
                    root = node
                continue
            if cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self.fail(event, "file holds several YAML documents ('---'); put one document in each file")
                continue
            if cls in _SKIPPED:
                continue
            mark = (event.start_mark.line + 1, event.start_mark.column + 1)
            nodes += 1
            if nodes > MAX_WRITTEN:
                raise self.fail(event, f"document holds more than {MAX_WRITTEN:,} values; refused")
            parent = stack[-1] if stack else None
            # a mapping's keys sit at even places among its children and are not built as values
            counted = parent is None or parent.kind != "map" or len(parent.value) % 2 == 1
            if cls is _SCALAR:
                plain = event.tag is None and bool(event.implicit[0])
                node = _Node("scalar", mark, event.value, event.tag, plain)
                expanded += counted
            elif cls is _ALIAS:
                if event.anchor not in anchors:
                    raise self.fail(event, f"unknown alias *{event.anchor}")
                node = _Node("alias", mark, anchors[event.anchor], None, False)
                # an anchored container still open (an alias inside itself) has no size yet:
                # the builder's depth limit refuses that one
                node.size = 1 + node.value.size
                expanded += counted * node.size
                if expanded > MAX_NODES:
                    raise self.fail(event, f"document expands to more than {MAX_NODES:,} values (aliases?); refused")
            else:  # MappingStartEvent, SequenceStartEvent
                node = _Node("map" if cls is _MAP_START else "seq", mark, [], event.tag, False)
                expanded += counted
                starts.append(expanded)  # its size: itself and what is counted until it ends
            if cls is not _ALIAS and event.anchor:
                anchors[event.anchor] = node
            if parent is not None:
                parent.value.append(node)
            if cls is _MAP_START or cls is _SEQ_START:
                stack.append(node)
            elif parent is None:
                root = node
        if root is None:
            raise InputError([Problem(self.name, 1, 1, "file is empty")])
        return root


class _Builder:
    def __init__(self, name: str) -> None:
        self.name = name
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.count = 0

    def fail(self, node: _Node, message: str) -> InputError:
        return InputError([Problem(self.name, node.mark[0], node.mark[1], message)])

    def build(self, node: _Node, loc: Loc, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(node, f"document expands to more than {MAX_NODES:,} values (aliases?); refused")
        if depth > MAX_DEPTH:
            raise self.fail(node, f"nesting deeper than {MAX_DEPTH} levels; refused")
        if node.kind == "alias":
            return self.build(node.value, loc, depth + 1)
        if node.tag is not None and node.tag not in _ALLOWED_TAGS:
            raise self.fail(node, f"YAML tag {node.tag!r} is not allowed; plain data only")
        if node.kind == "scalar":
            return self.scalar(node)
        if node.kind == "seq":
            out: list[Any] = []
            for i, item in enumerate(node.value):
                self.positions[(*loc, i)] = item.mark
                out.append(self.build(item, (*loc, i), depth + 1))
            return out
        return self.mapping(node, loc, depth)

    def scalar(self, node: _Node) -> Any:
        if node.kind != "scalar":
            raise self.fail(node, "mapping keys must be plain text")
        try:
            return self._scalar(node)
        except _BadNumber as exc:
            raise self.fail(node, str(exc)) from None

    def _scalar(self, node: _Node) -> Any:
        value: str = node.value
        if node.plain:
            return _resolve_plain(value)
        if node.tag is None or node.tag == _STR:
            return value  # quoted or block scalars are text
        resolved = _resolve_plain(value)
        kind = node.tag.rsplit(":", 1)[-1]
        want = {"int": int, "float": float, "bool": bool, "null": type(None)}.get(kind)
        if want is float and isinstance(resolved, int) and not isinstance(resolved, bool):
            return float(resolved)  # at most MAX_DIGITS digits: never overflows
        if want is not None and not isinstance(resolved, want):
            raise self.fail(node, f"{value!r} is not a valid !!{kind}")
        return resolved

    def mapping(self, node: _Node, loc: Loc, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        seen: dict[Any, int] = {}
        merged: list[tuple[_Node, _Node]] = []
        items = node.value
        if len(items) % 2:  # pragma: no cover - the parser guarantees pairs
            raise self.fail(node, "mapping with a key and no value")
        for key_node, value_node in zip(items[::2], items[1::2], strict=True):
            if key_node.kind == "scalar" and key_node.plain and key_node.value == "<<":
                merged.extend(self._merge_sources(value_node))
                continue
            if key_node.kind != "scalar":
                raise self.fail(key_node, "mapping keys must be plain text")
            key = self.scalar(key_node)
            if key in seen:
                raise self.fail(key_node, f"duplicate key {key!r} (first defined on line {seen[key]})")
            seen[key] = key_node.mark[0]
            self.positions[(*loc, key)] = key_node.mark
            out[key] = self.build(value_node, (*loc, key), depth + 1)
        for key_node, value_node in merged:  # explicit keys win over merged ones
            key = self.scalar(key_node)
            if key not in out:
                self.positions[(*loc, key)] = key_node.mark
                out[key] = self.build(value_node, (*loc, key), depth + 1)
        return out

    def _merge_sources(self, value: _Node) -> Iterator[tuple[_Node, _Node]]:
        while value.kind == "alias":
            value = value.value
        sources = value.value if value.kind == "seq" else [value]
        for src in sources:
            while src.kind == "alias":
                src = src.value
            if src.kind != "map":
                raise self.fail(src, "'<<' merges mappings only")
            yield from zip(src.value[::2], src.value[1::2], strict=True)


def _resolve_plain(value: str) -> Any:
    """YAML 1.2 core schema, plus `1_000` digit grouping; everything else stays text."""
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(_digits(value))
    if _HEX_OCT.match(value):
        return int(_digits(value), 0)
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        if re.match(r"[-+]?0[0-9]", value) and "." not in value and "e" not in value.lower():
            return value  # 0755: leading zeros mean text (a code, not a number)
        return _float(value.replace("_", ""))
    if _INF.match(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN.match(value):
        return math.nan
    return value


def _digits(value: str) -> str:
    digits = value.replace("_", "")
    if len(digits.lstrip("+-")) > MAX_DIGITS:
        raise _BadNumber(f"number of {len(digits):,} digits is too large; the limit is {MAX_DIGITS}")
    return digits


def _float(text: str) -> float:
    value = float(text)
    mantissa = re.split("[eE]", text, maxsplit=1)[0]
    if value == 0 and any(c in "123456789" for c in mantissa):
        raise _BadNumber(f"{text[:40]} is too close to zero to compute with; write 0 or a larger number")
    if 0 < abs(value) < sys.float_info.min:  # subnormal: log() and division lose all precision
        raise _BadNumber(f"{text[:40]} is too close to zero to compute with; write 0 or a larger number")
    return value
