"""Find, load and cross-check a catalogue directory (`criteria/` + `platforms/`).

Each file is validated by its model; then the checks here make sure ids agree across files
(a rating for a criterion that exists, a source key the platform defines, a known connector id).
All problems from all files are reported together, so an editor fixes them in one pass.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from ._conditions import condition_fields
from ._errors import InputError, Problem
from ._locations import resolve_root
from ._models import (
    CapabilitiesFile,
    ConnectorsFile,
    CriteriaFile,
    Evidence,
    ExchangeRates,
    Platform,
    PresetsFile,
    Range,
    RulesFile,
)
from ._models.catalog import Capability, Condition, Criterion, Group, Preset, Rating, Rule, Source
from ._models.costs import ComplexityFile, DayRates, RatesFile
from ._models.evidence import EvidenceFile
from ._models.policy import IndustriesFile, Industry, MarketExpectations, MarketsFile, Policy, PolicyFile
from ._validate import suggest, validate
from ._yaml import Document, load_text, read_text

if TYPE_CHECKING:  # loaded with the advice files they describe (Catalog.interview, _load)
    from ._models.interview import InterviewFile
    from ._models.readiness import ReadinessFile

REQUIRED_CURRENCIES = ("SEK", "NOK", "DKK", "EUR", "USD")
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Catalog:
    """A loaded, cross-checked catalogue: every file's models, by id."""

    root: Path
    digest: str
    groups: dict[str, Group]
    criteria: dict[str, Criterion]
    capabilities: dict[str, Capability]
    connectors: ConnectorsFile
    rates: ExchangeRates
    presets: dict[str, Preset]
    rules: dict[str, Rule]
    platforms: dict[str, Platform]
    platform_files: dict[str, str]
    evidence: EvidenceFile
    industries: dict[str, Industry]
    markets: dict[str, MarketExpectations]
    policy: Policy
    day_rates: RatesFile
    complexity: ComplexityFile
    # The advice files (the interview's questions, the readiness checks), pickled apart from
    # the rest: scoring never reads them, and unpickled with a cached catalogue they would
    # first import their models, about 7 ms of every `advisor score`. Read as `interview` and
    # `readiness`; a catalogue may leave them out (a test, a scoring-only catalogue).
    advice: bytes = pickle.dumps((None, None))
    # Of every file, the advice files included: what the caches are keyed by. `digest`, which
    # results carry, covers the files that decide scores only, so a reworded question leaves
    # every result file as it was.
    source_digest: str = ""

    def __eq__(self, other: object) -> bool:
        """Field by field, as a dataclass compares, but the advice files by value: pickled, the
        same models give other bytes in another process (a model's set of the fields it was
        given is pickled in that process's hash order)."""
        if not isinstance(other, Catalog) or other.__class__ is not self.__class__:
            return NotImplemented
        names = [f.name for f in fields(self) if f.name != "advice"]
        same = all(getattr(self, name) == getattr(other, name) for name in names)
        return same and self._advice == other._advice

    @cached_property
    def _advice(self) -> tuple[InterviewFile | None, ReadinessFile | None]:
        found: tuple[InterviewFile | None, ReadinessFile | None] = pickle.loads(self.advice)
        return found

    @property
    def interview(self) -> InterviewFile | None:
        return self._advice[0]

    @property
    def readiness(self) -> ReadinessFile | None:
        return self._advice[1]

    def interview_spec(self) -> InterviewFile:
        if self.interview is None:
            raise self._missing("interview")
        return self.interview

    def readiness_spec(self) -> ReadinessFile:
        if self.readiness is None:
            raise self._missing("readiness")
        return self.readiness

    def _missing(self, name: str) -> InputError:
        return InputError([Problem(_display(self.root, "criteria", f"{name}.yaml"), None, None, "no such file")])

    def criteria_in(self, group: str) -> list[str]:
        return [cid for cid, c in self.criteria.items() if c.group == group]

    def rated_facts(self, platform_id: str) -> Iterator[tuple[str, Criterion, Rating, Source | None]]:
        """A platform's ratings in criteria order, each with the source it names."""
        plat = self.platforms[platform_id]
        for cid, crit in self.criteria.items():
            rating = plat.ratings.get(cid)
            if rating is not None:
                yield cid, crit, rating, plat.source_for(rating.source)

    @cached_property
    def plan_gated(self) -> dict[str, tuple[tuple[str, int, int], ...]]:
        """Per platform with ratings that need a plan: (criterion, the plan's position in
        `pricing.plans`, the rating below it), in criteria order."""
        out: dict[str, tuple[tuple[str, int, int], ...]] = {}
        for pid, p in self.platforms.items():
            names = [plan.name for plan in p.pricing.plans]
            gated = tuple(
                (cid, names.index(r.plan), r.below_plan)
                for cid in self.criteria
                if (r := p.ratings.get(cid)) is not None and r.plan is not None and r.below_plan is not None
            )
            if gated:
                out[pid] = gated
        return out

    @cached_property
    def rated_values(self) -> dict[str, dict[str, float | None]]:
        """Per platform, rating / 5 per rated criterion (None when unknown); computed once,
        shared by every requirements file in a batch."""
        return {
            pid: {
                cid: (r.value / 5 if (r := p.ratings.get(cid)) is not None and isinstance(r.value, int) else None)
                for cid, c in self.criteria.items()
                if c.computed is None
            }
            for pid, p in self.platforms.items()
        }

    @cached_property
    def rated_medians(self) -> dict[str, float]:
        """Per rated criterion, the median known value across the catalogue (0.5 when no
        platform is rated): the stand-in for an unknown, computed once per catalogue."""
        rows = self.rated_values.values()
        return {cid: median_known(rows, cid) for cid in next(iter(rows), {})}

    @cached_property
    def fit_cache(self) -> dict[tuple[str, tuple[Any, ...]] | tuple[str, tuple[str, ...], bool, bool, bool], Any]:
        """Fit values that depend on the catalogue and a few answers only, keyed by platform id
        and those answers (market fit: the markets, whether the admin and support languages count
        and whether the business builds in-house; connector status: kind and system), filled as
        files are scored, after the catalogue is written to the disk cache."""
        return {}

    @property
    def weight_targets(self) -> set[str]:
        """Ids a priority, preset or rule may name: every criterion and every group."""
        return set(self.criteria) | set(self.groups)


