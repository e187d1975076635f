"""What `advisor explain` shows, as typed data: built once by `explain` from a score result,
printed as JSON, a table or Markdown by `explain.py`. Texts are built in the requested
language here, so the renderers only lay them out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from .._analysis.insights import Edge
from .._analysis.stability import Interval
from .._analysis.swap import RatingChange, WeightChange
from .._analysis.whatif import IfConfirmed, if_confirmed
from .._catalog import Catalog
from .._i18n import name, num, t
from .._i18n.results import confirm_lines, flag, knockout
from .._models import Requirements
from .._scoring import Ranked, Result, Tco
from .common import caveat, pct


@dataclass(frozen=True)
class FlagLine:
    kind: str
    subject: str
    text: str


@dataclass(frozen=True)
class Chosen:
    """The platform explained, with the lines that sum it up."""

    id: str
    name: str
    rank: int
    score: float
    coverage: float
    notes: tuple[str, ...]  # the scoring core's English sentences; empty in other languages
    flags: tuple[FlagLine, ...]
    penalty: float
    # with its must-haves and connectors to verify answered yes (None: nothing to confirm, or
    # explained without the requirements), and that and the penalty in words
    if_confirmed: IfConfirmed | None
    confirm: tuple[str, ...]
    strongest: tuple[str, ...]
    weakest: tuple[str, ...]


@dataclass(frozen=True)
class GroupLine:
    group: str
    name: str
    weight: float
    points: float


@dataclass(frozen=True)
class Source:
    url: str | None
    title: str
    evidence: str
    as_of: str  # ISO date, as JSON prints it


@dataclass(frozen=True)
class CriterionLine:
    criterion: str
    name: str
    group: str
    weight: float
    value: float  # the value scored, 0..1 (a stand-in when unknown)
    rating: int | None  # the catalogue's own rating (None for computed criteria and unknowns)
    adequate: bool  # counted in full from the adequate rating (policy.adequate)
    unknown: bool
    points: float
    note: str | None
    source: Source | None


@dataclass(frozen=True)
class WeightMove:
    target: str
    current: float
    needed: float
    text: str


@dataclass(frozen=True)
class RatingMove:
    platform: str
    criterion: str
    current: int | None
    needed: int
    text: str


@dataclass(frozen=True)
class Versus:
    """The platform explained against its neighbour in the ranking."""

    platform: str
    name: str
    rank: int
    score: float
    gap: float
    why: str
    weight_change: WeightMove | None
    rating_change: RatingMove | None


@dataclass(frozen=True)
class NearMiss:
    platform: str
    name: str
    reason: str
    kind: str
    would_rank: int | None
    would_score: float


@dataclass(frozen=True)
class StabilityLine:
    group: str
    name: str
    current: float
    low: float
    high: float
    text: str


@dataclass(frozen=True)
class Topsis:
    top3: tuple[str, ...]
    agrees: bool
    moved: tuple[str, ...]
    closeness: Mapping[str, float]


@dataclass(frozen=True)
class CostLines:
    """The score JSON's cost figures (`figures`, shaped by `json.tco_payload`) and the same in words."""

    figures: Mapping[str, Any]
    plan_text: str
    three_year_text: str
    lines: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            **self.figures,
            "plan_text": self.plan_text,
            "three_year_text": self.three_year_text,
            "lines": list(self.lines),
        }


@dataclass(frozen=True)
class Adequate:
    """Rated criteria this business did not emphasise, counted in full from `need`."""

    need: int
    criteria: tuple[str, ...]
    names: tuple[str, ...]  # the same, in the requested language


