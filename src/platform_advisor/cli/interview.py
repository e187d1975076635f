"""`advisor interview`: ask about the business, write a requirements file, show the ranking."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from .._errors import ExitCode, InputError, Interrupted, Problem, Terminated, UsageError
from .._locations import resolve_root
from . import _console
from ._options import CatalogOpt


class Lang(str, Enum):
    en = "en"
    sv = "sv"


def language(explicit: Lang | None, saved: str | None = None) -> str:
    if explicit is not None:
        return explicit.value
    if saved in ("en", "sv"):
        return saved
    env = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return "sv" if env.lower().startswith("sv") else "en"


def _dump(data: dict[str, Any], out: Path) -> str:
    import yaml

    class NoAliases(yaml.SafeDumper):
        """Write shared values out in full: anchors confuse people editing the file by hand."""

        def ignore_aliases(self, data: Any) -> bool:
            return True

    header = (
        f"# Written by `advisor interview`. Score it with: advisor score {out}\n"
        f"# Unfinished? Continue with: advisor interview --resume {out}\n"
    )
    return header + yaml.dump(data, Dumper=NoAliases, sort_keys=False, allow_unicode=True, width=100)


def _load(path: Path) -> Any:
    from .._yaml import load_file

    doc = load_file(path, str(path))
    if not isinstance(doc.data, dict):
        raise InputError([doc.problem((), "expected a requirements file (a mapping)")])
    return doc


def interview_command(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Where to write the requirements file.", dir_okay=False)
    ] = Path("requirements.yaml"),
    resume: Annotated[
        Path | None,
        typer.Option(
            "--resume",
            metavar="FILE",
            dir_okay=False,
            help="Continue an interrupted interview saved in FILE; asks only what is unanswered.",
        ),
    ] = None,
    answers_file: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            dir_okay=False,
            help="Take answers from FILE (a full or partial requirements file).",
        ),
    ] = None,
    defaults: Annotated[
        bool, typer.Option("--defaults", help="Answer every remaining question with its default; never prompt.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --out if it exists.")] = False,
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", help="Question language. Default: from LANG, else English.", show_default=False),
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="How many platforms to show at the end.")] = 5,
    catalog_dir: CatalogOpt = None,
) -> None:
    """Interview about the business, write a requirements file and rank the platforms.

    Every answer is saved at once; Ctrl-C keeps what you answered, and --resume continues.
    Without a terminal, give --answers FILE and/or --defaults.
    """
    from .._catalog import load_catalog
    from .._files import write_atomic
    from .._interview.engine import Engine, check_answers, load_interview

    no_terminal = UsageError(
        [
            Problem(
                "advisor interview",
                None,
                None,
                "needs a terminal to ask questions; run it in one, or pass "
                "--answers FILE and/or --defaults to answer without prompting",
            )
        ]
    )
    if not defaults and answers_file is None and resume is None and not _has_terminal():
        raise no_terminal  # every question is still open: say so before loading anything
    target = resume or out
    if resume is None and target.exists() and not force:
        raise UsageError(
            [
                Problem(
                    str(target), None, None, "already exists; continue it with --resume, or overwrite it with --force"
                )
            ]
        )
    catalog = load_catalog(catalog_dir)
    spec = load_interview(resolve_root(catalog_dir), catalog)

    answers: dict[str, Any] = {}
    carried: dict[str, Any] = {}
    saved_lang = None
    for path, complete_allowed in ((resume, False), (answers_file, True)):
        if path is None:
            continue
        doc = _load(path)
        state = doc.data.get("interview") if isinstance(doc.data.get("interview"), dict) else None
        saved_lang = saved_lang or (state or {}).get("lang")
        engine = Engine(spec, catalog, language(lang, saved_lang))
        if state and isinstance(state.get("answers"), dict):
            raw = state["answers"]
            locate = lambda q, qid, msg, d=doc: d.problem(("interview", "answers", qid), msg)  # noqa: E731
        else:
            complete = complete_allowed and _is_complete(doc)
            _must_haves_are_ids(doc)
            raw = engine.answers_from(doc.data, complete)
            locate = lambda q, qid, msg, d=doc: d.problem(tuple((q.field or "").split(".")) if q else (), msg)  # noqa: E731
        answers.update(check_answers(engine, raw, locate))
        if "expect" in doc.data:
            carried["expect"] = doc.data["expect"]

    engine = Engine(spec, catalog, language(lang, saved_lang))
    interactive = not defaults and bool(engine.pending(answers))
    if interactive and not _has_terminal():
        raise no_terminal

    asker = None
    if interactive:
        from .._interview.asker import QuestionaryAsker

        asker = QuestionaryAsker(engine)

    def save(complete: bool) -> None:
        data = engine.requirements(answers, complete)
        data.update(carried)
        write_atomic(target, _dump(data, target))

    try:
        while (q := engine.next_question(answers)) is not None:
            default = answers.get(q.id, engine.default(q, answers))
            answers[q.id] = engine.coerce(q, default) if asker is None else asker(q, default)
            save(complete=False)
    except (KeyboardInterrupt, Terminated) as exc:
        stop = Interrupted(
            [
                Problem(
                    str(target),
                    None,
                    None,
                    f"{'terminated' if isinstance(exc, Terminated) else 'interrupted'}; "
                    f"{len(answers)} answers saved; continue with: "
                    f"advisor interview --resume {target}",
                )
            ]
        )
        if isinstance(exc, Terminated):
            stop.exit_code = ExitCode.TERMINATED
        raise stop from None
    save(complete=True)
    _show_result(target, engine, catalog, top)


def _has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _must_haves_are_ids(doc: Any) -> None:
    """A partial file is read before validation; a list inside `must_have` would reach the
    engine's set lookups as an unhashable value."""
    from .._errors import InputError

    must = doc.data.get("must_have")
    for i, item in enumerate(must if isinstance(must, list) else []):
        if not isinstance(item, str):
            raise InputError([doc.problem(("must_have", i), "must_have: each item must be a capability id")])


def _is_complete(doc: Any) -> bool:
    from pydantic import ValidationError

    from .._models import Requirements

    try:
        Requirements.model_validate(doc.data)
    except ValidationError:
        return False
    return True


def _show_result(target: Path, engine: Any, catalog: Any, top: int) -> None:
    from .._render import table
    from .._render import weights as weights_render
    from .._render.common import limit
    from .._requirements import load_requirements
    from .._scoring import score

    req = load_requirements(target, catalog, str(target))
    result = score(req, catalog, str(target))
    console = _console.out()
    console.print(table.render_result(limit(result, top), catalog))
    console.print(weights_render.render_table(result.weights, catalog, req))
    _console.err().print(f"Saved {target}. Score it again with: advisor score {target}", markup=False)
