"""Ask one question in a terminal with questionary. Imported only by `advisor interview`.

The asker validates in place with the engine's `coerce`, so a bad answer is refused with the
reason and the same question stays on screen.
"""

from __future__ import annotations

from typing import Any

from .._models.interview import Question
from .engine import NONE, AnswerError, Engine


def _default_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)


class QuestionaryAsker:
    """Prompts with questionary; `input`/`output` let tests drive it through a pipe."""

    def __init__(self, engine: Engine, input: Any = None, output: Any = None) -> None:
        import questionary

        self.q = questionary
        self.engine = engine
        self.io = {"input": input, "output": output} if input is not None else {}

    def _validator(self, question: Question):  # type: ignore[no-untyped-def]
        def check(text: str) -> bool | str:
            try:
                self.engine.coerce(question, text)
            except AnswerError as exc:
                return str(exc)
            return True

        return check

    def __call__(self, question: Question, default: Any) -> Any:
        lang = self.engine.lang
        message = question.text.get(lang)
        instruction = question.help.get(lang) if question.help else None
        q = self.q
        kind = question.kind
        if kind == "confirm":
            prompt = q.confirm(
                message, default=bool(default), instruction=instruction and f"({instruction}) ", **self.io
            )
            return prompt.unsafe_ask()
        if kind == "select":
            choices = [
                q.Choice(title=label, value=NONE if value is None else value)
                for value, label in self.engine.choices(question)
            ]
            current = NONE if default is None else default
            if current not in [c.value for c in choices]:
                current = choices[0].value
            prompt = q.select(message, choices=choices, default=current, instruction=instruction, **self.io)
            answer = prompt.unsafe_ask()
            return None if answer == NONE else answer
        if kind == "multiselect":
            chosen = set(default or [])
            choices = [
                q.Choice(title=label, value=value, checked=value in chosen)
                for value, label in self.engine.choices(question)
            ]
            prompt = q.checkbox(message, choices=choices, instruction=instruction, **self.io)
            return prompt.unsafe_ask()
        if kind == "priorities":
            return self._priorities(question, default)
        text = q.text(
            message,
            default=_default_text(default),
            validate=self._validator(question),
            instruction=instruction,
            **self.io,
        )
        return self.engine.coerce(question, text.unsafe_ask())

    def _priorities(self, question: Question, default: Any) -> dict[str, int]:
        out: dict[str, int] = {}
        current = default or {}
        self.q.print(question.text.get(self.engine.lang), **({"output": self.io["output"]} if self.io else {}))
        one = question.model_copy(update={"kind": "priorities", "optional": True})
        for gid, group in self.engine.catalog.groups.items():

            def check(text: str, gid: str = gid) -> bool | str:
                try:
                    self.engine.coerce(one, f"{gid}={text}" if text.strip() else "")
                except AnswerError as exc:
                    return str(exc)
                return True

            answer = self.q.text(
                f"  {group.name} (0-5)", default=_default_text(current.get(gid)), validate=check, **self.io
            ).unsafe_ask()
            if answer.strip():
                out.update(self.engine.coerce(one, f"{gid}={answer}"))
        return out
