"""Text from files, made safe for the medium it leaves the process in.

Requirements files arrive from clients and catalogue edits from pull requests, so any name,
note or URL may hold an escape sequence (which retitles a terminal or clears it), a newline
(which forges another error line or a `::error` workflow command), a right-to-left override
(which reverses what is shown), Markdown or HTML (a fake heading, a remote image, an open
`<!--` that hides what follows) or a character XML does not allow. Each function here is for
one medium and is applied where the text leaves: a renderer's cell, an error line, a file.

Control and bidirectional-formatting characters are shown as escapes (`\\x1b`, `\\u202e`), not
dropped, so a reader sees that something odd is in the file, and where.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

# C0 controls, DEL and C1 controls (0x9b is a one-byte CSI to many terminals); the bidi
# embeddings, overrides, isolates and marks; the Unicode line and paragraph separators; lone
# surrogates (a YAML "\ud800" escape), which no UTF-8 stream can even encode.
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029)
_UNSAFE = (*range(0x00, 0x20), *range(0x7F, 0xA0), *_BIDI, *range(0xD800, 0xE000))


def _escape_of(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _table(keep: str = "", **extra: str) -> dict[int, str]:
    table = {c: _escape_of(c) for c in _UNSAFE if chr(c) not in keep}
    table.update({ord(k): v for k, v in extra.items()})
    return table


_LINE_BREAKS_AS_SPACES = {"\n": " ", "\r": " ", "\t": " "}
_BUILD: dict[str, Callable[[], dict[int, str]]] = {
    "line": lambda: _table(),
    "terminal": lambda: _table(keep="\n\t"),
    "workflow": lambda: _table(keep="\r\n"),
    "inline": lambda: _table(**_LINE_BREAKS_AS_SPACES),
    "json": lambda: {c: f"\\u{c:04x}" for c in _UNSAFE if c >= 0x7F},  # json.dumps already escapes C0
    "markdown": lambda: {
        **_table(**_LINE_BREAKS_AS_SPACES),
        ord("\\"): "\\\\",
        ord("&"): "&amp;",
        ord("<"): "&lt;",
        ord(">"): "&gt;",
        ord("|"): "\\|",
        ord("["): "\\[",
        ord("]"): "\\]",
    },
}


@cache
def _tables(name: str) -> tuple[dict[int, str], re.Pattern[str]]:
    """A medium's escapes and the regex that finds the characters needing them. Built on first
    use: each table has some 2,200 entries (the surrogates alone are 2,048), and building all
    of them at import cost about 4 ms on every run, --help included."""
    table = _BUILD[name]()
    return table, re.compile(f"[{_ranges(sorted(table))}]")


def _apply(text: str, name: str) -> str:
    """`text.translate(table)`, but only where a character needs it: translate looks up every
    character in the dict (16 ms for a 24 KB JSON report); a regex finds the few that do."""
    table, pattern = _tables(name)
    return pattern.sub(lambda m: table[ord(m.group())], text)


def _ranges(codes: list[int]) -> str:
    """A regex character class body with runs as ranges (a class of 2,000 single characters
    is several times slower to match)."""
    out, start = [], 0
    for i in range(1, len(codes) + 1):
        if i == len(codes) or codes[i] != codes[i - 1] + 1:
            first, last = re.escape(chr(codes[start])), re.escape(chr(codes[i - 1]))
            out.append(first if start == i - 1 else f"{first}-{last}")
            start = i
    return "".join(out)


# What XML 1.0 cannot hold at all, even as a character reference (surrogates are escaped above).
_XML_INVALID = re.compile("[\ufffe\uffff]")


def line(text: str) -> str:
    """One line on stderr or a terminal: nothing that moves the cursor, starts a new line or
    reorders the text."""
    return _apply(text, "line")


def terminal(text: str) -> str:
    """Text laid out by rich on a terminal: newlines and tabs are layout, every other control
    or bidi character is shown as an escape."""
    return _apply(text, "terminal")


def inline(text: str) -> str:
    """Text on one line of a plain-text format: controls as escapes, line breaks as spaces."""
    return _apply(text, "inline")


def workflow(text: str, *, prop: bool = False) -> str:
    """A GitHub workflow command's message (or, with `prop`, a property value): the runner's
    own escaping of %, CR and LF (and : , in properties), after controls are made visible."""
    text = _apply(text, "workflow")
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def markdown(text: str) -> str:
    """Inline Markdown (a table cell, a list item, a heading): no HTML, no link or image, no
    line break, no cell break."""
    return _apply(text, "markdown")


def code(text: str) -> str:
    """A Markdown code span that no backtick in `text` can close early."""
    text = inline(text)
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def url(value: str) -> str | None:
    """A link target for Markdown: http(s) only, with everything that could end the target or
    start markup percent-encoded; None when it is not such a URL."""
    from urllib.parse import quote, urlsplit  # only Markdown output needs it, not start-up

    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(value.strip(), safe=":/?#@!$&*+,;=%-._~")


def link(label: str, target: str | None) -> str:
    """`[label](target)` when the target is a safe URL, else just the label, both escaped."""
    safe = url(target) if target else None
    return f"[{markdown(label)}]({safe})" if safe else markdown(label)


def xml(text: str) -> str:
    """Text for XML (JUnit): controls made visible, characters XML cannot hold replaced.
    ElementTree does the escaping of < > & and quotes."""
    return _XML_INVALID.sub("\ufffd", _apply(text, "terminal"))


def html(text: str) -> str:
    """Text for an HTML page: escaped, with controls and bidi overrides made visible."""
    import html as _html

    return _html.escape(terminal(text), quote=True)


_BELOW_DEL = bytes(range(0x7F))


def json_text(text: str) -> str:
    """Finished JSON: json.dumps(ensure_ascii=False) leaves DEL, C1 and bidi characters raw;
    inside JSON strings (the only place they can be) a \\u escape means the same."""
    if text.isascii() and "\x7f" not in text:  # the common case, found at memchr speed
        return text
    # Only DEL and non-ASCII characters are ever escaped, and a report has few of them (a
    # Nordic name, a "≥"): the regex looks at those alone, a quarter of the time of a scan
    # of the whole text. Dropping ASCII bytes from UTF-8 leaves whole characters.
    try:
        rare = text.encode("utf-8").translate(None, _BELOW_DEL).decode("utf-8")
    except UnicodeError:  # a lone surrogate, itself to be escaped
        return _apply(text, "json")
    return _apply(text, "json") if _tables("json")[1].search(rare) else text


def markdown_strings(data: Any) -> Any:
    """Every string inside `data` (dicts, lists) escaped for inline Markdown; keys as they are.
    For a renderer that interpolates a whole payload into Markdown."""
    if isinstance(data, str):
        return markdown(data)
    if isinstance(data, dict):
        return {k: markdown_strings(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [markdown_strings(v) for v in data]
    return data
