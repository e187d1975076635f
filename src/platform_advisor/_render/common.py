"""Formatting shared by the renderers."""

from __future__ import annotations

from .._scoring import Ranked, Result


def money(amount: float | None, currency: str = "", lang: str = "en") -> str:
    if lang != "en":
        from .. import _i18n

        return _i18n.money(amount, currency, lang)
    if amount is None:
        return "unknown"
    text = f"{amount:,.0f}".replace(",", " ")
    return f"{text} {currency}".strip()


def pct(share: float, lang: str = "en") -> str:
    return f"{share * 100:.0f}%" if lang == "en" else f"{share * 100:.0f}\u00a0%"


def say(key: str, lang: str, **args: object) -> str:
    """A renderer's phrase by key (src/platform_advisor/_i18n/messages.yaml, under render.)."""
    from .._i18n import t

    return t(f"render.{key}", lang, **args)


def top_contributors(contributions: dict[str, float], n: int = 3) -> list[tuple[str, float]]:
    return sorted(contributions.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def strengths(result: Result) -> dict[str, list[str]]:
    """Per ranked platform, the criteria where it beats the field most (weighted), strongest first.
    Where its points are largest says little: the dearest platform would be "strongest on cost"."""
    from .._analysis.insights import field_means, strongest_weakest

    means = field_means(result)
    return {r.platform: [e.criterion for e in strongest_weakest(result, r, 3, means)[0]] for r in result.ranking}


def cost_text(r: Ranked, lang: str = "en") -> str:
    """The 3-year cost as shown: the estimate, a lower bound when parts are unknown, or unknown."""
    return money(r.tco.three_year, r.tco.currency, lang)


def caveat(result: Result, lang: str = "en") -> str | None:
    """One sentence when #1 cannot be presented as the plain winner."""
    if not result.ranking or (result.best_covered is None and not _thin(result.ranking[0])):
        return None
    first = result.ranking[0]
    text = say("caveat", lang, name=first.name, share=pct(first.coverage, lang))
    alt = next((r for r in result.ranking if r.platform == result.best_covered), None)
    if alt is not None:
        return text + say("caveat_alt", lang, name=alt.name, rank=alt.rank, share=pct(alt.coverage, lang))
    return text + say("caveat_none", lang)


def _thin(r: Ranked) -> bool:
    return any(f.kind == "coverage" for f in r.flags)


def limit(result: Result, top: int | None) -> Result:
    if top is None:
        return result
    from dataclasses import replace

    return replace(result, ranking=result.ranking[:top])