def median_known(rows: Iterable[dict[str, float | None]], cid: str) -> float:
    """The median of the known values of one criterion across platforms; 0.5 when none is known."""
    known = [x for v in rows if (x := v[cid]) is not None]
    return statistics.median(known) if known else 0.5


# In-process copies by location and content digest: a file edited between two loads in one
# process (a library user, an editor integration) is seen, and an unchanged one costs a
# read of the files, not a parse.
_CACHE: dict[tuple[Path, str], Catalog] = {}


def load_catalog(root: Path | None = None) -> Catalog:
    """Load once per process (a batch shares one validated catalogue) and, across processes,
    from the content-keyed cache when nothing changed."""
    from . import _cache

    root = resolve_root(root)
    texts = _read_all(root)
    digest = _digest(texts)  # of every file, the advice files included
    where = (root.resolve(), digest)
    if texts is not None and where in _CACHE:
        return _CACHE[where]
    name = _cache.key(digest, root)
    cached = _cache.get(name) if texts is not None else None
    if isinstance(cached, Catalog) and cached.source_digest == digest:
        _CACHE[where] = cached
        return cached
    catalog = _load(root, texts or {})
    if texts is not None:
        _cache.put(name, catalog)
        _CACHE[where] = catalog
    return catalog


def _catalog_files(root: Path) -> list[tuple[str, Path]]:
    """(name relative to the root, path) for every file of a catalogue, in a fixed order."""
    fixed = [(f"criteria/{n}.yaml", root / "criteria" / f"{n}.yaml") for n in _FIXED]
    advice = [(f"criteria/{n}.yaml", root / "criteria" / f"{n}.yaml") for n in _ADVICE]
    plats = [(f"platforms/{p.name}", p) for p in sorted((root / "platforms").glob("*.yaml"))]
    return fixed + [(rel, path) for rel, path in advice if path.exists()] + plats


