"""platform-advisor: choose an e-commerce platform with advice you can defend.

The public API is deliberately small: load a catalogue and a requirements file, score them.
Everything else is internal (modules starting with `_`) and may change.
"""

from ._catalog import Catalog, load_catalog
from ._errors import AdvisorError, ExitCode, InputError, Problem
from ._models import Platform, Requirements
from ._requirements import load_requirements
from ._scoring import Result, score
from ._version import __version__

__all__ = [
    "AdvisorError",
    "Catalog",
    "ExitCode",
    "InputError",
    "Platform",
    "Problem",
    "Requirements",
    "Result",
    "__version__",
    "load_catalog",
    "load_requirements",
    "score",
]
