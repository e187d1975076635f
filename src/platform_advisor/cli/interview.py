"""`advisor interview`: ask about the business, write a requirements file, show the ranking."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from .._errors import ExitCode, InputError, Interrupted, Problem, Terminated, UsageError
from .._i18n import t
from . import _console
from ._options import CatalogOpt, LangOpt, lang_of


def _header(out: Path, lang: str) -> str:
    return "".join(f"# {line}\n" for line in t("interview.file_header", lang, file=out).splitlines())


def _dump(data: dict[str, Any]) -> str:
    import yaml

    class NoAliases(yaml.SafeDumper):
        """Write shared values out in full: anchors confuse people editing the file by hand."""

        def ignore_aliases(self, data: Any) -> bool:
            return True

    return yaml.dump(data, Dumper=NoAliases, sort_keys=False, allow_unicode=True, width=100)


def _load(path: Path) -> Any:
    from .._yaml import load_file

    doc = load_file(path, str(path))
    if not isinstance(doc.data, dict):
        raise InputError([doc.problem((), "expected a requirements file (a mapping)")])
    return doc


@contextlib.contextmanager
def _locked(target: Path, lang: str) -> Iterator[None]:
    """Hold an exclusive lock on `<target>.lock` while the interview runs. The kernel drops an
    flock when its process dies, so a killed interview never leaves the file locked."""
    import fcntl

    lock = target.with_name(target.name + ".lock")
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise InputError([Problem(str(lock), None, None, exc.strerror or str(exc))]) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise UsageError([Problem(str(target), None, None, t("interview.locked", lang))]) from None
        # the lock file may have been removed and replaced by the holder just before we got it
        try:
            same = os.fstat(fd).st_ino == lock.stat().st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
        os.close(fd)


def interview_command(
    out: Annotated[
        Path,
        typer.Option(
            # --output too: score and report write with --output, and a user types what they know
            "--out",
            "--output",
            "-o",
            metavar="FILE",
            help="Where to write the requirements file.",
            dir_okay=False,
        ),
    ] = Path("requirements.yaml"),
    resume: Annotated[
        Path | None,
        typer.Option(
            "--resume",
            metavar="FILE",
            dir_okay=False,
            help="Continue an interview saved in FILE, or complete a hand-written file: asks only what is "
            "unanswered and keeps every other field and comment.",
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
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite --out if it exists, or a file changed on disk meanwhile.")
    ] = False,
    lang: LangOpt = None,
    top: Annotated[
        int, typer.Option("--top", min=1, metavar="N", help="How many platforms to show at the end (at least 1).")
    ] = 5,
    catalog_dir: CatalogOpt = None,
) -> None:
    """Ask about the business, write a requirements file and rank.

    Every answer is saved at once; Ctrl-C keeps what you answered, and --resume continues.
    Without a terminal, give --answers FILE and/or --defaults.
    """
    early = lang_of(lang, None)
    no_terminal = UsageError([Problem("advisor interview", None, None, t("interview.no_terminal", early))])
    if not defaults and answers_file is None and resume is None and not _has_terminal():
        raise no_terminal  # every question is still open: say so before loading anything
    target = resume or out
    if resume is None and target.exists() and not force:
        raise UsageError([Problem(str(target), None, None, t("interview.exists", early))])
    from .._catalog import load_catalog
    from .._interview.engine import Engine, check_answers

    catalog = load_catalog(catalog_dir)
    spec = catalog.interview_spec()

    answers: dict[str, Any] = {}
    carried: dict[str, Any] = {}
    saved_lang = None
    base_text: str | None = None
    for path, complete_allowed in ((resume, False), (answers_file, True)):
        if path is None:
            continue
        doc = _load(path)
        state = doc.data.get("interview") if isinstance(doc.data.get("interview"), dict) else None
        saved_lang = saved_lang or (state or {}).get("lang")
        engine = Engine(spec, catalog, lang_of(lang, saved_lang))
        if state and isinstance(state.get("answers"), dict):
            raw = engine.merge_file(state["answers"], doc.data)
            locate = lambda q, qid, msg, d=doc: d.problem(  # noqa: E731
                tuple((q.field or "").split(".")) if q and q.field else ("interview", "answers", qid), msg
            )
        else:
            complete = complete_allowed and _is_complete(doc)
            _must_haves_are_ids(doc)
            raw = engine.answers_from(doc.data, complete)
            locate = lambda q, qid, msg, d=doc: d.problem(tuple((q.field or "").split(".")) if q else (), msg)  # noqa: E731
        answers.update(check_answers(engine, raw, locate))
        if path == resume:
            base_text = path.read_text(encoding="utf-8")
        elif "expect" in doc.data:
            carried["expect"] = doc.data["expect"]

    lang_code = lang_of(lang, saved_lang)
    engine = Engine(spec, catalog, lang_code)
    interactive = not defaults and bool(engine.pending(answers))
    if interactive and not _has_terminal():
        raise no_terminal

    with _locked(target, lang_code):
        _run(engine, target, answers, carried, base_text, force, interactive)
    _show_result(target, engine, catalog, top)


def _run(
    engine: Any,
    target: Path,
    answers: dict[str, Any],
    carried: dict[str, Any],
    base_text: str | None,
    force: bool,
    interactive: bool,
) -> None:
    from .._files import write_atomic
    from .._interview.engine import AnswerError

    lang = engine.lang
    asker = None
    if interactive:
        from .._interview.asker import QuestionaryAsker

        asker = QuestionaryAsker(engine)
    # what the file held when we last read or wrote it: anything else on disk is someone's edit
    written: dict[str, str | None] = {"text": base_text}
    saves = 0

    def save(complete: bool) -> None:
        nonlocal saves
        on_disk = target.read_text(encoding="utf-8") if target.exists() else None
        base = written["text"]
        if on_disk != base and not (saves == 0 and base is None and force):
            if not force:
                raise UsageError([Problem(str(target), None, None, _changed(base, on_disk, lang))])
            base = on_disk  # --force: keep their edits outside our fields, our answers win
        text = _compose(engine, target, answers, complete, carried, base)
        write_atomic(target, text)
        written["text"] = text
        saves += 1

    try:
        while (q := engine.next_question(answers)) is not None:
            default = answers.get(q.id, engine.default(q, answers))
            if asker is None:
                try:
                    answers[q.id] = engine.coerce(q, default)
                except AnswerError as exc:
                    raise InputError([Problem(str(target), None, None, f"{q.field or q.id}: {exc}")]) from None
            else:
                answers[q.id] = engine.coerce(q, asker(q, default, answers))
            save(complete=False)
    except (KeyboardInterrupt, Terminated) as exc:
        how = t("interview.terminated" if isinstance(exc, Terminated) else "interview.interrupted", lang)
        if saves == 0:
            what = t("interview.unchanged" if base_text is not None else "interview.nothing_saved", lang)
        else:
            what = t("interview.saved_so_far", lang, count=len(answers), file=target)
        stop = Interrupted([Problem(str(target), None, None, f"{how}; {what}")])
        if isinstance(exc, Terminated):
            stop.exit_code = ExitCode.TERMINATED
        raise stop from None
    final = _compose(engine, target, answers, True, carried, written["text"])
    problem = _invalid(final, target)
    if problem is not None:
        save(complete=False)
        raise InputError([problem])
    save(complete=True)


def _compose(
    engine: Any, target: Path, answers: dict[str, Any], complete: bool, carried: dict[str, Any], base: str | None
) -> str:
    """The file to write: a fresh one, or `base` with only our fields and the interview block
    changed, so a hand-edited file keeps its other fields and its comments."""
    from .._interview.yamledit import remove_top, set_values

    data = engine.requirements(answers, complete)
    state = {"interview": data.pop("interview")}
    if base is None or not base.strip():
        data.update(carried)
        return _header(target, engine.lang) + _dump(data) + _dump(state)
    changes = {"version": 1, **engine.owned(answers)}
    text = set_values(remove_top(base, "interview"), changes)
    if not text.endswith("\n"):
        text += "\n"
    return text + _dump(state)


def _invalid(text: str, target: Path) -> Problem | None:
    """The first problem with the file as it would be saved complete, if it would not score."""
    from pydantic import ValidationError

    from .._models import Requirements
    from .._yaml import load_text

    doc = load_text(text, str(target))
    try:
        Requirements.model_validate(doc.data)
    except ValidationError as exc:
        err = exc.errors()[0]
        return doc.problem(tuple(err["loc"]), err["msg"])
    return None


def _changed(before: str | None, now: str | None, lang: str) -> str:
    import yaml

    from .._conditions import flatten

    if now is None:
        return t("interview.removed_on_disk", lang)
    try:
        old = flatten(yaml.safe_load(before or "") or {})
        new = flatten(yaml.safe_load(now) or {})
        paths = sorted(
            k
            for k in set(old) | set(new)
            if k and not isinstance(old.get(k, new.get(k)), dict) and old.get(k) != new.get(k)
        )
    except yaml.YAMLError:
        paths = []
    # the interview's own record mirrors the fields: name a changed field once, by its own path
    fields = [p for p in paths if not p.startswith("interview.")] or paths
    paths = fields
    what = ", ".join(paths[:5]) + (" …" if len(paths) > 5 else "") if paths else t("interview.comments_only", lang)
    return t("interview.changed_on_disk", lang, fields=what)


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
    console.print(table.render_result(limit(result, top), catalog, engine.lang))
    console.print(weights_render.render_table(result.weights, catalog, req, engine.lang))
    _console.err().print(t("interview.saved", engine.lang, file=target), markup=False)