def _read_all(root: Path) -> dict[str, str] | None:
    """Every file's text, or None when something is wrong (the full load then says what)."""
    if not (root / "criteria").is_dir() or not (root / "platforms").is_dir():
        return None
    try:
        return {rel: read_text(path, str(path)) for rel, path in _catalog_files(root)}
    except InputError:
        return None


def _digest(texts: dict[str, str] | None, skip: tuple[str, ...] = ()) -> str:
    hasher = hashlib.sha256()
    for rel, text in sorted((texts or {}).items()):
        if rel in skip:
            continue
        hasher.update(rel.encode() + b"\0" + text.encode() + b"\0")
    return "sha256:" + hasher.hexdigest()


_FIXED = (
    "criteria",
    "capabilities",
    "connectors",
    "exchange_rates",
    "presets",
    "rules",
    "industries",
    "markets",
    "policy",
    "rates",
    "complexity",
    "evidence",
)
_ADVICE = ("interview", "readiness")  # optional: read when present


class _Collector:
    def __init__(self, texts: dict[str, str]) -> None:
        self.problems: list[Problem] = []
        self.texts = texts

    def load(self, path: Path, display: str, rel: str) -> Document | None:
        try:
            text = self.texts[rel] if rel in self.texts else read_text(path, display)
            return load_text(text, display)
        except InputError as exc:
            self.problems.extend(exc.problems)
            return None

    def model(self, model: type[M], doc: Document | None) -> M | None:
        if doc is None:
            return None
        try:
            return validate(model, doc)
        except InputError as exc:
            self.problems.extend(exc.problems)
            return None


def _display(root: Path, *parts: str) -> str:
    return str(root.joinpath(*parts))


