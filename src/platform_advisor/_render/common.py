"""Formatting shared by the renderers."""

from __future__ import annotations

from .._scoring import Result


def money(amount: float | None, currency: str = "") -> str:
    if amount is None:
        return "unknown"
    text = f"{amount:,.0f}".replace(",", " ")
    return f"{text} {currency}".strip()


def pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def top_contributors(contributions: dict[str, float], n: int = 3) -> list[tuple[str, float]]:
    return sorted(contributions.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def limit(result: Result, top: int | None) -> Result:
    if top is None:
        return result
    from dataclasses import replace

    return replace(result, ranking=result.ranking[:top])