@dataclass(frozen=True)
class Explanation:
    file: str
    name: str
    platform: Chosen
    groups: tuple[GroupLine, ...]
    criteria: tuple[CriterionLine, ...]
    versus: Versus | None
    caveat: str | None
    near_misses: tuple[NearMiss, ...]
    stability: tuple[StabilityLine, ...]
    # the platform whose first place the stability ranges are about: the #1, whichever platform
    # is explained
    stability_of: str | None
    topsis: Topsis | None
    adequate: Adequate
    cost: CostLines

    def to_json(self) -> dict[str, Any]:
        """The JSON form: the fields in their order, the cost's figures inlined."""
        data = asdict(self)
        data["cost"] = self.cost.to_json()
        return data


def name_of(catalog: Catalog, target: str, lang: str = "en") -> str:
    if target in catalog.groups:
        return name("group", target, lang, catalog.groups[target].name)
    if target in catalog.criteria:
        return name("criterion", target, lang, catalog.criteria[target].name)
    return catalog.platforms[target].name if target in catalog.platforms else target


def num1(value: float, lang: str) -> str:
    """A score or a number of points, as every explain text shows them: one decimal."""
    return num(value, lang, 1)


def weight_text(catalog: Catalog, change: WeightChange, leader: str, challenger: str, lang: str = "en") -> str:
    return t(
        "explain.weight_change",
        lang,
        target=name_of(catalog, change.target, lang),
        needed=pct(change.needed, lang),
        current=pct(change.current, lang),
        challenger=name_of(catalog, challenger, lang),
        leader=name_of(catalog, leader, lang),
    )


def rating_text(catalog: Catalog, change: RatingChange, leader: str, challenger: str, lang: str = "en") -> str:
    who = name_of(catalog, change.platform, lang)
    crit = name_of(catalog, change.criterion, lang)
    was = ("unknown" if lang == "en" else t("common.unknown", lang)) if change.current is None else str(change.current)
    args = {"who": who, "needed": change.needed, "was": was, "criterion": crit}
    if change.platform == challenger:
        return t("explain.rating_overtakes", lang, leader=name_of(catalog, leader, lang), **args)
    return t("explain.rating_overtaken", lang, challenger=name_of(catalog, challenger, lang), **args)


def interval_text(catalog: Catalog, iv: Interval, leader: str, lang: str = "en") -> str:
    parts = []
    if iv.below_leader:
        parts.append(t("explain.below", lang, share=pct(iv.low, lang), name=name_of(catalog, iv.below_leader, lang)))
    if iv.above_leader:
        parts.append(t("explain.above", lang, share=pct(iv.high, lang), name=name_of(catalog, iv.above_leader, lang)))
    return "; ".join(parts) or t("explain.any_weight", lang, name=name_of(catalog, leader, lang))


def edge_lines(catalog: Catalog, edges: list[Edge], lang: str = "en", adequate: tuple[str, ...] = ()) -> list[str]:
    # a criterion counted in full from the adequate rating is marked, as in the criteria table:
    # its 5.0 is what it counts as, not what the catalogue rates it
    return [
        t(
            "explain.edge",
            lang,
            name=name_of(catalog, e.criterion, lang) + ("*" if e.criterion in adequate else ""),
            value=num1(e.value * 5, lang),
            field=num1(e.field * 5, lang),
            points=("+" if e.points >= 0 else "") + num1(e.points, lang) if lang != "en" else f"{e.points:+.1f}",
        )
        for e in edges
    ]


def why_text(result: Result, a: Ranked, b: Ranked, catalog: Catalog, lang: str, n: int = 3) -> str:
    """insights.why_ahead in `lang`: where `a` gains most over `b`, and where `b` is ahead."""
    from .._analysis.insights import head_to_head, why_ahead

    if lang == "en":
        return why_ahead(result, a, b, lambda cid: name_of(catalog, cid))
    gaps = head_to_head(result, a, b)
    ahead = [f"{name_of(catalog, c, lang)} (+{num1(p, lang)})" for c, p in gaps[:n] if p > 0]
    behind = [f"{name_of(catalog, c, lang)} (+{num1(-p, lang)})" for c, p in reversed(gaps) if p < 0][:n]

    def join(items: list[str]) -> str:
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {t('explain.and', lang)} " + items[-1]

    text = (
        t("explain.beats", lang, a=a.name, b=b.name, what=join(ahead))
        if ahead
        else t("explain.no_edge", lang, a=a.name, b=b.name)
    )
    if behind:
        text += t("explain.ahead_on", lang, b=b.name, what=join(behind))
    return text + t("explain.of_100", lang)


