"""Scoring policy an editor may tune, industry profiles and per-country market expectations."""

from typing import Annotated

from pydantic import Field

from .catalog import Condition, Country, Factors, Language
from .common import Id, Strict, Text

Share = Annotated[float, Field(ge=0, le=1)]
Rating = Annotated[int, Field(ge=0, le=5)]


class UnknownsPolicy(Strict):
    verify_penalty: Share = Field(
        description="Share of the score taken off per must-have whose availability is unknown, so the "
        "platform ranks below an otherwise equal one that has it confirmed."
    )
    connector_to_verify_cap: Rating = Field(
        description="Integration rating used at most when no connector for the merchant's system is known "
        "and the platform's list is not known to be complete."
    )
    custom_integration_cap: Rating = Field(
        description="Integration rating used at most when the list is complete and has no connector for the "
        "merchant's system: custom integration through the API."
    )
    peer_segment_fit: Share = Field(
        description="An unknown 3-year cost is taken as the median among platforms whose segment fit is at "
        "least this (the platforms made for a business this size)."
    )
    api_route_min_rating: Rating = Field(
        description="An ERP without a ready connector can still be integrated when the API or iPaaS "
        "support is rated at least this."
    )


class CoveragePolicy(Strict):
    low: Share = Field(description="Below this share of known weighted data a platform is not shown as a plain winner.")


class NearMissPolicy(Strict):
    max_overshoot: Annotated[float, Field(ge=1, le=10)] = Field(
        description="A budget or affordability limit exceeded by at most this factor is a near miss."
    )
    shown: Annotated[int, Field(ge=0, le=50)] = 5


class CostPolicy(Strict):
    affordability_veto: Annotated[float, Field(ge=1, le=100)] = Field(
        description="Past this multiple of the reference cost no strength makes a platform a sensible choice."
    )
    revenue_share_reference: Annotated[float, Field(gt=0, le=1)] = Field(
        description="Without a budget, the 3-year cost is compared with this share of 3 years' revenue."
    )


class SegmentPolicy(Strict):
    span_decades: Annotated[float, Field(gt=0, le=5)] = Field(
        description="Segment fit falls linearly with log10 distance from the band, to 0 this many decades out."
    )
    named_at: Annotated[float, Field(ge=1, le=1000)] = Field(
        description="At this many times outside the band the output names it (over-dimensioned / outgrown)."
    )
    maturity_step: Share = Field(description="Taken off per level of IT maturity the platform presumes beyond yours.")
    missing_developers: Share = Field(
        description="Taken off when the platform presumes in-house developers and the business will build "
        "without an agency and has fewer."
    )
    other_industry: Share = Field(
        default=0,
        description="Taken off when the platform is built for named industries (segment.industries) and the "
        "business names another.",
    )


class MarketPolicy(Strict):
    sold: Share = Field(description="Share of a market's fit for being sold and supported there.")
    language: Share
    payments: Share
    carriers: Share
    unsold: Share = Field(
        description="What 'sold' counts when the platform is not sold there but can still ship there."
    )
    admin: Share = Field(
        default=0.0,
        description="Share of the home market's fit for an admin in one of its languages (skipped while "
        "the platform's admin languages are unknown).",
    )
    support: Share = Field(
        default=0.0,
        description="Share of the home market's fit for support from the vendor in one of its languages "
        "(counted when `support_when` holds; skipped while the platform's support languages are unknown).",
    )
    admin_when: list[Condition] = Field(
        default_factory=list,
        description="When the admin language counts (all must hold; empty: always).",
    )
    support_when: list[Condition] = Field(
        default_factory=list,
        description="When the vendor's support language counts (all must hold; empty: always).",
    )
    in_house_link: Share = Field(
        default=0.0,
        description="What a missing payment or carrier link counts when the business builds with its own "
        "developers (an unknown one counts half-way between this and a ready link).",
    )
    unsold_home: Share | None = Field(
        default=None,
        description="For a business `support_when` describes: what the whole home market counts when the "
        "platform is neither sold nor supported there, local payment and carrier links included "
        "(none: scored part by part like any market).",
    )
    home: Share = Field(
        default=1.0,
        description="Share of the whole market fit taken by the home market (the first); the other "
        "markets share the rest equally.",
    )


