"""The catalogue: criteria, capabilities, connectors, exchange rates, presets, rules, platforms."""

from datetime import date
from enum import Enum
from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from .common import Currency, Id, Money, Percent, Strict, Text, Unknown, Url


class Group(Strict):
    name: Text
    description: Text


class Criterion(Strict):
    name: Text
    short: Annotated[str, Field(min_length=1, max_length=16)] | None = Field(
        default=None, description="A short label for narrow tables."
    )
    group: Id
    default_weight: Annotated[float, Field(ge=0, le=10)] = Field(
        description="Importance before any adjustment, 0-10 (0 = ignored unless asked for)."
    )
    description: Text
    rating_guide: dict[Annotated[int, Field(ge=0, le=5)], Text] = Field(
        description="What each rating value means, so two editors rate alike."
    )
    computed: Literal["tco", "segment", "market", "industry"] | None = Field(
        default=None, description="Set when the value is computed rather than rated by hand."
    )

    @property
    def label(self) -> str:
        return self.short or self.name


class CriteriaFile(Strict):
    groups: dict[Id, Group]
    criteria: dict[Id, Criterion]


class Capability(Strict):
    name: Text
    description: Text
    storefront: bool = Field(
        default=False,
        description="Lives in the storefront's pages: on a headless-first platform the project builds it "
        "in the storefront it builds anyway, so `custom` there is project work, not a missing feature.",
    )


class CapabilitiesFile(Strict):
    capabilities: dict[Id, Capability]


class ConnectorsFile(Strict):
    """Known connector ids by kind, with display names."""

    erp: dict[Id, Text]
    crm: dict[Id, Text]
    pim: dict[Id, Text]
    payments: dict[Id, Text]
    shipping: dict[Id, Text]
    marketplaces: dict[Id, Text]
    families: dict[Id, list[Id]] = Field(
        default_factory=dict,
        description="An id that stands for several products (visma): a connector to any member counts.",
    )
    through: dict[Id, list[Id]] = Field(
        default_factory=dict,
        description="A payment method offered inside embedded checkouts (swish: [svea, ...]), or a carrier "
        "a delivery-management service books (postnord: [nshift]): a connector to the service reaches it "
        "on any platform.",
    )

    def members(self, system: str) -> tuple[str, ...]:
        return (system, *self.families.get(system, ()), *self.through.get(system, ()))

    def through_kind(self, method: str) -> Literal["payments", "shipping"] | None:
        """The kind a `through` entry is of (its services are of the same kind), None if neither."""
        if method in self.payments:
            return "payments"
        return "shipping" if method in self.shipping else None


class ExchangeRates(Strict):
    base: Currency
    as_of: date
    sources: list[Url] = Field(min_length=1)
    note: Text | None = None
    # Bounded away from zero: a rate of 5e-324 divides an amount into infinity and the cost
    # criterion then takes log(0). Real rates per euro run from about 0.3 to 30,000.
    rates: dict[Currency, Annotated[float, Field(ge=1e-4, lt=1e6)]] = Field(
        description="Units of each currency for one unit of `base`."
    )

    @model_validator(mode="after")
    def _base_is_one(self) -> Self:
        if self.rates.get(self.base) != 1:
            raise ValueError(f"rates must list the base currency {self.base} at 1")
        return self

    def convert(self, amount: float, source: str, target: str) -> float:
        return amount / self.rates[source] * self.rates[target]


Factors = dict[Id, Annotated[float, Field(ge=0, le=10)]]


class Preset(Strict):
    name: Text
    description: Text
    rationale: Text = Field(description="Where the weights come from.")
    factors: Factors = Field(description="Multipliers on criterion or group weights (1 = unchanged, 0 = ignored).")


class PresetsFile(Strict):
    presets: dict[Id, Preset]


Op = Literal["eq", "ne", "gt", "gte", "lt", "lte", "in", "contains", "present", "absent"]