def cost_lines(tco: Tco, lang: str = "en") -> CostLines:
    """The cost breakdown of `explain`: the score JSON's cost figures plus the same lines in words."""
    from .common import breakdown_lines, cost, plan_text
    from .json import tco_payload

    return CostLines(
        tco_payload(tco), plan_text(tco, lang), cost(tco.three_year, tco, lang), tuple(breakdown_lines(tco, lang))
    )


def explain(
    result: Result, catalog: Catalog, platform_id: str | None, lang: str = "en", req: Requirements | None = None
) -> Explanation:
    """Everything `advisor explain` shows for a ranked platform (default: the #1). JSON is always
    built in English; `lang` gives the texts for a table or markdown."""
    from .._analysis.insights import strongest_weakest

    ranking = result.ranking
    chosen = next(r for r in ranking if r.platform == platform_id) if platform_id else ranking[0]
    weights = result.weights.normalised()
    strong, weak = strongest_weakest(result, chosen)
    confirmed = if_confirmed(req, catalog, result, chosen.platform) if req is not None else None
    return Explanation(
        file=result.file,
        name=result.name,
        platform=Chosen(
            id=chosen.platform,
            name=chosen.name,
            rank=chosen.rank,
            score=chosen.score,
            coverage=chosen.coverage,
            # adjustment notes are the scoring core's English sentences, without keys to translate
            notes=chosen.notes if lang == "en" else (),
            flags=tuple(FlagLine(f.kind, f.subject, flag(f, chosen, None, catalog, lang)) for f in chosen.flags),
            penalty=chosen.penalty,
            if_confirmed=confirmed,
            confirm=tuple(confirm_lines(chosen.penalty, chosen.rank, confirmed, catalog, lang)),
            strongest=tuple(edge_lines(catalog, strong, lang, result.adequate)),
            weakest=tuple(edge_lines(catalog, weak, lang, result.adequate)),
        ),
        groups=tuple(
            GroupLine(
                group=g,
                name=name("group", g, lang, grp.name),
                weight=round(sum(weights[c] for c in catalog.criteria_in(g)), 4),
                points=round(sum(chosen.contributions.get(c, 0.0) for c in catalog.criteria_in(g)), 2),
            )
            for g, grp in catalog.groups.items()
        ),
        criteria=_criteria(chosen, weights, catalog, lang, result.adequate),
        versus=_versus(result, chosen, catalog, lang),
        caveat=caveat(result, lang),
        near_misses=tuple(
            NearMiss(
                platform=e.platform,
                name=e.name,
                reason="; ".join(knockout(k, e, None, catalog, lang) for k in e.reasons),
                kind=e.reasons[0].kind,
                would_rank=e.would_rank,
                would_score=e.would_score,
            )
            for e in result.excluded
            if e.near_miss
        ),
        stability=_stability(result, catalog, lang),
        stability_of=result.ranking[0].name if result.ranking else None,
        topsis=_topsis(result),
        adequate=Adequate(
            result.adequate_need,
            result.adequate,
            tuple(name("criterion", c, lang, catalog.criteria[c].name) for c in result.adequate),
        ),
        cost=cost_lines(chosen.tco, lang),
    )


def explain_payload(
    result: Result, catalog: Catalog, platform_id: str | None, lang: str = "en", req: Requirements | None = None
) -> dict[str, Any]:
    """The JSON form of `explain`."""
    return explain(result, catalog, platform_id, lang, req).to_json()


