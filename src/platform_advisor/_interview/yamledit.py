"""Change a few keys of a YAML file in place and leave every other byte as it was.

`advisor interview --resume` writes back only the fields its questions own; the rest of a
hand-written or hand-edited file (fields it never asks about, comments, layout, quoting)
must survive. PyYAML has no round-trip mode, so this locates each owned key through the
composer's node marks and replaces, or inserts, just the text of that value. A value is
written in flow style on one line (`markets: [SE, NO]`), which is valid wherever it lands.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# libyaml when present: the interview rewrites its file after every answer
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class EditError(ValueError):
    """The file's shape does not allow the edit (e.g. a mapping expected where a list is)."""


def flow(value: Any) -> str:
    """One value as a single line of YAML."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**9, sort_keys=False)
    text = text.strip()
    return text[: -len("...")].strip() if text.endswith("...") else text


def _end(node: Node) -> int:
    """Where a value's own text ends: a block collection's end mark lies past the line breaks
    and indentation that follow it, so use its last child's end instead."""
    if isinstance(node, MappingNode) and not node.flow_style and node.value:
        return _end(node.value[-1][1])
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        return _end(node.value[-1])
    return int(node.end_mark.index)


def _get(mapping: MappingNode, key: str) -> tuple[Node, Node] | None:
    for k, v in mapping.value:
        if isinstance(k, ScalarNode) and k.value == key:
            return k, v
    return None


def _line_end(text: str, index: int) -> int:
    """Just past the line break of the line that holds `index` (a trailing comment stays)."""
    nl = text.find("\n", index)
    return len(text) if nl < 0 else nl + 1


def _nested(keys: list[str], value: Any, indent: int) -> str:
    pad = " " * indent
    if len(keys) == 1:
        return f"{pad}{flow(keys[0])}: {flow(value)}\n"
    return f"{pad}{flow(keys[0])}:\n" + _nested(keys[1:], value, indent + 2)


def set_values(text: str, changes: dict[str, Any]) -> str:
    """`text` with each dotted path in `changes` set to its value; applied one at a time, and
    only where the value differs (an unchanged key keeps its original spelling)."""
    data = yaml.load(text, Loader=_LOADER)
    for path, value in changes.items():
        if _lookup(data, path.split(".")) == (value,):
            continue
        text = _set_one(text, path.split("."), value)
    return text


def _lookup(data: Any, keys: list[str]) -> tuple[Any, ...]:
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return ()
        data = data[key]
    return (data,)


def _set_one(text: str, keys: list[str], value: Any) -> str:
    root = yaml.compose(text, Loader=_LOADER)
    if root is None:
        return (text if text.endswith("\n") or not text else text + "\n") + _nested(keys, value, 0)
    node: Node = root
    for depth, key in enumerate(keys):
        if not isinstance(node, MappingNode):
            raise EditError(f"{'.'.join(keys[:depth]) or 'the file'} is not a mapping")
        found = _get(node, key)
        if found is None:
            if value in (None, [], {}):
                return text  # nothing to say: leave the key out rather than write an empty one
            return _insert(text, node, keys[depth:], value, depth)
        node = found[1]
    start, end = node.start_mark.index, _end(node)
    if start == end:  # `key:` with nothing after it
        return text[:start] + " " + flow(value) + text[end:]
    return text[:start] + flow(value) + text[end:]


def _insert(text: str, mapping: MappingNode, keys: list[str], value: Any, depth: int) -> str:
    if mapping.flow_style or not mapping.value:
        # `business: {}` or `business: {model: b2c}`: rewrite that small mapping as a whole
        current = yaml.safe_load(text[mapping.start_mark.index : mapping.end_mark.index]) or {}
        node = current
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = value
        start, end = mapping.start_mark.index, mapping.end_mark.index
        if depth == 0:
            return text[:start] + yaml.safe_dump(current, sort_keys=False, allow_unicode=True) + text[end:]
        return text[:start] + flow(current) + text[end:]
    indent = mapping.value[0][0].start_mark.column
    at = _line_end(text, _end(mapping.value[-1][1]))
    before = text[:at] if text[:at].endswith("\n") or not text[:at] else text[:at] + "\n"
    return before + _nested(keys, value, indent) + text[at:]


def remove_top(text: str, key: str) -> str:
    """`text` without the top-level `key` and its value (used to rewrite the interview block)."""
    root = yaml.compose(text, Loader=_LOADER)
    if not isinstance(root, MappingNode):
        return text
    for k, v in root.value:
        if isinstance(k, ScalarNode) and k.value == key:
            start = text.rfind("\n", 0, k.start_mark.index) + 1
            return text[:start] + text[_line_end(text, _end(v)) :]
    return text
