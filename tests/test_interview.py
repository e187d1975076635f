"""The interview at two levels: the question data and rules (pure), and the flow in-process
with a scripted asker and with questionary reading from a pipe. The pseudo-terminal runs are
in test_interview_e2e.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from platform_advisor import load_catalog
from platform_advisor._interview.engine import AnswerError, Engine
from platform_advisor._models import Requirements
from platform_advisor._scoring import Costs, derive_weights

from .conftest import Run
from .helpers import requirements


@pytest.fixture(scope="module")
def engine() -> Engine:
    catalog = load_catalog()
    return Engine(catalog.interview_spec(), catalog, "en")


def q(engine: Engine, qid: str):  # type: ignore[no-untyped-def]
    return next(x for x in engine.spec.questions if x.id == qid)


# --- question data -------------------------------------------------------------------------


def test_every_question_speaks_all_four_languages(engine: Engine) -> None:
    for question in engine.spec.questions:
        texts = [question.text, *([question.help] if question.help else []), *(c.label for c in question.choices or [])]
        for text in texts:
            for lang in ("en", "sv", "da", "nb"):
                assert getattr(text, lang), (question.id, lang, text.en)


def test_defaults_are_valid_answers(engine: Engine) -> None:
    for question in engine.spec.questions:
        if question.default is None and not question.optional and not question.suggest:
            continue  # no default on purpose: the person must answer (e.g. which marketplaces)
        engine.coerce(question, engine.default(question, {}))


@pytest.mark.parametrize(
    ("qid", "typed", "value"),
    [
        ("revenue", "12 000 000", 12_000_000),
        ("revenue", "1.5M", 1_500_000),
        ("revenue", "750k", 750_000),
        ("markets", "se, no dk", ["SE", "NO", "DK"]),
        ("erp", "Fortnox", "fortnox"),
        ("erp", "", None),
        ("sells_on_marketplaces", "ja", True),
        ("sells_on_marketplaces", "nei", False),
        ("punchout", "must", "must"),
        ("punchout", "nice to have", "nice"),
        ("revenue", "3,5 milj", 3_500_000),
        ("revenue", "3 mkr", 3_000_000),
        ("revenue", "3 MSEK", 3_000_000),
        ("revenue", "1,2 mdr", 1_200_000_000),
        ("revenue", "80 000 000", 80_000_000),
        ("revenue", "80,000,000", 80_000_000),
        ("revenue", "80.000.000", 80_000_000),
        ("revenue", "12M", 12_000_000),
        ("revenue", "3,5 mio. kr", 3_500_000),
        ("revenue", "2 500 000 kr", 2_500_000),
        ("developers", "3", 3),
        ("priorities", "cost=5, flexibility=2", {"cost": 5, "flexibility": 2}),
        ("marketplaces", "cdon, amazon", ["cdon", "amazon"]),
    ],
)
def test_typed_answers(engine: Engine, qid: str, typed: str, value: Any) -> None:
    assert engine.coerce(q(engine, qid), typed) == value


@pytest.mark.parametrize(
    ("qid", "typed", "message"),
    [
        ("revenue", "-5", "must be 0 or more"),
        ("revenue", "lots", "is not an amount"),
        ("budget_monthly", "1e99", "check the number of zeros"),
        ("markets", "SE, UK", "'UK' is not an ISO 3166-1 country code (did you mean GB?)"),
        ("markets", "XX", "not an ISO 3166-1 country code"),
        ("erp", "fortnx", "(did you mean fortnox?)"),
        ("developers", "2.5", "must be a whole number"),
        ("name", "", "an answer is needed"),
        ("priorities", "cost=9", "importance is a whole number from 0 to 5"),
        ("priorities", "costs=3", "did you mean cost?"),
        ("sells_on_marketplaces", "maybe", "answer Yes or No"),
        ("punchout", "maybe", "answer Must have, Nice to have or Not needed"),
        ("developers", "lots", "write digits, e.g. 3"),
        ("revenue", "3 bananas", "is not an amount"),
    ],
)
def test_bad_answers_say_why(engine: Engine, qid: str, typed: str, message: str) -> None:
    with pytest.raises(AnswerError) as exc:
        engine.coerce(q(engine, qid), typed)
    assert message in str(exc.value)


# --- conditions ----------------------------------------------------------------------------


def _asked(engine: Engine, answers: dict[str, Any]) -> list[str]:
    """Walk the interview with defaults, overriding with `answers`; return the ids asked."""
    given: dict[str, Any] = {}
    asked = []
    while (question := engine.next_question(given)) is not None:
        asked.append(question.id)
        given[question.id] = answers.get(question.id, engine.default(question, given))
    return asked


def test_b2b_questions_only_for_business_sellers(engine: Engine) -> None:
    assert "punchout" not in _asked(engine, {"model": "b2c"})
    assert "reorder" not in _asked(engine, {"model": "b2c"})
    assert {"punchout", "customer_prices", "reorder"} <= set(_asked(engine, {"model": "hybrid"}))
    assert "subscriptions" in _asked(engine, {"model": "b2c"})


def test_master_data_questions_only_with_an_erp(engine: Engine) -> None:
    assert "master_products" not in _asked(engine, {})
    assert "master_products" in _asked(engine, {"erp": "visma"})


def test_marketplace_questions_only_when_selling_there(engine: Engine) -> None:
    assert "marketplaces" not in _asked(engine, {})
    assert "marketplaces" in _asked(engine, {"sells_on_marketplaces": True})


def test_budget_hardness_only_with_a_budget(engine: Engine) -> None:
    assert "budget_hard" not in _asked(engine, {})
    assert "budget_hard" in _asked(engine, {"budget_monthly": 4000})


# --- from answers to weights and must-haves ------------------------------------------------


def test_answers_become_must_haves_preset_and_weights(engine: Engine) -> None:
    answers = {
        "name": "Grossisten",
        "model": "b2b",
        "currency": "SEK",
        "revenue": 90_000_000,
        "markets": ["SE", "FI"],
        "punchout": "must",
        "customer_prices": "must",
        "reorder": "nice",
        "erp": "jeeves",
        "developers": 0,
    }
    data = engine.requirements(answers, complete=True)
    assert data["must_have"] == ["b2b_punchout", "customer_specific_prices"]
    assert engine.default(q(engine, "preset"), answers) == "b2b_wholesaler"
    req = Requirements.model_validate(data)
    weights = derive_weights(req, engine.catalog)
    fired = {s.ref for s in weights.steps if s.kind == "rule"}
    assert {"erp_present", "b2b", "multi_market", "no_developers"} <= fired
    erp_step = next(s for s in weights.steps if s.ref == "erp_present")
    assert erp_step.target == "erp_integration" and erp_step.factor == 1.6
    assert "most important integration" in erp_step.reason


def test_a_requirements_file_reads_back_as_the_same_answers(engine: Engine) -> None:
    answers = {
        "name": "X",
        "model": "hybrid",
        "subscriptions": "must",
        "punchout": "no",
        "sells_on_marketplaces": True,
        "marketplaces": ["cdon"],
        "other_must_haves": ["pos"],
    }
    data = engine.requirements(answers, complete=False)
    back = engine.answers_from({k: v for k, v in data.items() if k != "interview"}, complete=False)
    assert back["subscriptions"] == "must" and back["punchout"] == "no"
    assert back["sells_on_marketplaces"] is True and back["marketplaces"] == ["cdon"]
    assert back["other_must_haves"] == ["pos"]


# --- the command, in-process ----------------------------------------------------------------


class Scripted:
    """An asker that answers from a script and records what it was asked."""

    def __init__(self, script: dict[str, Any], interrupt_at: str | None = None, engine: Engine | None = None) -> None:
        self.script, self.interrupt_at = script, interrupt_at
        self.asked: list[str] = []

    def __call__(self, question: Any, default: Any, answers: Any = None) -> Any:
        self.asked.append(question.id)
        if question.id == self.interrupt_at:
            raise KeyboardInterrupt
        return self.script.get(question.id, default)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Scripted], None]]:
    """Pretend to be at a terminal and answer with a script instead of prompts."""
    monkeypatch.setattr("platform_advisor.cli.interview._has_terminal", lambda: True)

    def use(asker: Scripted) -> None:
        monkeypatch.setattr("platform_advisor._interview.asker.QuestionaryAsker", lambda engine, **_: asker)

    yield use


def test_interrupt_keeps_every_answer_and_resume_completes(
    run: Callable[..., Run], tmp_path: Path, terminal: Callable[[Scripted], None]
) -> None:
    out = tmp_path / "req.yaml"
    first = Scripted({"name": "Avbrutna AB", "model": "b2b", "punchout": True}, interrupt_at="reorder")
    terminal(first)
    r = run("interview", "--out", out)
    assert r.code == 130, r.err
    assert r.err == (f"{out}: interrupted; 12 answers saved; continue with: advisor interview --resume {out}\n")
    saved = yaml.safe_load(out.read_text())
    assert saved["name"] == "Avbrutna AB" and saved["must_have"] == ["b2b_punchout"]
    assert saved["interview"]["complete"] is False and "reorder" not in saved["interview"]["answers"]

    second = Scripted({})
    terminal(second)
    r = run("interview", "--resume", out)
    assert r.code == 0, r.err
    assert second.asked[0] == "reorder" and "name" not in second.asked
    done = yaml.safe_load(out.read_text())
    assert done["interview"]["complete"] is True and done["name"] == "Avbrutna AB"
    assert "Why these weights" in r.out
    assert run("score", out, "-f", "json").code == 0


def test_output_is_the_same_option_as_out(run: Callable[..., Run], tmp_path: Path) -> None:
    # score and report write with --output; the interview takes that spelling too
    out = tmp_path / "req.yaml"
    r = run("interview", "--defaults", "--output", out)
    assert r.code == 0, r.err
    assert out.exists() and run("score", out, "-f", "json").code == 0


def test_existing_file_is_not_overwritten(run: Callable[..., Run], tmp_path: Path) -> None:
    out = tmp_path / "req.yaml"
    out.write_text("precious\n")
    r = run("interview", "--defaults", "--out", out)
    assert r.code == 2 and "already exists; continue it with --resume" in r.err
    assert out.read_text() == "precious\n"
    assert run("interview", "--defaults", "--force", "--out", out).code == 0


def test_without_a_terminal_it_names_the_flags(run: Callable[..., Run], tmp_path: Path) -> None:
    r = run("interview", "--out", tmp_path / "x.yaml")
    assert r.code == 2
    assert "--answers FILE and/or --defaults" in r.err
    assert not (tmp_path / "x.yaml").exists()


def test_partial_answers_file_and_defaults(run: Callable[..., Run], tmp_path: Path) -> None:
    partial = tmp_path / "partial.yaml"
    partial.write_text("name: Delvis AB\nbusiness:\n  model: b2b\n  markets: [NO, dk]\nsystems:\n  erp: visma\n")
    out = tmp_path / "out.yaml"
    r = run("interview", "--answers", partial, "--defaults", "--out", out)
    assert r.code == 0, r.err
    data = yaml.safe_load(out.read_text())
    assert data["business"]["markets"] == ["NO", "DK"] and data["systems"]["erp"] == "visma"
    assert data["preset"] == "b2b_wholesaler"  # suggested from the answers


def test_bad_answers_file_is_located(run: Callable[..., Run], tmp_path: Path) -> None:
    partial = tmp_path / "partial.yaml"
    partial.write_text("name: X\nbusiness:\n  online_revenue: -3\n  markets: [SE, UK]\n")
    r = run("interview", "--answers", partial, "--defaults", "--out", tmp_path / "o.yaml")
    assert r.code == 2
    assert r.err.splitlines() == [
        f"{partial}:3:3: business.online_revenue: must be 0 or more",
        f"{partial}:4:3: business.markets: 'UK' is not an ISO 3166-1 country code (did you mean GB?)",
    ]


def test_swedish_texts_are_used(engine: Engine) -> None:
    sv = Engine(engine.spec, engine.catalog, "sv")
    assert q(sv, "name").text.get("sv") == "Vad heter företaget?"
    assert dict(sv.choices(q(sv, "model")))["b2b"] == "Företag (B2B)"


# --- questionary itself, through a pipe -----------------------------------------------------


def test_real_prompt_refuses_a_bad_answer_in_place(engine: Engine) -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from platform_advisor._interview.asker import QuestionaryAsker

    with create_pipe_input() as pipe:
        pipe.send_text("\x15-5\r\x15250000\r")  # ctrl-u clears the default; -5 is refused
        asker = QuestionaryAsker(engine, input=pipe, output=DummyOutput())
        assert asker(q(engine, "revenue"), 0) == 250_000


def test_real_select_prompt(engine: Engine) -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from platform_advisor._interview.asker import QuestionaryAsker

    with create_pipe_input() as pipe:
        pipe.send_text("\x1b[B\r")  # arrow down from b2c, enter
        asker = QuestionaryAsker(engine, input=pipe, output=DummyOutput())
        assert asker(q(engine, "model"), "b2c") == "b2b"


# --- answers that fit the model, and files nobody else's work is lost from -------------------


def test_each_answer_obeys_the_models_limits(engine: Engine) -> None:
    from platform_advisor._countries import CODES

    many = sorted(CODES)[:61]
    with pytest.raises(AnswerError, match="at most 60"):
        engine.coerce(q(engine, "markets"), many)
    assert len(engine.coerce(q(engine, "markets"), many[:60])) == 60
    with pytest.raises(AnswerError, match="at most 10"):
        engine.coerce(q(engine, "smart_goal"), [f"goal {i}" for i in range(11)])


def test_implausible_figures_are_asked_again(engine: Engine) -> None:
    sv = Engine(engine.spec, engine.catalog, "sv")
    with pytest.raises(AnswerError, match="ser ut som ett skrivfel"):
        sv.coerce(q(sv, "revenue"), "3,5", {"currency": "SEK"})
    assert sv.coerce(q(sv, "revenue"), "3,5", None) == 3.5  # a replayed file is not second-guessed
    with pytest.raises(AnswerError, match="more than the yearly revenue"):
        engine.coerce(q(engine, "budget_monthly"), "2M", {"currency": "SEK", "revenue": 1_000_000})
    assert engine.coerce(q(engine, "budget_monthly"), "20 000", {"currency": "SEK", "revenue": 1_000_000}) == 20_000


def test_which_marketplaces_needs_one(engine: Engine) -> None:
    with pytest.raises(AnswerError, match="choose at least one"):
        engine.coerce(q(engine, "marketplaces"), [])


def test_chosen_must_haves_are_preselected(engine: Engine) -> None:
    answers = {"model": "b2b", "punchout": "must", "subscriptions": "nice"}
    assert engine.default(q(engine, "other_must_haves"), answers) == ["b2b_punchout"]


@pytest.mark.parametrize(
    ("answers", "preset"),
    [
        ({"model": "b2b", "reorder": "must", "punchout": "must"}, "b2b_wholesaler"),
        ({"model": "hybrid", "punchout": "must"}, "b2b_manufacturer_punchout"),
        (
            {
                "model": "b2c",
                "revenue": 3_000_000,
                "currency": "SEK",
                "marketplace_must_have": "must",
                "marketplaces": ["cdon"],
                "sells_on_marketplaces": True,
            },
            "small_b2c",
        ),
        (
            {
                "model": "b2c",
                "revenue": 3_000_000,
                "currency": "SEK",
                "marketplace_must_have": "must",
                "marketplaces": ["cdon", "amazon"],
                "sells_on_marketplaces": True,
            },
            "marketplace_seller",
        ),
        ({"model": "b2c", "markets": ["SE", "NO"], "revenue": 3_000_000, "currency": "SEK"}, "d2c_multi_market"),
        ({"model": "b2c", "revenue": 90_000_000, "currency": "SEK"}, "growing_b2c"),
    ],
)
def test_preset_suggestion_follows_the_answers(engine: Engine, answers: dict[str, Any], preset: str) -> None:
    assert engine.default(q(engine, "preset"), answers) == preset


@pytest.mark.parametrize(
    ("answers", "build"),
    [
        ({"developers": 4, "it_maturity": "high"}, "in_house"),
        ({"developers": 0, "revenue": 300_000, "currency": "SEK"}, "diy"),
        ({"developers": 0, "revenue": 30_000_000, "currency": "SEK"}, "agency"),
    ],
)
def test_build_suggestion_follows_the_answers(engine: Engine, answers: dict[str, Any], build: str) -> None:
    assert engine.default(q(engine, "build"), answers) == build


@pytest.mark.parametrize(
    ("developers", "maturity", "revenue"),
    [
        (d, m, r)
        for d in (0, 1, 2, 3, 5)
        for m in ("low", "medium", "high")
        for r in (400_000, 2_000_000, 30_000_000, 300_000_000)
    ],
)
def test_the_build_default_offered_is_the_one_the_estimate_assumes(
    engine: Engine, developers: int, maturity: str, revenue: int
) -> None:
    # The interview once kept rules of its own: it offered "agency" to a 300 MSEK wholesaler
    # with two developers while the cost estimate, with the question unanswered, assumed in_house.
    answers = {"developers": developers, "it_maturity": maturity, "revenue": revenue, "currency": "SEK"}
    req = Requirements.model_validate(
        requirements(
            organisation__developers=developers, organisation__it_maturity=maturity, business__online_revenue=revenue
        )
    )
    assert engine.default(q(engine, "build"), answers) == Costs.of(req, engine.catalog).build


class EditsMidway(Scripted):
    """Answers with defaults, and edits the file by hand after the third question."""

    def __init__(self, path: Path, edit: Callable[[str], str]) -> None:
        super().__init__({})
        self.path, self.edit = path, edit

    def __call__(self, question: Any, default: Any, answers: Any = None) -> Any:
        if len(self.asked) == 3:
            self.path.write_text(self.edit(self.path.read_text(encoding="utf-8")), encoding="utf-8")
        return super().__call__(question, default, answers)


def test_a_file_changed_on_disk_is_not_overwritten(
    run: Callable[..., Run], tmp_path: Path, terminal: Callable[[Scripted], None]
) -> None:
    out = tmp_path / "req.yaml"
    terminal(EditsMidway(out, lambda text: text.replace("name: Mitt", "name: Handskrivet")))
    r = run("interview", "--out", out, "--lang", "sv")
    assert r.code == 2
    assert "har ändrats på disken sedan intervjun skrev den (name)" in r.err and "--force" in r.err
    assert "name: Handskrivet företag" in out.read_text(encoding="utf-8")

    # resuming picks up the hand edit; with --force a later edit elsewhere is kept, our answers win
    terminal(EditsMidway(out, lambda text: "# checked by the CFO\n" + text))
    r = run("interview", "--resume", out, "--force")
    assert r.code == 0, r.err
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# checked by the CFO\n") and "name: Handskrivet företag" in text
    assert yaml.safe_load(text)["interview"]["complete"] is True


def test_an_interview_saved_by_the_previous_version_resumes(run: Callable[..., Run], tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(
        "version: 1\nname: Gammal AB\nbusiness: {model: b2b, currency: SEK, markets: [SE]}\n"
        "must_have: [recurring_orders]\n"
        "interview: {complete: false, lang: sv, answers:\n"
        "  {name: Gammal AB, model: b2b, recurring: true, quick_order: false}}\n",
        encoding="utf-8",
    )
    r = run("interview", "--resume", old, "--defaults")
    assert r.code == 0, r.err
    data = yaml.safe_load(old.read_text(encoding="utf-8"))
    assert data["interview"]["answers"]["subscriptions"] == "must" and data["must_have"] == ["recurring_orders"]
