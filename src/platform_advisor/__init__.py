"""platform-advisor: choose an e-commerce platform with advice you can defend.

The public API is deliberately small: load a catalogue and a requirements file, score them.
Everything else is internal (modules starting with `_`) and may change. Names are imported
on first use, so `advisor --help` does not pay for pydantic models it never touches.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

_EXPORTS = {
    "AdvisorError": "._errors",
    "ExitCode": "._errors",
    "InputError": "._errors",
    "Problem": "._errors",
    "Catalog": "._catalog",
    "load_catalog": "._catalog",
    "Platform": "._models",
    "Requirements": "._models",
    "load_requirements": "._requirements",
    "Result": "._scoring",
    "score": "._api",
}

__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:  # the names above, for type checkers and editors
    from ._api import score as score
    from ._catalog import Catalog as Catalog
    from ._catalog import load_catalog as load_catalog
    from ._errors import AdvisorError as AdvisorError
    from ._errors import ExitCode as ExitCode
    from ._errors import InputError as InputError
    from ._errors import Problem as Problem
    from ._models import Platform as Platform
    from ._models import Requirements as Requirements
    from ._requirements import load_requirements as load_requirements
    from ._scoring import Result as Result


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module 'platform_advisor' has no attribute {name!r}")