class Condition(Strict):
    field: Annotated[str, Field(pattern=r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$")]
    op: Op = "eq"
    value: str | int | float | bool | list[str] | None = None


class Rule(Strict):
    """A documented, data-driven weight rule: when the business says X, criterion Y matters more."""

    when: list[Condition] = Field(min_length=1, description="All must hold.")
    factors: Factors = Field(default_factory=dict)
    reason: Text = Field(description="Why, in words a merchant understands.")


class RulesFile(Strict):
    rules: dict[Id, Rule]


class Evidence(str, Enum):
    vendor_docs = "vendor_docs"
    third_party = "third_party"
    estimate = "estimate"


class Source(Strict):
    url: Url | None = None
    title: Text
    evidence: Evidence
    as_of: date = Field(description="When a catalogue editor last checked the fact against this.")
    published: date | None = Field(default=None, description="The source's own date, if it has one.")

    @model_validator(mode="after")
    def _url_unless_estimate(self) -> Self:
        if self.url is None and self.evidence is not Evidence.estimate:
            raise ValueError("a source needs a url unless its evidence is 'estimate'")
        return self


class Rating(Strict):
    value: Annotated[int, Field(ge=0, le=5)] | Unknown
    note: Text
    source: Id | None = None
    plan: Text | None = Field(
        default=None,
        description="The cheapest plan (a name in `pricing.plans`) with what `value` rates. A business that "
        "emphasises the criterion is priced on it; on a plan below it the criterion is rated `below_plan`.",
    )
    below_plan: Annotated[int, Field(ge=0, le=5)] | None = Field(
        default=None, description="The rating on the plans below `plan`."
    )

    @model_validator(mode="after")
    def _plan_pair(self) -> Self:
        if (self.plan is None) != (self.below_plan is None):
            raise ValueError("`plan` and `below_plan` go together: the plan the rating needs and the rating below it")
        if self.below_plan is not None and isinstance(self.value, int) and self.below_plan >= self.value:
            raise ValueError(f"below_plan ({self.below_plan}) must be lower than value ({self.value})")
        return self


class CapabilityStatus(str, Enum):
    native = "native"
    app = "app"
    custom = "custom"
    absent = "absent"
    unknown = "unknown"

    @property
    def satisfies(self) -> bool:
        return self in (CapabilityStatus.native, CapabilityStatus.app)


class CapabilityEntry(Strict):
    status: CapabilityStatus
    source: Id | None = None
    note: Text | None = None


ConnectorLevel = Literal["native", "app"]
ConnectorKind = Literal["erp", "crm", "pim", "payments", "shipping", "marketplaces"]
CONNECTOR_KINDS: tuple[ConnectorKind, ...] = ("erp", "crm", "pim", "payments", "shipping", "marketplaces")


class ConnectorEntry(Strict):
    """One connector with the page that states it (a bare level leans on the block's `source`)."""

    level: ConnectorLevel
    source: Id
    via: Id | None = Field(default=None, description="The iPaaS or integrator that provides it, if any.")
    note: Text | None = None


Connector = ConnectorLevel | ConnectorEntry


class Connectors(Strict):
    source: Id | None = Field(default=None, description="Source for entries given as a bare level.")
    complete: list[ConnectorKind] = Field(
        default_factory=list,
        description="Kinds whose list an editor believes complete: a system missing from them is known "
        "to have no ready connector. For other kinds a missing system is 'to verify', not absent.",
    )
    erp: dict[Id, Connector] = Field(default_factory=dict)
    crm: dict[Id, Connector] = Field(default_factory=dict)
    pim: dict[Id, Connector] = Field(default_factory=dict)
    payments: dict[Id, Connector] = Field(default_factory=dict)
    shipping: dict[Id, Connector] = Field(default_factory=dict)
    marketplaces: dict[Id, Connector] = Field(default_factory=dict)

    def kinds(self) -> dict[str, dict[str, Connector]]:
        return {kind: getattr(self, kind) for kind in CONNECTOR_KINDS}

    @staticmethod
    def level_of(entry: Connector) -> ConnectorLevel:
        return entry if isinstance(entry, str) else entry.level

    def source_of(self, entry: Connector) -> str | None:
        return self.source if isinstance(entry, str) else entry.source

    def status(self, kind: str, system: str) -> Literal["native", "app", "absent", "unknown"]:
        """A connector for `system`: its level, `absent` when the list is complete, else `unknown`."""
        entry = getattr(self, kind).get(system)
        if entry is not None:
            return self.level_of(entry)
        return "absent" if kind in self.complete else "unknown"


class Range(Strict):
    low: Money
    high: Money
    source: Id | None = None
    scales: Literal["up", "down"] = Field(
        default="up",
        description="up: the value rises with revenue along the band (bigger plans); "
        "down: it falls (volume discounts on revenue-share fees).",
    )

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.low > self.high:
            raise ValueError(f"low ({self.low:g}) is above high ({self.high:g})")
        return self


class PercentRange(Range):
    low: Percent
    high: Percent


PricingModel = Literal["subscription", "revenue_share", "licence", "open_source", "quote"]


class VariableFee(Strict):
    """A plan whose fee turns into a share of sales above a volume (Shopify Plus above about
    USD 800K a month): the monthly fee is then max(list fee, min(cap, share x revenue / 12))."""

    above: Money = Field(description="Yearly online revenue (in `pricing.currency`) above which the fee is a share.")
    pct: PercentRange = Field(description="The share of revenue, in percent; the estimate takes the middle.")
    monthly_max: Money | None = Field(default=None, description="Most the fee can be per month.")
    source: Id


class Plan(Strict):
    """One published plan. Plans are listed cheapest first; what a plan unlocks, the plans above it have too."""

    name: Text
    monthly_fee: Money = Field(description="List price per month in `pricing.currency`, billed monthly.")
    fee_pct: Percent = Field(default=0, description="The platform's own fee on revenue on this plan.")
    gateway_surcharge_pct: Percent | None = Field(
        default=None,
        description="Extra fee on sales paid through a third-party payment provider, where the vendor's "
        "own payments are not used (see `pricing.own_payments_in`).",
    )
    unlocks: list[Id] = Field(
        default_factory=list, description="Capabilities first available on this plan (and on every plan above)."
    )
    revenue_max: Money | None = Field(
        default=None, description="Yearly online revenue (in `pricing.currency`) above which this plan does not fit."
    )
    local_prices: dict[Currency, Money] = Field(
        default_factory=dict, description="Monthly fee in the currency the vendor bills merchants in that country."
    )
    markets_max: Annotated[int, Field(ge=1, le=1000)] | None = Field(
        default=None, description="Most countries (markets) a shop can sell to on this plan."
    )
    skus_max: Annotated[int, Field(ge=1, le=100_000_000)] | None = Field(
        default=None, description="Most products a shop can list on this plan."
    )
    staff_max: Annotated[int, Field(ge=0, le=100_000)] | None = Field(
        default=None,
        description="Admin users on this plan besides the store owner (0: the owner alone); the people who "
        "write the shop's content (`organisation.content_team`) need one each, the owner among them.",
    )
    from_price: bool = Field(
        default=False,
        description="The fee is where the plan starts: the vendor quotes above it (by sales volume or contract), "
        "so the licence is a lower bound.",
    )
    variable_fee: VariableFee | None = None
    source: Id


class Pricing(Strict):
    currency: Currency
    model: PricingModel
    source: Id
    typical_revenue: Range = Field(description="Yearly online revenue band the fee ranges fit; fees scale along it.")
    monthly_fee: Range | Unknown
    transaction_fee_pct: PercentRange | Unknown = Field(
        description="The platform's own fee on revenue, in percent (not card processing)."
    )
    implementation: Range | Unknown
    yearly_running: Range | Unknown = Field(description="Hosting, apps and maintenance per year.")
    plans: list[Plan] = Field(default_factory=list, description="Published plans, cheapest first.")
    own_payments_in: list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] | None = Field(
        default=None,
        description="Countries where the vendor's own payment service is offered (no gateway surcharge there).",
    )
    effort_days: Range | None = Field(
        default=None,
        description="Person-days to build the reference shop of criteria/complexity.yaml on this platform. "
        "Implementation = effort x complexity x the build mode's day rate. Without it, `implementation` "
        "is read along the revenue band as an agency's price.",
    )
    note: Text | None = None

    def parts(self) -> dict[str, Range | Unknown]:
        return {
            "monthly_fee": self.monthly_fee,
            "transaction_fee_pct": self.transaction_fee_pct,
            "implementation": self.implementation,
            "yearly_running": self.yearly_running,
        }


Hosting = Literal["saas", "paas", "self_hosted", "managed_cloud"]
Country = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")]
Language = Annotated[str, Field(pattern=r"^[a-z]{2}$", description="ISO 639-1, e.g. sv, da, nb, fi, en")]


class Markets(Strict):
    """Where the platform is sold and supported, and in which languages it works."""

    countries: list[Country] | Literal["global"] = Field(
        description="Countries where it is sold with local support or partners; `global` for vendors "
        "that sell and support everywhere the merchant is likely to be."
    )
    storefront_languages: list[Language] | Literal["any"] | Unknown = "unknown"
    admin_languages: list[Language] | Unknown = "unknown"
    source: Id
    admin_source: Id | None = Field(
        default=None,
        description="The page that states the admin languages, when it is not `source` (a vendor's "
        "help page on admin languages is seldom the page that says where it is sold).",
    )
    support_languages: list[Language] | Unknown = Field(
        default="unknown",
        description="Languages in which the vendor itself supports its merchants (chat, e-mail, phone); "
        "not its help-centre translations, not its partners. `[]`: no vendor support desk (community "
        "or partners only).",
    )
    support_source: Id | None = Field(
        default=None, description="The page that states the support languages, when it is not `source`."
    )
    note: Text | None = None


class Segment(Strict):
    """The business the platform is typically chosen for: its sweet spot, not its limits."""

    revenue: Range = Field(
        description="Yearly online revenue band (in `pricing.currency`) where it is typically chosen."
    )
    developers: Annotated[int, Field(ge=0, le=1000)] = Field(
        default=0, description="In-house developers it presumes (0: none needed)."
    )
    it_maturity: Literal["low", "medium", "high"] = "low"
    agency: bool = Field(default=False, description="Whether it presumes an implementation partner.")
    industries: list[Id] | None = Field(
        default=None,
        description="The industry profiles (criteria/industries.yaml) it is built for, where its vendor says it is "
        "built for some; unset: any industry.",
    )
    industries_source: Id | None = Field(
        default=None, description="The source of `industries`, when it is not the block's `source`."
    )
    source: Id
    note: Text | None = None


class Platform(Strict):
    id: Id
    name: Text
    vendor: Text
    website: Url
    hosting: list[Hosting] = Field(min_length=1)
    origin: Annotated[str, Field(pattern=r"^([A-Z]{2}|unknown)$")]
    summary: Text
    sources: dict[Id, Source]
    ratings: dict[Id, Rating]
    capabilities: dict[Id, CapabilityEntry]
    connectors: Connectors
    pricing: Pricing
    markets: Markets | None = None
    segment: Segment | None = None

    @property
    def segment_band(self) -> Range:
        """The revenue band it is typically chosen in: its segment, else its pricing band."""
        return self.segment.revenue if self.segment is not None else self.pricing.typical_revenue

    def source_for(self, ref: str | None) -> Source | None:
        return self.sources.get(ref) if ref else None
