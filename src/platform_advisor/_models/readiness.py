"""The readiness file (criteria/readiness.yaml): organisation and readiness advice as data."""

from typing import Literal

from pydantic import Field

from .catalog import Condition
from .common import Id, Strict
from .interview import Texts


class Role(Strict):
    id: Id
    area: Literal["organisation", "technical", "marketing"]
    name: Texts
    what: Texts
    in_house: list[Condition] = Field(
        default_factory=list, description="All must hold to advise in-house; empty means always in-house."
    )


class ChecklistItem(Strict):
    id: Id
    text: Texts
    applies_when: list[Condition] = Field(default_factory=list)
    done_when: list[Condition] = Field(
        default_factory=list, description="All must hold to count as done; empty means the answers cannot tell."
    )


class ReadinessFile(Strict):
    roles: list[Role] = Field(min_length=1)
    checklist: list[ChecklistItem] = Field(min_length=1)
    partner_questions: list[Texts] = Field(min_length=1)
