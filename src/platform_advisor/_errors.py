"""Exit codes and the exceptions that carry them.

Every failure a user can cause is an `AdvisorError` holding the exit code it maps to; the CLI's
single handler turns it into `path:line:col: message` lines on stderr. Codes are never renumbered.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    CHECK_FAILED = 1  # an expectation or CI threshold was not met
    BAD_INPUT = 2  # invalid file, id, option or usage
    INTERNAL = 70  # EX_SOFTWARE: a bug in the advisor
    IO_ERROR = 74  # EX_IOERR: the environment failed (disk full, no permission, stdout gone)
    INTERRUPTED = 130  # 128 + SIGINT
    TERMINATED = 143  # 128 + SIGTERM


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input, located as precisely as the source allows."""

    path: str
    line: int | None  # 1-based
    col: int | None  # 1-based
    message: str

    def render(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return f"{where}: {self.message}"


class AdvisorError(Exception):
    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("advisor", None, None, problems)]
        self.problems = problems
        super().__init__("\n".join(p.render() for p in problems))


class InputError(AdvisorError):
    """A file, id or option the user gave is not valid (exit 2)."""

    exit_code = ExitCode.BAD_INPUT


class UsageError(InputError):
    """The command line itself is wrong (exit 2)."""


class IOFailure(AdvisorError):
    """Reading or writing failed for a reason outside the input: a full disk, a permission,
    a read-only directory, a closed stream (exit 74)."""

    exit_code = ExitCode.IO_ERROR

    @classmethod
    def of(cls, exc: OSError, path: object | None = None, action: str = "write") -> IOFailure:
        where = path if path is not None else exc.filename
        reason = exc.strerror or str(exc) or type(exc).__name__
        return cls([Problem("advisor" if where is None else str(where), None, None, f"cannot {action}: {reason}")])


class Interrupted(AdvisorError):
    """Ctrl-C, with a message saying what was kept and how to go on (exit 130)."""

    exit_code = ExitCode.INTERRUPTED


class Terminated(BaseException):
    """SIGTERM, raised from the signal handler so that clean-up runs as for Ctrl-C."""
