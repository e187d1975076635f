"""Formatting shared by the renderers."""

from __future__ import annotations

from .._scoring import Ranked, Result, Tco


def money(amount: float | None, currency: str = "") -> str:
    if amount is None:
        return "unknown"
    text = f"{amount:,.0f}".replace(",", " ")
    return f"{text} {currency}".strip()


def pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def top_contributors(contributions: dict[str, float], n: int = 3) -> list[tuple[str, float]]:
    return sorted(contributions.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def strengths(result: Result) -> dict[str, list[str]]:
    """Per ranked platform, the criteria where it beats the field most (weighted), strongest first.
    Where its points are largest says little: the dearest platform would be "strongest on cost"."""
    from .._analysis.insights import field_means, strongest_weakest

    means = field_means(result)
    return {r.platform: [e.criterion for e in strongest_weakest(result, r, 3, means)[0]] for r in result.ranking}


def cost_text(r: Ranked) -> str:
    """The 3-year cost as shown: the estimate, a lower bound when parts are unknown, or unknown."""
    return cost(r.tco.three_year, r.tco)


def caveat(result: Result) -> str | None:
    """One sentence when #1 cannot be presented as the plain winner."""
    if not result.ranking or (result.best_covered is None and not _thin(result.ranking[0])):
        return None
    first = result.ranking[0]
    text = f"{first.name} ranks first on only {pct(first.coverage)} known data"
    alt = next((r for r in result.ranking if r.platform == result.best_covered), None)
    if alt is not None:
        return text + f"; the best well-covered alternative is {alt.name} (#{alt.rank}, {pct(alt.coverage)} known)."
    return text + "; no ranked platform is well covered, so verify the facts before deciding."


def _thin(r: Ranked) -> bool:
    return any(f.kind == "coverage" for f in r.flags)


def limit(result: Result, top: int | None) -> Result:
    if top is None:
        return result
    from dataclasses import replace

    return replace(result, ranking=result.ranking[:top])


BUILD_WORDS = {"diy": "do it yourself", "agency": "agency", "in_house": "in-house developers"}


def cost(amount: float | None, tco: Tco) -> str:
    """A cost figure; "≥" when some parts are unknown, so the figure is a lower bound."""
    return ("≥ " if tco.partial and amount is not None else "") + money(amount, tco.currency)


def plan_text(tco: Tco) -> str:
    """Which price the estimate assumes: "Shopify Grow, 105 USD/month" or "one price range"."""
    if tco.plan is None:
        return "one price range"
    fee = "" if tco.plan_fee is None else f", {money(tco.plan_fee, tco.billed_in or tco.currency)}/month"
    return f"{tco.plan}{fee}"


def basis_text(tco: Tco) -> str:
    """Plan and build mode in a few words, for a table cell."""
    plan = tco.plan or "one range"
    build = "" if tco.build is None else f" · {BUILD_WORDS[tco.build.mode]}"
    return plan + build


def breakdown_lines(tco: Tco) -> list[str]:
    """The 3-year cost part by part, so a reader can redo the arithmetic."""
    cur = tco.currency
    parts = tco.three_year_parts()
    lines = []
    conv = "" if tco.rate_date is None else f" (converted from {tco.billed_in} at the rates of {tco.rate_date})"
    lic = "unknown" if tco.licence_monthly is None else f"{money(tco.licence_monthly, cur)}/month x 36 = "
    lines.append(f"Licence: {plan_text(tco)}{conv}: {lic}{money(parts['licence'], cur)}")
    if tco.fee_pct is None:
        lines.append("Platform fees: unknown")
    else:
        extra = f" + {tco.surcharge_pct:g}% gateway surcharge" if tco.surcharge_pct else ""
        fees, three = money(tco.fees_yearly, cur), money(parts["platform_fees"], cur)
        lines.append(f"Platform fees: {tco.fee_pct:.2g}%{extra} of revenue = {fees}/year x 3 = {three}")
    run = "" if tco.running_yearly is None else f"{money(tco.running_yearly, cur)}/year x 3 = "
    lines.append(f"Running (hosting, apps, maintenance): {run}{money(parts['running'], cur)}")
    b = tco.build
    if b is None or tco.implementation is None:
        lines.append("Implementation: unknown")
    else:
        days = "" if b.effort_days is None else f"{b.effort_days:.0f} person-days"
        how = f"complexity x{b.complexity:.2f}, " if b.from_effort else "from the platform's price range, "
        if b.day_rate is None:
            lines.append(f"Implementation: your own time, about {days} ({how}not counted as cash) = {money(0, cur)}")
        else:
            lines.append(
                f"Implementation ({BUILD_WORDS[b.mode]}): {days} ({how}{money(b.day_rate, cur)}/day) "
                f"= {money(tco.implementation, cur)}"
            )
        if b.mode != b.chosen or b.reason:
            lines.append(f"  Build: {BUILD_WORDS[b.mode]}, {b.reason}")
    total = cost(tco.three_year, tco)
    lines.append(f"3-year total: {total}" + (" (a lower bound: some parts are unknown)" if tco.partial else ""))
    if tco.three_year_low is not None and tco.three_year_low != tco.three_year:
        lines.append(f"Cheapest plausible (the low end of every range): {cost(tco.three_year_low, tco)}")
    if tco.plan_note:
        lines.append(f"Note: {tco.plan_note}")
    lines.append("Card and invoice processing, paid to a payment provider on every platform, is not included.")
    return lines
