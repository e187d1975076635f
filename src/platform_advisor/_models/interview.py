"""The interview file (criteria/interview.yaml): questions as data."""

from typing import Any, Literal, Self

from pydantic import Field, field_validator, model_validator

from .catalog import Condition
from .common import Id, Strict, Text

Kind = Literal[
    "text", "text_list", "select", "multiselect", "confirm", "need", "integer", "money", "countries", "priorities"
]
ChoicesFrom = Literal["erp", "crm", "pim", "marketplaces", "capabilities", "presets", "industries"]
NEED = ("must", "nice", "no")  # the answers to a `need` question


class Texts(Strict):
    """One text in every language; a missing language falls back to English (a test keeps the
    shipped files complete)."""

    en: Text
    sv: Text | None = None
    da: Text | None = None
    nb: Text | None = None

    def get(self, lang: str) -> str:
        return getattr(self, lang, None) or self.en


class Choice(Strict):
    value: str | None
    label: Texts


class Suggestion(Strict):
    value: Any
    when: list[Condition] = Field(min_length=1)


class Plausible(Strict):
    """Limits outside which an answer is probably a slip (a missing "milj", a figure in the wrong
    box): the interview asks again and says why. Hard limits are `min` and `max`."""

    min: float | None = None
    max_from: str | None = Field(default=None, description="The answer may not exceed the value at this field.")


class Question(Strict):
    id: Id
    field: str | None = Field(
        default=None, pattern=r"^[a-z_]+(\.[a-z_]+)*$", description="Where the answer lands in the requirements file."
    )
    kind: Kind
    text: Texts
    help: Texts | None = None
    choices: list[Choice] | None = None
    choices_from: ChoicesFrom | None = None
    default: Any = Field(default=None, description="For a text question, a mapping by language.")
    suggest: list[Suggestion] = Field(
        default_factory=list, description="Defaults that follow from earlier answers: the first that holds wins."
    )
    default_from: Literal["must_haves", "build"] | None = Field(
        default=None,
        description="must_haves: pre-select the must-haves chosen so far; build: the build mode "
        "criteria/complexity.yaml suggests from the answers so far (the one the cost estimate assumes).",
    )
    optional: bool = False
    min: float | None = None
    max: float | None = None
    plausible: Plausible | None = None
    must_have: list[Id] = Field(
        default_factory=list, description="Capabilities a `need` question makes must-haves when answered `must`."
    )
    answer_from: Condition | None = Field(
        default=None, description="For a yes/no question with no field: how to read the answer from a file."
    )
    when: list[Condition] = Field(default_factory=list, description="All must hold to ask.")

    @field_validator("must_have", mode="before")
    @classmethod
    def _one_or_more(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.kind in ("select", "multiselect") and not (self.choices or self.choices_from):
            raise ValueError(f"a {self.kind} question needs `choices` or `choices_from`")
        if self.must_have and self.kind != "need":
            raise ValueError("`must_have` goes with kind: need")
        if self.kind == "need" and not self.must_have:
            raise ValueError("a need question names the capabilities it makes must-haves in `must_have`")
        return self


class InterviewFile(Strict):
    questions: list[Question] = Field(min_length=1)
