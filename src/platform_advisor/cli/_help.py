"""How commands read in `--help` and usage lines: `FILE...`, `N`, ranges said in words.

typer's plain help shows a required argument as `{FILE}`, its type beside the metavar
(`FILE <list[Path]>`), a number's range as `<int range> [x>=1]`, and cuts each command's
summary to the terminal with "...". A new user reads those lines first, so every command and
group here uses these classes instead: the parsing and the validation stay typer's.
"""

from __future__ import annotations

import copy
import inspect
from typing import Any

import typer.core


def _summary(command: Any) -> str:
    """The first paragraph of a command's help, whole: a summary is written to be short."""
    if command.short_help:
        return str(inspect.cleandoc(command.short_help))
    text = inspect.cleandoc(command.help or "")
    return " ".join(text.split("\n\n")[0].split())


def _argument_name(param: Any, usage: bool = True) -> str:
    """`FILE...` for one or more, `[PLATFORM]` in a usage line for an optional one."""
    name = str(param.metavar or param.name).upper()
    many = "..." if param.nargs != 1 else ""
    return f"[{name}]{many}" if usage and not param.required else f"{name}{many}"


class Command(typer.core.TyperCommand):
    """A command whose usage line and help use plain metavars."""

    def get_short_help_str(self, limit: int = 45) -> str:
        return _summary(self)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [_argument_name(p) for p in self.get_params(ctx) if p.param_type_name == "argument"]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        args, opts = [], []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                if not getattr(param, "hidden", False):
                    args.append((_argument_name(param, usage=False), getattr(param, "help", None) or ""))
                continue
            # the range goes into the option's help text in words; typer would add `[x>=1]`
            shown = copy.copy(param)
            shown.min = shown.max = None  # type: ignore[attr-defined]
            record = shown.get_help_record(ctx)
            if record is not None:
                opts.append(record)
        if args:
            with formatter.section("Arguments"):
                formatter.write_dl(args)
        if opts:
            with formatter.section("Options"):
                formatter.write_dl(opts)


class Group(typer.core.TyperGroup):
    """A group whose command list shows each summary whole, wrapped rather than cut."""

    def get_short_help_str(self, limit: int = 45) -> str:
        return _summary(self)
