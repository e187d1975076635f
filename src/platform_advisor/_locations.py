"""Where the catalogue lives. Kept free of heavy imports: `--help` needs it too."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "ADVISOR_CATALOG"


def default_root() -> Path:
    """The catalogue shipped in the wheel, or the repository's when running from a checkout."""
    here = Path(__file__).resolve().parent
    embedded = here / "_data"
    if (embedded / "criteria").is_dir():
        return embedded
    return here.parent.parent  # src/platform_advisor -> repository root


def resolve_root(explicit: Path | None) -> Path:
    if explicit is not None:
        return explicit
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else default_root()