def _load(root: Path, texts: dict[str, str]) -> Catalog:
    name = str(root)
    if not root.exists():
        raise InputError([Problem(name, None, None, "catalogue directory does not exist")])
    if not root.is_dir():
        raise InputError([Problem(name, None, None, "catalogue must be a directory")])
    for sub in ("criteria", "platforms"):
        if not (root / sub).is_dir():
            raise InputError([Problem(name, None, None, f"not a catalogue: no {sub}/ directory inside")])

    c = _Collector(texts)

    def load(fname: str) -> Document | None:
        rel = f"criteria/{fname}.yaml"
        return c.load(root / rel, _display(root, "criteria", f"{fname}.yaml"), rel)

    fixed: dict[str, Document | None] = {fname: load(fname) for fname in _FIXED}
    crit = c.model(CriteriaFile, fixed["criteria"])
    caps = c.model(CapabilitiesFile, fixed["capabilities"])
    conns = c.model(ConnectorsFile, fixed["connectors"])
    rates = c.model(ExchangeRates, fixed["exchange_rates"])
    presets = c.model(PresetsFile, fixed["presets"])
    rules = c.model(RulesFile, fixed["rules"])
    evidence = c.model(EvidenceFile, fixed["evidence"])
    industries = c.model(IndustriesFile, fixed["industries"])
    markets = c.model(MarketsFile, fixed["markets"])
    policy = c.model(PolicyFile, fixed["policy"])
    day_rates = c.model(RatesFile, fixed["rates"])
    complexity = c.model(ComplexityFile, fixed["complexity"])
    advice: dict[str, Document | None] = {}
    for fname in _ADVICE:
        if f"criteria/{fname}.yaml" in texts or (root / "criteria" / f"{fname}.yaml").exists():
            advice[fname] = load(fname)
    from ._advice_files import check_interview, check_readiness, check_suggestions
    from ._models.interview import InterviewFile
    from ._models.readiness import ReadinessFile

    interview = c.model(InterviewFile, advice.get("interview"))
    readiness = c.model(ReadinessFile, advice.get("readiness"))
    if interview is not None and caps is not None:
        c.problems.extend(check_interview(interview, _present(advice["interview"]), caps.capabilities))
    if readiness is not None:
        c.problems.extend(check_readiness(readiness, _present(advice["readiness"])))

    platform_docs: dict[str, Document] = {}
    platforms: dict[str, Platform] = {}
    files: dict[str, str] = {}
    for path in sorted((root / "platforms").glob("*.yaml")):
        display = _display(root, "platforms", path.name)
        doc = c.load(path, display, f"platforms/{path.name}")
        model = c.model(Platform, doc)
        if doc is None or model is None:
            continue
        if model.id != path.stem:
            c.problems.append(doc.problem(("id",), f"id {model.id!r} must match the file name {path.stem!r}"))
            continue
        platform_docs[model.id] = doc
        platforms[model.id] = model
        files[model.id] = display
    if not platforms and not c.problems:
        c.problems.append(Problem(_display(root, "platforms"), None, None, "no platform files (*.yaml)"))

    if (
        None in (crit, caps, conns, rates, presets, rules, industries, markets, policy, day_rates, complexity, evidence)
        or c.problems
    ):
        # Cross-checks need every file; report what we have so far.
        for pid, platform in platforms.items():  # source keys can be checked file by file
            c.problems.extend(_source_refs(platform, platform_docs[pid]))
        raise InputError(sorted(set(c.problems)))
    assert crit and caps and conns and rates and presets and rules  # for the type checker
    assert industries and markets and policy and day_rates and complexity and evidence

    targets = set(crit.criteria) | set(crit.groups)
    cd, pd, rd, xd = fixed["criteria"], fixed["presets"], fixed["rules"], fixed["exchange_rates"]
    assert cd and pd and rd and xd
    for cid, criterion in crit.criteria.items():
        if criterion.group not in crit.groups:
            c.problems.append(
                cd.problem(
                    ("criteria", cid, "group"),
                    f"unknown group {criterion.group!r}" + suggest(criterion.group, crit.groups),
                )
            )
    poldoc = fixed["policy"]
    assert poldoc
    fields = set(condition_fields())
    for cid, enough in policy.policy.enough.items():
        if cid not in crit.criteria:
            c.problems.append(
                poldoc.problem(("policy", "enough", cid), f"{cid!r} is not a criterion" + suggest(cid, crit.criteria))
            )
        if enough.by not in fields:
            c.problems.append(
                poldoc.problem(
                    ("policy", "enough", cid, "by"),
                    f"{enough.by!r} is not a requirements field or derived fact" + suggest(enough.by, fields),
                )
            )
    for i, gid in enumerate(policy.policy.held.groups):
        if gid not in crit.groups:
            c.problems.append(
                poldoc.problem(("policy", "held", "groups", i), f"{gid!r} is not a group" + suggest(gid, crit.groups))
            )
    for pid, preset in presets.presets.items():
        for key in preset.factors:
            if key not in targets:
                c.problems.append(
                    pd.problem(
                        ("presets", pid, "factors", key), f"{key!r} is not a criterion or group" + suggest(key, targets)
                    )
                )
    for rid, rule in rules.rules.items():
        for key in rule.factors:
            if key not in targets:
                c.problems.append(
                    rd.problem(
                        ("rules", rid, "factors", key), f"{key!r} is not a criterion or group" + suggest(key, targets)
                    )
                )
        c.problems.extend(_unknown_fields(rd, ("rules", rid, "when"), rule.when))
    market = policy.policy.market
    c.problems.extend(_unknown_fields(poldoc, ("policy", "market", "admin_when"), market.admin_when))
    c.problems.extend(_unknown_fields(poldoc, ("policy", "market", "support_when"), market.support_when))
    c.problems.extend(_check_shared(fixed, crit, caps, conns, industries, markets))
    c.problems.extend(_check_costs(fixed, day_rates, complexity, rates))
    for cur in REQUIRED_CURRENCIES:
        if cur not in rates.rates:
            c.problems.append(xd.problem(("rates",), f"missing rate for {cur}"))

    for pid, platform in platforms.items():
        c.problems.extend(
            _check_platform(platform, platform_docs[pid], crit, caps, conns, rates, industries.industries)
        )
        c.problems.extend(_estimates_marked(platform, platform_docs[pid], evidence))

    if c.problems:
        raise InputError(sorted(set(c.problems)))
    catalog = Catalog(
        root=root,
        digest=_digest(texts, skip=tuple(f"criteria/{n}.yaml" for n in _ADVICE)),
        source_digest=_digest(texts),
        advice=pickle.dumps((interview, readiness), protocol=pickle.HIGHEST_PROTOCOL),
        groups=crit.groups,
        criteria=crit.criteria,
        capabilities=caps.capabilities,
        connectors=conns,
        rates=rates,
        presets=presets.presets,
        rules=rules.rules,
        platforms=platforms,
        platform_files=files,
        evidence=evidence,
        industries=industries.industries,
        markets=markets.countries,
        policy=policy.policy,
        day_rates=day_rates,
        complexity=complexity,
    )
    if interview is not None:
        problems = list(check_suggestions(interview, _present(advice["interview"]), catalog))
        if problems:
            raise InputError(sorted(set(problems)))
    return catalog


