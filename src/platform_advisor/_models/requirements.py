"""The requirements file, version 1: what the interview writes and what `advisor score` reads."""

from typing import Annotated, Any, Literal

from pydantic import Field, field_validator

from .common import Currency, Id, Money, Strict, Text

Country = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")]
BusinessModel = Literal["b2c", "b2b", "hybrid"]


class Goals(Strict):
    ambition: Literal["start", "grow", "transform"] | None = Field(
        default=None,
        description="start: test e-commerce; grow: scale an existing shop; transform: e-commerce is strategic.",
    )
    smart_goals: list[Text] = Field(default_factory=list, max_length=10)
    guiding_sentence: Text | None = None


class Business(Strict):
    model: BusinessModel
    model_future: BusinessModel | None = Field(
        default=None, description="The business model expected in 2-3 years, if different."
    )
    industry: Id | None = None
    online_revenue: Money = Field(
        default=0, description="Yearly online revenue in `currency` (expected, for a new shop)."
    )
    currency: Currency
    markets: list[Country] = Field(min_length=1, max_length=60)
    skus: Annotated[int, Field(ge=0, le=100_000_000)] = 0
    marketplaces: list[Id] = Field(default_factory=list)

    @field_validator("markets", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        # "se" is obviously Sweden; accept it rather than lecture about case
        if isinstance(value, list):
            return [v.upper() if isinstance(v, str) else v for v in value]
        return value

    @field_validator("markets", "marketplaces")
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        repeated = sorted({v for v in value if value.count(v) > 1})
        if repeated:
            raise ValueError(f"listed more than once: {', '.join(repeated)}")
        return value


class Organisation(Strict):
    developers: Annotated[int, Field(ge=0, le=100_000)] = 0
    it_maturity: Literal["low", "medium", "high"] = "medium"
    content_team: Annotated[int, Field(ge=0, le=100_000)] | None = Field(
        default=None, description="People who will write product texts and pages."
    )
    build: Literal["diy", "agency", "in_house"] | None = Field(
        default=None,
        description="Who builds the shop: diy (the owners themselves), agency, or in_house developers. "
        "Unset: suggested from developers, IT maturity and size.",
    )
    architecture: Literal["suite", "composable"] | None = Field(
        default=None,
        description="suite: one platform with CMS and the rest built in; composable: best-of-breed services "
        "joined by APIs. Unset: no preference.",
    )


MasterDataOwner = Literal["erp", "pim", "platform", "other", "undecided"]


class Systems(Strict):
    erp: Id | None = None
    crm: Id | None = None
    pim: Id | None = None
    master_data: dict[Literal["products", "prices", "stock", "customers"], MasterDataOwner] = Field(
        default_factory=dict, description="Which system owns each kind of data."
    )


class Budget(Strict):
    monthly: Money | None = None
    one_off: Money | None = None
    hard: bool = False


class Expect(Strict):
    top_1: list[Id] = Field(default_factory=list)
    top_3_includes: list[Id] = Field(default_factory=list)
    not_top_5: list[Id] = Field(default_factory=list)
    excluded: list[Id] = Field(default_factory=list)


class InterviewState(Strict):
    """Written by `advisor interview` so an interrupted interview can be resumed."""

    complete: bool = False
    lang: Literal["en", "sv", "da", "nb"] = "en"
    answers: dict[str, Any] = Field(default_factory=dict)


class Requirements(Strict):
    version: Literal[1]
    name: Text
    goals: Goals = Field(default_factory=Goals)
    business: Business
    organisation: Organisation = Field(default_factory=Organisation)
    systems: Systems = Field(default_factory=Systems)
    budget: Budget = Field(default_factory=Budget)
    must_have: list[Id] = Field(default_factory=list)
    priorities: dict[Id, Annotated[int, Field(ge=0, le=5)]] = Field(default_factory=dict)
    preset: Id | None = None
    unknowns: Literal["verify", "exclude"] = Field(
        default="verify",
        description="verify: a must-have whose availability is unknown stays in the ranking, marked to verify "
        "and ranked below a platform that has it confirmed; exclude: knock it out.",
    )
    expect: Expect | None = None
    interview: InterviewState | None = None

    @field_validator("must_have")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))