# what each computed criterion is worked out from (README, "Fit to the business")
_COMPUTED = {
    "tco": "computed from the 3-year TCO",
    "segment": "computed from your size and team against the platform's sweet spot",
    "market": "computed from your markets: sold there, local language, payments and carriers",
    "industry": "computed from the capabilities your industry usually needs",
}


def _criteria(
    chosen: Ranked, weights: Mapping[str, float], catalog: Catalog, lang: str, adequate: tuple[str, ...] = ()
) -> tuple[CriterionLine, ...]:
    plat = catalog.platforms[chosen.platform]
    lines = []
    for cid, crit in catalog.criteria.items():
        rating = plat.ratings.get(cid)
        src = plat.source_for(rating.source) if rating else None
        note = rating.note if rating else (_COMPUTED.get(crit.computed, "computed") if crit.computed else None)
        if lang != "en":
            note = None  # catalogue notes are written in English; the evidence and date stay
        lines.append(
            CriterionLine(
                criterion=cid,
                name=name("criterion", cid, lang, crit.name),
                group=crit.group,
                weight=round(weights[cid], 4),
                value=round(chosen.used[cid], 4),
                rating=rating.value if rating and rating.value != "unknown" else None,
                adequate=cid in adequate,
                unknown=chosen.values[cid] is None,
                points=chosen.contributions.get(cid, 0.0),
                note=note,
                source=None
                if src is None
                else Source(
                    url=str(src.url) if src.url else None,
                    title=src.title,
                    evidence=src.evidence.value,
                    as_of=src.as_of.isoformat(),
                ),
            )
        )
    return tuple(lines)


def _versus(result: Result, chosen: Ranked, catalog: Catalog, lang: str) -> Versus | None:
    """Against the next one down, or for the last, the one above."""
    from .._analysis.swap import rating_change, weight_change

    ranking = result.ranking
    other = (
        ranking[chosen.rank] if chosen.rank < len(ranking) else (ranking[chosen.rank - 2] if chosen.rank > 1 else None)
    )
    if other is None:
        return None
    leader, challenger = (chosen, other) if chosen.rank < other.rank else (other, chosen)
    wc = weight_change(result, catalog, leader, challenger)
    rc = rating_change(result, catalog, leader, challenger)
    return Versus(
        platform=other.platform,
        name=other.name,
        rank=other.rank,
        score=other.score,
        gap=round(abs(chosen.score - other.score), 2),
        why=why_text(result, leader, challenger, catalog, lang),
        weight_change=None
        if wc is None
        else WeightMove(
            target=wc.target,
            current=round(wc.current, 4),
            needed=round(wc.needed, 4),
            text=weight_text(catalog, wc, leader.platform, challenger.platform, lang),
        ),
        rating_change=None
        if rc is None
        else RatingMove(
            platform=rc.platform,
            criterion=rc.criterion,
            current=rc.current,
            needed=rc.needed,
            text=rating_text(catalog, rc, leader.platform, challenger.platform, lang),
        ),
    )


def _stability(result: Result, catalog: Catalog, lang: str) -> tuple[StabilityLine, ...]:
    from .._analysis.stability import stability

    if len(result.ranking) < 2:
        return ()
    return tuple(
        StabilityLine(
            group=iv.target,
            name=name_of(catalog, iv.target, lang),
            current=round(iv.current, 4),
            low=round(iv.low, 4),
            high=round(iv.high, 4),
            text=interval_text(catalog, iv, result.ranking[0].platform, lang),
        )
        for iv in stability(result, catalog)
        if iv.current > 0 or iv.high > 0
    )


def _topsis(result: Result) -> Topsis | None:
    from .._analysis.topsis import topsis

    if len(result.ranking) < 2:
        return None
    check = topsis(result)
    return Topsis(
        top3=tuple(check.order[:3]),
        agrees=not check.moved,
        moved=tuple(check.moved),
        closeness={k: round(v, 4) for k, v in check.closeness.items()},
    )