def _present(doc: Document | None) -> Document:
    assert doc is not None  # a model was validated from it
    return doc


def _check_costs(
    fixed: dict[str, Document | None], day_rates: RatesFile, complexity: ComplexityFile, rates: ExchangeRates
) -> Iterator[Problem]:
    """Day rates in a currency with an exchange rate; complexity and build conditions on real fields."""
    rd, cd = fixed["rates"], fixed["complexity"]
    assert rd and cd
    located: list[tuple[tuple[str, ...], DayRates]] = [(("countries", k), v) for k, v in day_rates.countries.items()]
    for where, day in [*located, (("default",), day_rates.default)]:
        if day.currency not in rates.rates:
            yield rd.problem((*where, "currency"), f"no exchange rate for {day.currency!r}")
    checks: list[tuple[tuple[Any, ...], list[Condition]]] = []
    for did, driver in complexity.drivers.items():
        checks.append((("drivers", did, "when"), driver.when))
        if driver.per is not None and driver.per not in condition_fields():
            yield cd.problem(
                ("drivers", did, "per"), f"unknown field {driver.per!r}" + suggest(driver.per, condition_fields())
            )
    for i, rule in enumerate(complexity.build.suggest):
        checks.append((("build", "suggest", i, "when"), rule.when))
    for loc, conds in checks:
        yield from _unknown_fields(cd, loc, conds)


def _unknown_fields(doc: Document, where: tuple[Any, ...], conds: list[Condition]) -> Iterator[Problem]:
    """A condition on a field no requirements file has, nor any derived fact: it would never hold."""
    known = condition_fields()
    for j, cond in enumerate(conds):
        if cond.field not in known:
            yield doc.problem((*where, j, "field"), f"unknown field {cond.field!r}" + suggest(cond.field, known))


