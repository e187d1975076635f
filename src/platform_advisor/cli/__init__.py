"""The `advisor` command line: a thin layer over the scoring core.

`main()` is the only place where exceptions become exit codes and stderr lines.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Annotated

import typer

from .._errors import AdvisorError, ExitCode, Terminated
from .._version import __version__
from .browse import criteria_app, platforms_app
from .catalog import catalog_app
from .explain import explain_command, robustness_command
from .interview import interview_command
from .report import report_command
from .score import score_command

app = typer.Typer(
    name="advisor",
    help="Choose an e-commerce platform: score a sourced catalogue of platforms against your business.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"advisor {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback for internal errors.", envvar="ADVISOR_DEBUG")
    ] = False,
) -> None:
    """Choose an e-commerce platform: score a sourced catalogue of platforms against your business."""


app.command("interview")(interview_command)
app.command("score")(score_command)
app.command("explain")(explain_command)
app.command("robustness")(robustness_command)
app.command("report")(report_command)
app.add_typer(catalog_app, name="catalog")
app.add_typer(platforms_app, name="platforms")
app.add_typer(criteria_app, name="criteria")


def _debug(argv: list[str]) -> bool:
    return "--debug" in argv or os.environ.get("ADVISOR_DEBUG", "") not in ("", "0", "false")


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    err = sys.stderr
    if argv is None:  # only when we own the process: tests call main() in-process
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        code = int(app(args=args, prog_name="advisor", standalone_mode=False) or 0)
        if code == ExitCode.INTERRUPTED:  # typer turns Ctrl-C into a silent exit code 130
            print("advisor: interrupted", file=err)
        return code
    except AdvisorError as exc:
        for problem in exc.problems:
            print(problem.render(), file=err)
        return int(exc.exit_code)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.TyperException as exc:  # usage errors: unknown option, missing argument, ...
        if type(exc).__name__ == "NoArgsIsHelpError":
            exc.show()  # type: ignore[attr-defined]
            return int(ExitCode.BAD_INPUT)
        ctx = getattr(exc, "ctx", None)
        hint = f" (try '{ctx.command_path} -h')" if ctx is not None else ""
        print(f"advisor: {exc.format_message()}{hint}", file=err)
        return int(ExitCode.BAD_INPUT)
    except (KeyboardInterrupt, typer.Abort):
        print("advisor: interrupted", file=err)
        return int(ExitCode.INTERRUPTED)
    except Terminated:
        print("advisor: terminated", file=err)
        return int(ExitCode.TERMINATED)
    except BrokenPipeError:
        # the reader went away (e.g. `| head`); nothing useful left to say
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return int(ExitCode.OK)
    except Exception as exc:
        if _debug(args):
            raise
        print(f"advisor: internal error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)", file=err)
        return int(ExitCode.INTERNAL)


def run() -> None:
    sys.exit(main())
