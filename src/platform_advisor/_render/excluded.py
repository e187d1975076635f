"""`advisor explain` for an excluded platform: what excluded it and where it would stand."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from .._analysis.excluded import WouldBe
from .._catalog import Catalog
from .._i18n import num, t
from .._i18n.results import knockout
from .._safe_text import markdown


def payload(w: WouldBe) -> dict[str, Any]:
    """The JSON form; texts in English, like every JSON output."""
    leader = w.leader
    return {
        "name": w.requirements,
        "file": w.file,
        "platform": {
            "id": w.platform,
            "name": w.name,
            "excluded": True,
            "reasons": [{"kind": k.kind, "subject": k.subject, "text": k.text} for k in w.reasons],
            "would_score": w.would_score,
            "would_rank": w.would_rank,
        },
        "ranked": w.ranked,
        "leader": None if leader is None else {"id": leader.platform, "name": leader.name, "score": leader.score},
    }


def _lines(w: WouldBe, catalog: Catalog, lang: str) -> tuple[list[str], str, str | None]:
    reasons = [knockout(k, w.excluded, None, catalog, lang) for k in w.reasons]
    would = t("explain.would_be", lang, score=num(w.would_score, lang, 1), rank=w.would_rank)
    leader = None
    if w.leader is not None:
        leader = t("explain.leader", lang, name=w.leader.name, score=num(w.leader.score, lang, 1))
    return reasons, would, leader


def render(w: WouldBe, catalog: Catalog, lang: str = "en") -> Text:
    reasons, would, leader = _lines(w, catalog, lang)
    out = Text()
    out.append(t("explain.excluded_head", lang, name=w.name) + "\n", style="bold")
    out.append(t("explain.for_file", lang, name=w.requirements, file=w.file) + "\n\n")
    out.append(t("explain.excluded_by", lang) + "\n", style="bold")
    for reason in reasons:
        out.append(f"  - {reason}\n")
    out.append("\n" + would + "\n")
    if leader is not None:
        out.append(leader + "\n")
    return out


def render_markdown(w: WouldBe, catalog: Catalog, lang: str = "en") -> str:
    reasons, would, leader = _lines(w, catalog, lang)
    lines = [
        "## " + markdown(t("explain.excluded_head", lang, name=w.name)),
        "",
        markdown(t("explain.for_file", lang, name=w.requirements, file=w.file)),
        "",
        f"**{t('explain.excluded_by', lang)}**",
        "",
        *(f"- {markdown(r)}" for r in reasons),
        "",
        markdown(would),
    ]
    if leader is not None:
        lines += ["", markdown(leader)]
    return "\n".join(lines) + "\n"
