"""Ask one question in a terminal with questionary. Imported only by `advisor interview`.

The default is shown, never pre-filled: Enter accepts it and typing replaces it, so stray
keys cannot end up appended to a default. The asker validates in place with the engine's
`coerce`, so a bad or implausible answer is refused with the reason and the same question
stays on screen. Every control text (the arrow-key hint, the yes/no keys) is translated.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from .._i18n import money, num, t
from .._models.interview import Question
from .engine import NONE, AnswerError, Engine


def shown(engine: Engine, q: Question, value: Any, currency: str = "") -> str:
    """An answer as the person would write it, for the "Enter = ..." hint and the echo."""
    lang = engine.lang
    if value is None:
        return ""
    if q.kind == "money" and isinstance(value, int | float):
        return money(value, currency, lang)
    if q.kind == "confirm":
        return t("interview.yes" if value else "interview.no", lang)
    if q.kind in ("select", "need"):
        return dict(engine.choices(q)).get(value, str(value))
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return num(value, lang, 0 if value == int(value) else 2)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    return str(value)


@contextlib.contextmanager
def _answer_echo(echo: Callable[[list[Any]], str]) -> Iterator[None]:
    """questionary's checkbox writes an English "done (2 selections)" as the answer; while one
    is built, have its prompt line show `echo(values)` instead. questionary builds the layout
    through `common.create_inquirer_layout(ic, get_prompt_tokens)`, looked up at call time."""
    from questionary.prompts import common

    original = common.create_inquirer_layout

    def layout(ic: Any, get_prompt_tokens: Callable[[], list[Any]], **kwargs: Any) -> Any:
        def tokens() -> list[Any]:
            out = get_prompt_tokens()
            if not ic.is_answered:
                return out
            values = [c.value for c in ic.get_selected_values()]
            return [tok for tok in out if tok[0] != "class:answer"] + [("class:answer", echo(values))]

        return original(ic, tokens, **kwargs)

    common.create_inquirer_layout = layout
    try:
        yield
    finally:
        common.create_inquirer_layout = original


class QuestionaryAsker:
    """Prompts with questionary; `input`/`output` let tests drive it through a pipe."""

    def __init__(self, engine: Engine, input: Any = None, output: Any = None) -> None:
        import questionary

        self.q = questionary
        self.engine = engine
        self.io = {"input": input, "output": output} if input is not None else {}

    def _say(self, text: str) -> None:
        self.q.print(text, style="fg:ansigray", **({"output": self.io["output"]} if self.io else {}))

    def __call__(self, question: Question, default: Any, answers: dict[str, Any] | None = None) -> Any:
        answers = answers or {}
        engine, lang, q = self.engine, self.engine.lang, self.q
        message = question.text.get(lang)
        help_text = question.help.get(lang) if question.help else None
        kind = question.kind
        if kind == "confirm":
            return self._confirm(message, bool(default), help_text)
        if kind in ("select", "need"):
            choices = [
                q.Choice(title=label, value=NONE if value is None else value)
                for value, label in engine.choices(question)
            ]
            current = NONE if default is None else default
            if current not in [c.value for c in choices]:
                current = choices[0].value
            hint = t("interview.need_help", lang) if kind == "need" else help_text
            instruction = f"({t('interview.arrows', lang)})" + (f"\n  {hint}" if hint else "")
            prompt = q.select(message, choices=choices, default=current, instruction=instruction, **self.io)
            answer = prompt.unsafe_ask()
            return None if answer == NONE else answer
        if kind == "multiselect":
            chosen = set(default or [])
            choices = [
                q.Choice(title=label, value=value, checked=value in chosen) for value, label in engine.choices(question)
            ]
            instruction = f"({t('interview.checkbox', lang)})" + (f"\n  {help_text}" if help_text else "")
            labels = dict(engine.choices(question))
            while True:
                with _answer_echo(lambda values: ", ".join(labels.get(v, v) for v in values) or t("common.none", lang)):
                    picked = q.checkbox(message, choices=choices, instruction=instruction, **self.io).unsafe_ask()
                try:
                    return engine.coerce(question, picked, answers)
                except AnswerError as exc:
                    self._say(f"  {exc}")
        if kind == "priorities":
            return self._priorities(question, default)
        return self._text(question, message, help_text, default, answers)

    def _text(
        self, question: Question, message: str, help_text: str | None, default: Any, answers: dict[str, Any]
    ) -> Any:
        engine, lang = self.engine, self.engine.lang
        currency = str(engine.facts(answers).get("business.currency") or "")
        default_shown = shown(engine, question, default, currency)
        parts = [help_text] if help_text else []
        if default_shown:
            parts.append(t("interview.enter_default", lang, value=default_shown))
        elif question.optional:
            parts.append(t("interview.enter_skip", lang))
        instruction = f"({'; '.join(parts)})" if parts else None

        def check(text: str) -> bool | str:
            if not text.strip() and default not in (None, "", [], {}):
                return True
            try:
                engine.coerce(question, text, answers)
            except AnswerError as exc:
                return str(exc)
            return True

        typed = self.q.text(message, default="", validate=check, instruction=instruction, **self.io).unsafe_ask()
        if not typed.strip() and default not in (None, "", [], {}):
            value = engine.coerce(question, default)
            self._say(f"  = {default_shown}")
            return value
        value = engine.coerce(question, typed, answers)
        if question.kind == "money" and value is not None:
            self._say(f"  = {shown(engine, question, value, currency)}")
        return value

    def _confirm(self, message: str, default: bool, help_text: str | None) -> bool:
        """questionary's confirm, with the yes/no keys and words of the interview's language."""
        from prompt_toolkit import PromptSession
        from prompt_toolkit.formatted_text import to_formatted_text
        from prompt_toolkit.key_binding import KeyBindings
        from prompt_toolkit.keys import Keys
        from questionary.question import Question as Prompt
        from questionary.styles import merge_styles_default

        lang = self.engine.lang
        yes, no = t("interview.yes", lang), t("interview.no", lang)
        keys = t("interview.yes_no_default_yes" if default else "interview.yes_no_default_no", lang)
        status: dict[str, Any] = {"answer": None, "complete": False}

        def tokens() -> Any:
            out: list[Any] = [("class:qmark", "?"), ("class:question", f" {message} ")]
            if not status["complete"]:
                out.append(("class:instruction", f"({keys}) " + (f"({help_text}) " if help_text else "")))
            if status["answer"] is not None:
                out.append(("class:answer", yes if status["answer"] else no))
            return to_formatted_text(out)

        bindings = KeyBindings()

        def finish(event: Any) -> None:
            status["complete"] = True
            event.app.exit(result=status["answer"])

        @bindings.add(Keys.ControlC, eager=True)
        def _interrupt(event: Any) -> None:
            event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

        def bind(key: str, value: bool) -> None:
            @bindings.add(key)
            def _answer(event: Any) -> None:
                status["answer"] = value
                finish(event)

        for key in {t("interview.yes_key", lang), "y"}:
            bind(key, True)
            bind(key.upper(), True)
        for key in {t("interview.no_key", lang), "n"}:
            bind(key, False)
            bind(key.upper(), False)

        @bindings.add(Keys.ControlM, eager=True)
        def _enter(event: Any) -> None:
            if status["answer"] is None:
                status["answer"] = default
            finish(event)

        @bindings.add(Keys.Any)
        def _other(event: Any) -> None:
            """Other keys do nothing."""

        session: Any = PromptSession(tokens, key_bindings=bindings, style=merge_styles_default([None]), **self.io)
        return bool(Prompt(session.app).unsafe_ask())

    def _priorities(self, question: Question, default: Any) -> dict[str, int]:
        from .._i18n import name

        engine, lang = self.engine, self.engine.lang
        out: dict[str, int] = {}
        current = default or {}
        self._say(question.text.get(lang))
        one = question.model_copy(update={"kind": "priorities", "optional": True})
        for gid, group in engine.catalog.groups.items():

            def check(text: str, gid: str = gid) -> bool | str:
                try:
                    engine.coerce(one, f"{gid}={text}" if text.strip() else "")
                except AnswerError as exc:
                    return str(exc)
                return True

            was = current.get(gid)
            hint = t("interview.enter_default", lang, value=was) if was is not None else t("interview.enter_skip", lang)
            answer = self.q.text(
                f"  {name('group', gid, lang, group.name)} (0–5)",
                default="",
                validate=check,
                instruction=f"({hint})",
                **self.io,
            ).unsafe_ask()
            if answer.strip():
                out.update(engine.coerce(one, f"{gid}={answer}"))
            elif was is not None:
                out[gid] = int(was)
        return out
