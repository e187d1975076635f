"""Building blocks shared by the catalogue and requirements models."""

import math
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

Unknown = Literal["unknown"]

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        max_length=64,
        description="lower_snake_case identifier",
    ),
]

Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 currency code")]


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("must be a finite number")
    return value


def _cents(value: float) -> float:
    # 1e-300 of revenue is not money, and products and shares of it underflow to zero,
    # which the cost criterion would take the logarithm of
    if 0 < value < 0.01:
        raise ValueError("must be 0 or at least 0.01")
    return value


# Money is bounded so that a typo of a few extra digits is caught, not multiplied into nonsense.
Money = Annotated[float, Field(ge=0, le=1e13), AfterValidator(_finite), AfterValidator(_cents)]
Percent = Annotated[float, Field(ge=0, le=100), AfterValidator(_finite)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


def _url(value: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    # no whitespace or control characters: a newline or tab in a link target breaks out of it
    if parts.scheme not in ("http", "https") or not parts.netloc or not value.isprintable() or " " in value:
        raise ValueError("must be an http(s) URL, e.g. https://example.com/page")
    return value


# A plain string checked with urllib: pydantic's HttpUrl costs 40 ms of imports at start-up
Url = Annotated[str, Field(min_length=8, max_length=2000), AfterValidator(_url)]


class Strict(BaseModel):
    """Base for every file model: a typo is an error, never a silent default."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)