class IndustryPolicy(Strict):
    native: Share = Field(description="What a proposed capability in the core counts toward industry fit.")
    app: Share
    custom: Share
    absent: Share
    custom_in_house: Share | None = Field(
        default=None,
        description="What custom work counts when the business builds with its own developers "
        "(unset: the same as `custom`).",
    )

    @property
    def custom_for_team(self) -> float:
        return self.custom if self.custom_in_house is None else self.custom_in_house


class PairingPolicy(Strict):
    """A headless platform that leaves content out on purpose is sold with a headless CMS beside it."""

    criteria: list[Id] = Field(description="Criteria a paired best-of-breed service can cover.")
    rating: Rating = Field(description="What the paired service is taken to give, on the 0-5 scale.")
    min_headless: Rating = Field(description="Headless readiness from which a platform is paired this way.")
    storefront_days: float = Field(
        ge=0,
        le=100,
        description="Person-days of building one storefront feature (`storefront: true` in capabilities.yaml) "
        "that a headless-first platform leaves to the project, added to its implementation effort.",
    )


class EnoughStep(Strict):
    below: float = Field(description="Applies while the fact is below this value.")
    need: Rating = Field(description="The rating that fully meets the need, on the 0-5 scale.")


class EnoughRule(Strict):
    """A criterion where more than the business needs is worth nothing extra."""

    by: Text = Field(description="The fact that sets the need, such as derived.revenue_eur.")
    steps: list[EnoughStep] = Field(min_length=1, description="Ascending by `below`; the first that holds wins.")
    otherwise: Rating
    reason: Text
    needs: Text = Field(
        default="your size needs",
        description="Completes the note 'rated 5, against the 4 ...': what sets the need.",
    )


class AdequatePolicy(Strict):
    """Criteria the business did not emphasise are met by an adequate rating."""

    need: Rating = Field(description="The rating that fully meets a need the business did not emphasise.")
    below: Annotated[float, Field(gt=0, le=100)] = Field(
        description="A rated criterion is not emphasised while its weight share is below this many times "
        "an average criterion's share (1 / number of criteria)."
    )


class HeldPolicy(Strict):
    """Groups whose weight the rules, industry profile and preset do not dilute."""

    groups: list[Id] = Field(
        default_factory=list,
        description="Groups kept at their default weight against the other criteria taken together: after the "
        "rules, industry profile and preset, each is scaled by (the others' total) / (the others' default total). "
        "Factors aimed at a held group's own criteria still apply; priorities come after.",
    )
    reason: Text = Field(
        default="Your other answers moved weight among the platform's features; this group keeps its default "
        "weight against them.",
        description="Why, in English, shown in 'why these weights' (translations: messages render.held_reason).",
    )


class Policy(Strict):
    unknowns: UnknownsPolicy
    coverage: CoveragePolicy
    near_miss: NearMissPolicy
    cost: CostPolicy
    segment: SegmentPolicy
    market: MarketPolicy
    industry: IndustryPolicy
    pairing: PairingPolicy
    enough: dict[Id, EnoughRule] = Field(
        default_factory=dict,
        description="Criteria valued as the share of this business's need that a rating meets: min(1, rating / need).",
    )
    adequate: AdequatePolicy | None = Field(
        default=None,
        description="Rated criteria the business did not emphasise (and without an `enough` rule) are valued "
        "min(1, rating / need); unset: every rating counts on the full scale.",
    )
    held: HeldPolicy = Field(default_factory=HeldPolicy)


class PolicyFile(Strict):
    policy: Policy


class Industry(Strict):
    name: Text
    description: Text
    factors: Factors = Field(default_factory=dict, description="Multipliers on criterion or group weights.")
    proposes: list[Id] = Field(
        default_factory=list, description="Capabilities this kind of business usually needs: worth asking about."
    )
    reason: Text = Field(description="Why the weights move, in words a merchant understands.")


class IndustriesFile(Strict):
    industries: dict[Id, Industry]


class MarketExpectations(Strict):
    name: Text
    languages: list[Language] = Field(min_length=1, description="Languages a storefront there is expected in.")
    payments: list[Id] = Field(description="Local payment methods shoppers there expect.")
    carriers: list[Id] = Field(description="Carriers and delivery services merchants there use most.")


class MarketsFile(Strict):
    source: Text = Field(description="Where these expectations come from.")
    countries: dict[Country, MarketExpectations]