def _check_shared(
    fixed: dict[str, Document | None],
    crit: CriteriaFile,
    caps: CapabilitiesFile,
    conns: ConnectorsFile,
    industries: IndustriesFile,
    markets: MarketsFile,
) -> Iterator[Problem]:
    """Ids named by the industry profiles, market expectations and connector families exist."""
    targets = set(crit.criteria) | set(crit.groups)
    ind, mkt, con = fixed["industries"], fixed["markets"], fixed["connectors"]
    assert ind and mkt and con
    for iid, industry in industries.industries.items():
        for key in industry.factors:
            if key not in targets:
                yield ind.problem(
                    ("industries", iid, "factors", key), f"{key!r} is not a criterion or group" + suggest(key, targets)
                )
        for i, cap in enumerate(industry.proposes):
            if cap not in caps.capabilities:
                yield ind.problem(
                    ("industries", iid, "proposes", i), f"unknown capability {cap!r}" + suggest(cap, caps.capabilities)
                )
    for code, expected in markets.countries.items():
        for kind, ids, known in (
            ("payments", expected.payments, conns.payments),
            ("carriers", expected.carriers, conns.shipping),
        ):
            for i, cid in enumerate(ids):
                if cid not in known:
                    yield mkt.problem(("countries", code, kind, i), f"unknown connector {cid!r}" + suggest(cid, known))
    every = {
        cid for kind in ("erp", "crm", "pim", "payments", "shipping", "marketplaces") for cid in getattr(conns, kind)
    }
    for fid, members in conns.families.items():
        if fid not in every:
            yield con.problem(("families", fid), f"family {fid!r} is not a connector id")
        for i, cid in enumerate(members):
            if cid not in every:
                yield con.problem(("families", fid, i), f"unknown connector {cid!r}" + suggest(cid, every))
    for method, services in conns.through.items():
        via = conns.through_kind(method)
        if via is None:
            known_ids = {**conns.payments, **conns.shipping}
            yield con.problem(
                ("through", method), f"{method!r} is not a payment or carrier id" + suggest(method, known_ids)
            )
            continue
        same = getattr(conns, via)
        for i, cid in enumerate(services):
            if cid not in same:
                yield con.problem(("through", method, i), f"unknown {via} id {cid!r}" + suggest(cid, same))


def _check_platform(
    p: Platform,
    doc: Document,
    crit: CriteriaFile,
    caps: CapabilitiesFile,
    conns: ConnectorsFile,
    rates: ExchangeRates,
    industries: dict[str, Industry] | None = None,
) -> Iterator[Problem]:
    rated = {cid for cid, cr in crit.criteria.items() if cr.computed is None}
    for cid in p.ratings:
        if cid not in crit.criteria:
            yield doc.problem(("ratings", cid), f"unknown criterion {cid!r}" + suggest(cid, rated))
        elif cid not in rated:
            yield doc.problem(("ratings", cid), f"{cid!r} is computed, not rated; remove this rating")
    for cid in sorted(rated - set(p.ratings)):
        yield doc.problem(("ratings",), f"no rating for {cid!r}; write `value: unknown` if it is not known")
    for cap in p.capabilities:
        if cap not in caps.capabilities:
            yield doc.problem(("capabilities", cap), f"unknown capability {cap!r}" + suggest(cap, caps.capabilities))
    for cap in sorted(set(caps.capabilities) - set(p.capabilities)):
        yield doc.problem(("capabilities",), f"capability {cap!r} not stated; use `status: unknown` if not known")
    known = conns.model_dump()
    for kind, entries in p.connectors.kinds().items():
        for cid in entries:
            if cid not in known[kind]:
                yield doc.problem(
                    ("connectors", kind, cid), f"unknown {kind} connector {cid!r}" + suggest(cid, known[kind])
                )
    plan_names = [plan.name for plan in p.pricing.plans]
    for cid, rating in p.ratings.items():
        if rating.plan is not None and rating.plan not in plan_names:
            yield doc.problem(
                ("ratings", cid, "plan"),
                f"no plan {rating.plan!r} in pricing.plans" + suggest(rating.plan, plan_names)
                if plan_names
                else f"plan {rating.plan!r} named, but pricing lists no plans",
            )
        elif rating.plan is not None and plan_names.index(rating.plan) == 0:
            yield doc.problem(
                ("ratings", cid, "plan"),
                f"{rating.plan!r} is the cheapest plan, so below_plan would never apply; name the plan it needs",
            )
    for i, plan in enumerate(p.pricing.plans):
        for j, cap in enumerate(plan.unlocks):
            if cap not in caps.capabilities:
                yield doc.problem(
                    ("pricing", "plans", i, "unlocks", j),
                    f"unknown capability {cap!r}" + suggest(cap, caps.capabilities),
                )
        for cur in plan.local_prices:
            if cur not in rates.rates:
                yield doc.problem(("pricing", "plans", i, "local_prices", cur), f"no exchange rate for {cur!r}")
    if p.segment is not None and industries is not None:
        for i, iid in enumerate(p.segment.industries or []):
            if iid not in industries:
                yield doc.problem(("segment", "industries", i), f"unknown industry {iid!r}" + suggest(iid, industries))
    if p.pricing.currency not in rates.rates:
        yield doc.problem(
            ("pricing", "currency"),
            f"no exchange rate for {p.pricing.currency!r}" + suggest(p.pricing.currency, rates.rates),
        )
    yield from _source_refs(p, doc)


