"""Formatting shared by the renderers."""

from __future__ import annotations

from .._scoring import Ranked, Result, Tco


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
    return cost(r.tco.three_year, r.tco, lang)


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


BUILD_WORDS = {"diy": "do it yourself", "agency": "agency", "in_house": "in-house developers"}


def _build(mode: str, lang: str) -> str:
    return BUILD_WORDS[mode] if lang == "en" else say(f"build.{mode}", lang)


def cost(amount: float | None, tco: Tco, lang: str = "en") -> str:
    """A cost figure; "≥" when some parts are unknown, so the figure is a lower bound."""
    return ("≥ " if tco.partial and amount is not None else "") + money(amount, tco.currency, lang)


def plan_text(tco: Tco, lang: str = "en") -> str:
    """Which price the estimate assumes: "Shopify Grow, 105 USD/month" or "one price range"."""
    if tco.plan is None:
        return say("one_price_range", lang)
    fee = "" if tco.plan_fee is None else f", {money(tco.plan_fee, tco.billed_in or tco.currency, lang)}"
    return f"{tco.plan}{fee}{say('per_month', lang) if fee else ''}"


def basis_text(tco: Tco, lang: str = "en") -> str:
    """Plan and build mode in a few words, for a table cell."""
    plan = tco.plan or say("one_range", lang)
    build = "" if tco.build is None else f" · {_build(tco.build.mode, lang)}"
    return plan + build


def breakdown_lines(tco: Tco, lang: str = "en") -> list[str]:
    """The 3-year cost part by part, so a reader can redo the arithmetic."""
    cur = tco.currency

    def m(amount: float | None) -> str:
        return money(amount, cur, lang)

    def x(value: float, decimals: int = 0) -> str:
        return f"{value:.{decimals}f}" if lang == "en" else f"{value:.{decimals}f}".replace(".", ",")

    parts = tco.three_year_parts()
    lines = []
    conv = "" if tco.rate_date is None else say("converted", lang, currency=tco.billed_in, date=tco.rate_date)
    lic = say("unknown", lang) if tco.licence_monthly is None else say("times_36", lang, amount=m(tco.licence_monthly))
    lines.append(say("licence", lang, plan=plan_text(tco, lang), conv=conv, lic=lic, total=m(parts["licence"])))
    if tco.plan_for:
        from .._i18n import name

        what = ", ".join(name("criterion", cid, lang, english) for cid, english in tco.plan_for)
        lines.append(f"  {say('plan_for', lang, plan=tco.plan, what=what)}")
    if tco.fee_pct is None:
        lines.append(say("fees_unknown", lang))
    else:
        extra = say("surcharge", lang, pct=f"{tco.surcharge_pct:g}") if tco.surcharge_pct else ""
        pct_text = f"{tco.fee_pct:.2g}" if lang == "en" else f"{tco.fee_pct:.2g}".replace(".", ",")
        lines.append(
            say("fees", lang, pct=pct_text, extra=extra, yearly=m(tco.fees_yearly), total=m(parts["platform_fees"]))
        )
    run = "" if tco.running_yearly is None else say("times_3", lang, amount=m(tco.running_yearly))
    lines.append(say("running", lang, run=run, total=m(parts["running"])))
    b = tco.build
    if b is None or tco.implementation is None:
        lines.append(say("implementation_unknown", lang))
    else:
        days = "" if b.effort_days is None else say("days", lang, days=x(b.effort_days))
        extra = say("integration_days", lang, days=x(b.integration_days)) if b.integration_days else ""
        if b.storefront_days:
            extra += say("storefront_days", lang, days=x(b.storefront_days))
        how = (
            say("complexity", lang, factor=x(b.complexity, 2), extra=extra)
            if b.from_effort
            else say("from_range", lang)
        )
        if b.mode == "diy":
            bought = ""
            if b.bought_days and b.day_rate is not None:
                bought = say("bought", lang, days=say("days", lang, days=x(b.bought_days)), rate=m(b.day_rate))
            lines.append(say("own_time", lang, days=days, how=how, bought=bought, total=m(tco.implementation)))
        else:
            lines.append(
                say(
                    "implementation",
                    lang,
                    build=_build(b.mode, lang),
                    days=days,
                    how=how,
                    rate="" if b.day_rate is None else m(b.day_rate),
                    total=m(tco.implementation),
                )
            )
        if b.mode != b.chosen or b.reason:
            # the reason is the cost model's English sentence; other languages name the mode only
            reason = f", {b.reason}" if lang == "en" else ""
            lines.append(f"  {say('build_line', lang)}: {_build(b.mode, lang)}{reason}")
    total = cost(tco.three_year, tco, lang)
    lines.append(say("total", lang, total=total) + (say("lower_bound", lang) if tco.partial else ""))
    if tco.three_year_low is not None and tco.three_year_low != tco.three_year:
        lines.append(say("cheapest", lang, amount=cost(tco.three_year_low, tco, lang)))
    if tco.plan_note and lang == "en":
        lines.append(f"Note: {tco.plan_note}")  # catalogue prose, in English
    lines.append(say("not_included", lang))
    return lines
