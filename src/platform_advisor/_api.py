"""The public `score()`: the ids in a requirements object checked as the file loader checks
them, then scored.

A `Requirements` built in code skips the loader, and the scoring core trusts its ids: an
unknown priority or preset raised a bare KeyError, and a misspelt must-have was silently
ignored, so a platform lacking it could win.
"""

from __future__ import annotations

from ._catalog import Catalog
from ._errors import InputError
from ._models import Requirements
from ._requirements import id_problems
from ._scoring import Result
from ._scoring import score as _score
from ._scoring.weights import Weights


def score(req: Requirements, catalog: Catalog, file: str = "requirements", weights: Weights | None = None) -> Result:
    """Rank every platform in `catalog` for `req`; InputError (exit 2) on an id the catalogue
    does not know."""
    problems = id_problems(req, catalog, file)
    if problems:
        raise InputError(problems)
    return _score(req, catalog, file, weights)