def _source_refs(p: Platform, doc: Document) -> Iterator[Problem]:
    """Every fact names a source the file defines; a known fact must name one."""
    refs: list[tuple[tuple[Any, ...], str | None, bool]] = []
    for cid, rating in p.ratings.items():
        refs.append((("ratings", cid, "source"), rating.source, rating.value != "unknown"))
    for cap, entry in p.capabilities.items():
        refs.append((("capabilities", cap, "source"), entry.source, entry.status != "unknown"))
    bare = False
    for kind, entries in p.connectors.kinds().items():
        for cid, conn in entries.items():
            if isinstance(conn, str):
                bare = True
            else:
                refs.append((("connectors", kind, cid, "source"), conn.source, True))
    refs.append((("connectors", "source"), p.connectors.source, bare))
    for block in (p.markets, p.segment):
        if block is not None:
            refs.append(((type(block).__name__.lower(), "source"), block.source, True))
    if p.markets is not None:
        refs.append((("markets", "admin_source"), p.markets.admin_source, False))
        refs.append((("markets", "support_source"), p.markets.support_source, False))
    if p.segment is not None:
        refs.append((("segment", "industries_source"), p.segment.industries_source, False))
    for i, plan in enumerate(p.pricing.plans):
        refs.append((("pricing", "plans", i, "source"), plan.source, True))
        if plan.variable_fee is not None:
            refs.append((("pricing", "plans", i, "variable_fee", "source"), plan.variable_fee.source, True))
    refs.append((("pricing", "source"), p.pricing.source, True))
    for name, part in [*p.pricing.parts().items(), ("effort_days", p.pricing.effort_days)]:
        if isinstance(part, Range) and part.source is not None:
            refs.append((("pricing", name, "source"), part.source, True))
    for loc, ref, needed in refs:
        if ref is None:
            if needed:
                yield doc.problem(
                    loc[:-1], "a known fact needs a `source` (use an estimate source for judgement calls)"
                )
        elif ref not in p.sources:
            yield doc.problem(loc, f"source {ref!r} is not defined under `sources`" + suggest(ref, p.sources))


def _estimates_marked(p: Platform, doc: Document, policy: EvidenceFile) -> Iterator[Problem]:
    """A source that calls itself an estimate must be counted as one: its facts feed the cost and
    the ranking, and the audit can only show which rest on judgement if the source says so."""
    for key, src in p.sources.items():
        if src.evidence is Evidence.estimate:
            continue
        words = re.findall(r"[a-z]+", f"{key} {src.title}".lower())
        marker = next((m for m in policy.estimate_markers if m in words), None)
        if marker is not None:
            yield doc.problem(
                ("sources", key, "evidence"),
                f"source {key!r} reads as an estimate ({marker!r}) but its evidence is "
                f"{src.evidence.value!r}; write `evidence: estimate`, or cite the page that states the fact",
            )
