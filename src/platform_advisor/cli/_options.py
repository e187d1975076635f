"""Options shared by several commands, declared once."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class ListFormat(str, Enum):
    table = "table"
    json = "json"


CatalogOpt = Annotated[
    Path | None,
    typer.Option(
        "--catalog",
        envvar="ADVISOR_CATALOG",
        help="Catalogue directory (with criteria/ and platforms/) to use instead of the built-in one.",
        show_default=False,
        file_okay=False,
    ),
]


def default_format(fmt: Format | None) -> Format:
    """A table for people at a terminal, JSON for pipes and files."""
    if fmt is not None:
        return fmt
    return Format.table if sys.stdout.isatty() else Format.json


class ScoreFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    junit = "junit"
    github = "github"


def default_score_format(fmt: ScoreFormat | None) -> ScoreFormat:
    if fmt is not None:
        return fmt
    return ScoreFormat.table if sys.stdout.isatty() else ScoreFormat.json
