"""Options shared by several commands, declared once."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

PIPED = "Default: table on a terminal, json when piped or redirected."


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class ListFormat(str, Enum):
    table = "table"
    json = "json"


ListFormatOpt = Annotated[
    ListFormat | None,
    typer.Option("--format", "-f", metavar="FORMAT", show_default=False, help=f"table or json. {PIPED}"),
]


CatalogOpt = Annotated[
    Path | None,
    typer.Option(
        "--catalog",
        envvar="ADVISOR_CATALOG",
        metavar="DIR",
        help="Catalogue directory (with criteria/ and platforms/) to use instead of the built-in one.",
        show_default=False,
        file_okay=False,
    ),
]


AutoFormatOpt = Annotated[
    Format | None,
    typer.Option("--format", "-f", metavar="FORMAT", help=f"table, json or markdown. {PIPED}", show_default=False),
]


def output_opt(what: str) -> Any:
    """`--output FILE`, the same for every command that writes a file; `what` names what it writes."""
    return typer.Option(
        "--output",
        "-o",
        dir_okay=False,
        metavar="FILE",
        show_default=False,
        help=f"Write {what} to FILE (atomically). Default: stdout.",
    )


F = TypeVar("F", bound=Enum)


def default_format(fmt: F | None, kind: type[F]) -> F:
    """A table for people at a terminal, JSON for pipes and files (see PIPED)."""
    if fmt is not None:
        return fmt
    return kind["table"] if sys.stdout.isatty() else kind["json"]


class ScoreFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    junit = "junit"
    github = "github"


class Lang(str, Enum):
    en = "en"
    sv = "sv"
    da = "da"
    nb = "nb"


LangOpt = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        metavar="LANG",
        help="Language for people: en, sv, da or nb (Norwegian bokmål). Default: from LC_ALL or LANG, else English.",
        show_default=False,
    ),
]


def lang_of(explicit: Lang | None, saved: str | None = None) -> str:
    from .._i18n import language

    return language(explicit.value if explicit is not None else None, saved)
