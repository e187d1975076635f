"""Formats CI systems read: JUnit XML, GitHub workflow commands, the job summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from .._catalog import Catalog
from .._errors import Problem
from .._safe_text import code, markdown, workflow, xml
from .common import pct

if TYPE_CHECKING:
    from .._brief import Scored


def failures(result: Scored, thresholds: dict[str, list[str]]) -> list[str]:
    return list(result.expectations.failures) + thresholds.get(result.file, [])


def junit(
    results: Sequence[Scored],
    catalog: Catalog,
    thresholds: dict[str, list[str]],
    problems: Sequence[Problem] = (),
    files: Sequence[str] = (),
) -> str:
    """One testcase per requirements file, in the order of `files` (the scored ones in their
    own order when it is not given): unmet expectations or thresholds are failures, an invalid
    file is an error with its problems located as `path:line:col: message`."""
    scored = {r.file: r for r in results}
    invalid: dict[str, list[Problem]] = {}
    for p in problems:
        invalid.setdefault(p.path, []).append(p)
    order = [*files] or list(scored)
    order += [f for f in [*scored, *invalid] if f not in order]
    suite = ET.Element("testsuite", name="platform-advisor", tests=str(len(order)))
    failed = 0
    for file in order:
        if file in invalid:
            case = ET.SubElement(suite, "testcase", classname="advisor.input", name=xml(file))
            lines = [xml(p.render()) for p in invalid[file]]
            ET.SubElement(case, "error", message=lines[0], type="InvalidInput").text = "\n".join(lines)
            continue
        r = scored[file]
        case = ET.SubElement(suite, "testcase", classname="advisor.score", name=xml(r.file))
        top = ", ".join(f"{x.platform} ({x.score:.2f})" for x in r.ranking[:3]) or "nothing ranked"
        found = [xml(f) for f in failures(r, thresholds)]
        if found:
            failed += 1
            node = ET.SubElement(case, "failure", message=found[0], type="ExpectationFailed")
            node.text = "\n".join(found) + f"\ntop 3: {top}"
        ET.SubElement(case, "system-out").text = xml(f"{r.name}: top 3: {top}")
    suite.set("failures", str(failed))
    suite.set("errors", str(len(invalid)))
    # errors on the envelope only when there are some: a clean run's report stays as it was
    totals = {"tests": str(len(order)), "failures": str(failed)} | ({"errors": str(len(invalid))} if invalid else {})
    return _document(suite, **totals)


def _document(suite: ET.Element, **totals: str) -> str:
    """The one JUnit envelope: <testsuites> around the suite, indented, with the XML header."""
    root = ET.Element("testsuites", {"name": "platform-advisor", **totals})
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


_escape = workflow


def github_line(path: str, line: int | None, col: int | None, message: str, title: str) -> str:
    props = f"file={_escape(path, prop=True)}"
    if line is not None:
        props += f",line={line}"
    if col is not None:
        props += f",col={col}"
    props += f",title={_escape(title, prop=True)}"
    return f"::error {props}::{_escape(message)}"


def github(results: Sequence[Scored], thresholds: dict[str, list[str]], expect_lines: dict[str, int | None]) -> str:
    out = []
    for r in results:
        for f in failures(r, thresholds):
            out.append(github_line(r.file, expect_lines.get(r.file), None, f, "platform-advisor"))
        if not failures(r, thresholds):
            top = ", ".join(f"{x.platform} {x.score:.1f}" for x in r.ranking[:3])
            out.append(f"::notice file={_escape(r.file, prop=True)}::{_escape(f'{r.name}: {top}')}")
    return "\n".join(out) + ("\n" if out else "")


def github_problems(problems: list[Problem]) -> str:
    return "".join(github_line(p.path, p.line, p.col, p.message, "invalid input") + "\n" for p in problems)


def summary(results: Sequence[Scored], thresholds: dict[str, list[str]]) -> str:
    """A compact Markdown table per file for $GITHUB_STEP_SUMMARY."""
    lines = ["## platform-advisor", ""]
    for r in results:
        mark = "❌" if failures(r, thresholds) else "✅"
        lines += [
            f"### {mark} {markdown(r.name)}",
            "",
            code(r.file),
            "",
            "| # | Platform | Score | Known | 3-yr TCO |",
            "|---:|---|---:|---:|---:|",
        ]
        for x in r.ranking[:5]:
            at_least = "≥ " if x.tco.partial else ""
            three = "unknown" if x.tco.three_year is None else f"{at_least}{x.tco.three_year:,.0f} {x.tco.currency}"
            lines.append(f"| {x.rank} | {markdown(x.name)} | {x.score:.1f} | {pct(x.coverage)} | {three} |")
        lines += [f"- {markdown(f)}" for f in failures(r, thresholds)]
        lines.append("")
    return "\n".join(lines) + "\n"
