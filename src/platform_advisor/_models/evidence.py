"""What counts as evidence: when a fact is stale, which pages are not evidence at all."""

from fnmatch import fnmatchcase
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field

from .common import Strict, Text

Months = Annotated[int, Field(ge=1, le=600)]


class Mirror(Strict):
    """A kind of page that copies or machine-summarises another and so cannot support a claim."""

    pattern: Annotated[str, Field(pattern=r"^[a-z0-9*.-]+(/\S*)?$", max_length=200)] = Field(
        description="Host glob (`*.pages.dev`, `5dok.org`) or host and path glob "
        "(`raw.githubusercontent.com/api-evangelist/*`), lower case, without the scheme."
    )
    reason: Text

    def matches(self, url: str) -> bool:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if "/" not in self.pattern:
            return fnmatchcase(host, self.pattern)
        return fnmatchcase(host + parts.path, self.pattern)


class EvidenceFile(Strict):
    stale_after_months: Months = Field(
        description="A fact whose page is older than this (its own date, else when it was read) is stale."
    )
    rates_stale_after_months: Months = Field(
        description="Exchange rates older than this are flagged by `catalog audit`."
    )
    estimate_markers: list[Annotated[str, Field(pattern=r"^[a-z]+$")]] = Field(
        default_factory=list,
        description="Words that, as a whole word of a source's key or title, say it is an editor's "
        "estimate: such a source must have `evidence: estimate`.",
    )
    mirrors: list[Mirror] = Field(default_factory=list, description="Pages that are not evidence.")

    def mirror_for(self, url: str | None) -> Mirror | None:
        if url is None:
            return None
        return next((m for m in self.mirrors if m.matches(url)), None)
