"""Cost policy: day rates per country (`criteria/rates.yaml`) and the implementation
complexity drivers with the build-mode suggestion (`criteria/complexity.yaml`)."""

from datetime import date
from typing import Annotated, Any, Literal, Self

from pydantic import Field, model_validator

from .catalog import Condition, Country, Source
from .common import Currency, Id, Money, Strict, Text

BuildMode = Literal["diy", "agency", "in_house"]


class DayRates(Strict):
    """What one person-day of implementation costs a business in one country."""

    currency: Currency
    agency: Money = Field(description="An e-commerce agency's day rate (7.5 billable hours), excluding VAT.")
    in_house: Money = Field(
        description="An employed developer's cost per working day: salary, employer's social charges and "
        "pension, over about 200 productive days a year."
    )
    source: Id
    note: Text | None = None


class RatesFile(Strict):
    as_of: date = Field(description="When an editor last checked these rates.")
    note: Text | None = None
    sources: dict[Id, Source]
    countries: dict[Country, DayRates] = Field(description="Rates by the country the business is based in.")
    default: DayRates = Field(description="For a business based anywhere else.")

    @model_validator(mode="after")
    def _sources_defined(self) -> Self:
        for where, rates in [*self.countries.items(), ("default", self.default)]:
            if rates.source not in self.sources:
                raise ValueError(f"{where}: source {rates.source!r} is not defined under `sources`")
        return self

    def for_country(self, country: str) -> DayRates:
        return self.countries.get(country, self.default)


class Driver(Strict):
    """One thing that makes an implementation bigger than the reference shop's.

    The factor adds `add` when every condition holds; with `per`, it adds `add` for each unit
    of that numeric fact above `beyond`, at most `max`. `days` are person-days added to every
    platform's effort alike (integration work does not shrink with a small reference shop);
    with `system`, a platform with a ready connector for the business's system adds only
    `days_with_connector`."""

    when: list[Condition] = Field(default_factory=list, description="All must hold (none: always).")
    per: Annotated[str, Field(pattern=r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$")] | None = None
    beyond: Annotated[float, Field(ge=0)] = 0
    add: Annotated[float, Field(ge=0, le=10)]
    max: Annotated[float, Field(ge=0, le=20)] | None = None
    days: Annotated[float, Field(ge=0, le=10_000)] = 0
    system: Literal["erp", "crm", "pim"] | None = None
    days_with_connector: Annotated[float, Field(ge=0, le=10_000)] = 0
    rationale: Text


class BuildRule(Strict):
    when: list[Condition] = Field(min_length=1, description="All must hold.")
    build: BuildMode
    reason: Text


class BuildPolicy(Strict):
    suggest: list[BuildRule] = Field(description="When `organisation.build` is unset: the first rule that holds.")
    otherwise: BuildMode
    otherwise_reason: Text
    diy_max_days: Annotated[float, Field(ge=0, le=1000)] = Field(
        description="Owners without developers of their own can do this many person-days of set-up "
        "themselves; a bigger build is priced at the agency rate."
    )

    def suggested(self, facts: dict[str, Any]) -> tuple[BuildMode, str]:
        """The build mode these facts suggest, and why. The one place the suggestion is made:
        the cost model uses it when `organisation.build` is unset, the interview offers it as
        the default, so the answer a merchant accepts is the mode the estimate assumed."""
        from .._conditions import all_hold  # _conditions reads the models' fields

        rule = next((r for r in self.suggest if all_hold(r.when, facts)), None)
        return (rule.build, rule.reason) if rule else (self.otherwise, self.otherwise_reason)


class ComplexityFile(Strict):
    reference_shop: Text = Field(description="The shop `pricing.effort_days` is written for (factor 1).")
    drivers: dict[Id, Driver]
    build: BuildPolicy
