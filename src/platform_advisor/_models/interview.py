"""The interview file (criteria/interview.yaml): questions as data."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from .catalog import Condition
from .common import Id, Strict, Text

Kind = Literal["text", "text_list", "select", "multiselect", "confirm", "integer", "money", "countries", "priorities"]
ChoicesFrom = Literal["erp", "crm", "pim", "marketplaces", "capabilities", "presets", "industries"]


class Texts(Strict):
    en: Text
    sv: Text | None = None
    da: Text | None = None

    def get(self, lang: str) -> str:
        return getattr(self, lang, None) or self.en


class Choice(Strict):
    value: str | None
    label: Texts


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
    default: Any = None
    default_from: Literal["preset_rules"] | None = None
    optional: bool = False
    min: float | None = None
    max: float | None = None
    must_have: Id | None = Field(default=None, description="Capability required when answered yes.")
    answer_from: Condition | None = Field(
        default=None, description="For a yes/no question with no field: how to read the answer from a file."
    )
    when: list[Condition] = Field(default_factory=list, description="All must hold to ask.")

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        if self.kind in ("select", "multiselect") and not (self.choices or self.choices_from):
            raise ValueError(f"a {self.kind} question needs `choices` or `choices_from`")
        if self.must_have and self.kind != "confirm":
            raise ValueError("`must_have` goes with kind: confirm")
        return self


class PresetRule(Strict):
    preset: Id
    when: list[Condition] = Field(min_length=1)


class InterviewFile(Strict):
    questions: list[Question] = Field(min_length=1)
    preset_rules: list[PresetRule] = Field(default_factory=list)
