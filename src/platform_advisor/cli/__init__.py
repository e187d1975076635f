"""The `advisor` command line: a thin layer over the scoring core.

`main()` is the only place where exceptions become exit codes and stderr lines.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import signal
import sys
from typing import Annotated

import typer

from .._errors import AdvisorError, ExitCode, IOFailure, Terminated
from .._safe_text import line
from .._version import __version__

# Every command, in the order `advisor --help` lists them: name -> (module, attribute, is a group).
_COMMANDS = {
    "interview": ("interview", "interview_command", False),
    "score": ("score", "score_command", False),
    "explain": ("explain", "explain_command", False),
    "robustness": ("explain", "robustness_command", False),
    "report": ("report", "report_command", False),
    "catalog": ("catalog", "catalog_app", True),
    "platforms": ("browse", "platforms_app", True),
    "criteria": ("browse", "criteria_app", True),
}
HELP = "Choose an e-commerce platform: score a sourced catalogue of platforms against your business."


def _version(value: bool) -> None:
    if value:
        typer.echo(f"advisor {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback for internal errors.", envvar="ADVISOR_DEBUG")
    ] = False,
) -> None:
    """Choose an e-commerce platform: score a sourced catalogue of platforms against your business."""


def build_app(only: str | None = None) -> typer.Typer:
    """The `advisor` app; with `only`, just that command under the same root.

    typer inspects every command's signature and builds its parameters up front, and each
    command module has imports of its own: about 15 ms that a run of one command need not pay.
    """
    from ._help import Command, Group

    app = typer.Typer(
        cls=Group,
        name="advisor",
        help=HELP,
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.callback()(_root)
    for name, (module, attribute, is_group) in _COMMANDS.items():
        if only is not None and name != only:
            continue
        target = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
        if is_group:
            app.add_typer(target, name=name)
        else:
            app.command(name, cls=Command)(target)
    return app


def _command_named(args: list[str]) -> str | None:
    """The command a run asks for: the first word that is not an option (the root's options
    are all flags). None when there is none, or it is unknown: the full app then says so."""
    for arg in args:
        if arg == "--":
            return None
        if not arg.startswith("-"):
            return arg if arg in _COMMANDS else None
    return None


def _debug(argv: list[str]) -> bool:
    return "--debug" in argv or os.environ.get("ADVISOR_DEBUG", "") not in ("", "0", "false")


_OWNS_PROCESS = False


def owns_process() -> bool:
    """True when `advisor` runs as its own program (not `main()` called by a library user or
    a test): only then may it change process-wide state such as the garbage collector's."""
    return _OWNS_PROCESS


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


def say(text: str) -> None:
    """One line on stderr, made safe for a terminal or a CI log (file text may be in it).
    A closed or broken stderr loses the message, never the exit code: nothing is sent to
    stdout instead, and nothing raises."""
    stream = sys.stderr
    if stream is None:  # started with stderr closed
        return
    with contextlib.suppress(OSError, ValueError):
        stream.write(line(text) + "\n")
        stream.flush()


def _stdout_usable() -> bool:
    return sys.stdout is not None and not sys.stdout.closed


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if argv is None:  # only when we own the process: tests call main() in-process
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return _main(args)
    finally:
        if _debug(args) and (cache := sys.modules.get("platform_advisor._cache")) is not None:
            for note in getattr(cache, "notes", []):
                say(note)


def _main(args: list[str]) -> int:
    try:
        if not _stdout_usable():
            raise IOFailure("advisor: standard output is closed; redirect it to a file or /dev/null")
        app = build_app(_command_named(args))
        code = int(app(args=args, prog_name="advisor", standalone_mode=False) or 0)
        if code == ExitCode.INTERRUPTED:  # typer turns Ctrl-C into a silent exit code 130
            say("advisor: interrupted")
        return code
    except AdvisorError as exc:
        for problem in exc.problems:
            say(problem.render())
        return int(exc.exit_code)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.TyperException as exc:  # usage errors: unknown option, missing argument, ...
        if type(exc).__name__ == "NoArgsIsHelpError":
            exc.show()  # type: ignore[attr-defined]
            return int(ExitCode.BAD_INPUT)
        ctx = getattr(exc, "ctx", None)
        hint = f" (try '{ctx.command_path} -h')" if ctx is not None else ""
        say(f"advisor: {exc.format_message()}{hint}")
        return int(ExitCode.BAD_INPUT)
    except (KeyboardInterrupt, typer.Abort):
        say("advisor: interrupted")
        return int(ExitCode.INTERRUPTED)
    except Terminated:
        say("advisor: terminated")
        return int(ExitCode.TERMINATED)
    except BrokenPipeError:
        # the reader went away (e.g. `| head`); nothing useful left to say
        with contextlib.suppress(OSError, ValueError, AttributeError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return int(ExitCode.OK)
    except OSError as exc:
        # the environment, not the input or the advisor: a full disk, a permission, a
        # read-only directory, a file-size limit. Exit 74 (EX_IOERR), naming the path.
        if _debug(args):
            raise
        where = exc.filename if exc.filename is not None else "advisor"
        say(f"{where}: input/output error: {exc.strerror or exc}")
        return int(ExitCode.IO_ERROR)
    except Exception as exc:
        if _debug(args):
            raise
        say(f"advisor: internal error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)")
        return int(ExitCode.INTERNAL)


def run() -> None:
    """The console entry point: run, flush, and leave without tearing the interpreter down.

    Freeing every module and the loaded catalogue object by object costs about 50 ms, a sixth
    of a whole `advisor score`; by now every file is written and closed and no handler waits
    at exit, so the only thing left to do is flush the two streams.
    """
    global _OWNS_PROCESS
    _OWNS_PROCESS = True
    # A run builds a few hundred thousand objects (typer, pydantic, the models, the catalogue)
    # that live until os._exit, and hardly any garbage: the cyclic collector would rescan
    # them some thirty times for nothing, about 7 ms of a one-file score, and a batch's files
    # over and over (see `_batch.collector_paused`). Off for the whole run (the peak memory
    # of score, explain, report and robustness moves by under 1 MB); the workers of a long
    # batch collect their own garbage (`_pool._start`).
    gc.disable()
    code = main()
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with it closed
            continue
        with contextlib.suppress(OSError, ValueError):  # the reader went away, or it is closed
            stream.flush()
    os._exit(code)
