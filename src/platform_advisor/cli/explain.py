"""`advisor explain` and `advisor robustness`: how sure the ranking is, and why."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from .._safe_text import json_text
from . import _console
from ._options import AutoFormatOpt, CatalogOpt, Format, LangOpt, ListFormat, ListFormatOpt, default_format, lang_of

FileArg = Annotated[
    Path, typer.Argument(metavar="FILE", help="A requirements file; - reads it from stdin.", show_default=False)
]


class Mode(str, Enum):
    around = "around"
    any = "any"


class Vary(str, Enum):
    both = "both"
    weights = "weights"
    data = "data"


def _scored(file: Path, catalog_dir: Path | None, platform: str | None = None) -> tuple[Any, Any, Any]:
    """The catalogue and the scored file; refused when nothing is ranked, unless `platform` is
    one of the excluded (its explanation needs no ranking)."""
    from .._catalog import load_catalog
    from .._errors import InputError, Problem
    from .._requirements import display_name, load_requirements
    from .._scoring import score

    catalog = load_catalog(catalog_dir)
    name = display_name(file)
    req = load_requirements(file, catalog, name)
    result = score(req, catalog, name)
    if not result.ranking and platform not in {e.platform for e in result.excluded}:
        raise InputError([Problem(name, None, None, "no platform passed the knock-outs; nothing to explain")])
    return catalog, result, req


def explain_command(
    file: FileArg,
    platform: Annotated[
        str | None,
        typer.Argument(metavar="PLATFORM", help="Platform id to explain. Default: the #1.", show_default=False),
    ] = None,
    fmt: AutoFormatOpt = None,
    lang: LangOpt = None,
    catalog_dir: CatalogOpt = None,
) -> None:
    """Why a platform scores as it does, criterion by criterion.

    Per criterion, against the field and against the next one, what single change would swap
    them, near-misses, and how far the weights can move.
    """
    from .._errors import InputError, Problem
    from .._render.explain import explain_markdown, render_explain
    from .._render.explain_data import explain
    from .._validate import suggest

    catalog, result, req = _scored(file, catalog_dir, platform)
    fmt = default_format(fmt, Format)
    words = "en" if fmt is Format.json else lang_of(lang)  # JSON stays language-neutral
    if platform is not None and platform not in {r.platform for r in result.ranking}:
        if platform not in {e.platform for e in result.excluded}:
            unknown = f"unknown platform {platform!r}" + suggest(platform, catalog.platforms)
            raise InputError([Problem("advisor", None, None, unknown)])
        _explain_excluded(result, catalog, platform, fmt, words)
        return
    data = explain(result, catalog, platform, words, req)
    if fmt is Format.json:
        _console.write(json_text(json.dumps(data.to_json(), indent=2, ensure_ascii=False) + "\n"))
    elif fmt is Format.markdown:
        _console.write(explain_markdown(data, words))
    else:
        _console.out().print(render_explain(data, catalog, words))


def _explain_excluded(result: Any, catalog: Any, platform: str, fmt: Format, lang: str) -> None:
    from .._analysis.excluded import would_be
    from .._render import excluded

    found = would_be(result, platform)
    if fmt is Format.json:
        _console.write(json_text(json.dumps(excluded.payload(found), indent=2, ensure_ascii=False) + "\n"))
    elif fmt is Format.markdown:
        _console.write(excluded.render_markdown(found, catalog, lang))
    else:
        _console.out().print(excluded.render(found, catalog, lang))


def robustness_command(
    file: FileArg,
    samples: Annotated[
        int,
        typer.Option(
            "--samples", "-n", min=1, max=1_000_000, metavar="N", help="Samples to draw, from 1 to 1,000,000."
        ),
    ] = 10_000,
    seed: Annotated[
        int,
        typer.Option(
            "--seed", min=0, metavar="N", help="Random seed (0 or more); the same seed gives the same result."
        ),
    ] = 0,
    mode: Annotated[
        Mode,
        typer.Option("--mode", metavar="MODE", help="around: near your weights; any: uniform over all weights."),
    ] = Mode.around,
    concentration: Annotated[
        float,
        typer.Option(
            "--concentration",
            min=1.0,
            max=1e6,
            metavar="C",
            help="For --mode around, from 1 to 1,000,000: higher keeps samples closer to your weights.",
        ),
    ] = 100.0,
    vary: Annotated[
        Vary,
        typer.Option(
            "--vary",
            metavar="WHAT",
            help="both: weights and the facts behind them (estimates, unknowns, partial costs); "
            "weights: only the weights; data: only the facts.",
        ),
    ] = Vary.both,
    fmt: ListFormatOpt = None,
    catalog_dir: CatalogOpt = None,
) -> None:
    """How firm the ranking is if weights or facts are a little off.

    A plain verdict first; then how likely each platform is to rank 1st, 2nd, 3rd if your
    weights are a little off and the catalogue's estimates and unknowns turn out otherwise
    (rank acceptability, as in SMAA-2), and the exact weight ranges within which #1 stays #1.
    """
    from .._analysis.robustness import acceptability
    from .._analysis.stability import stability
    from .._render.explain import acceptability_payload, render_acceptability

    catalog, result, _ = _scored(file, catalog_dir)
    varied = ("weights", "data") if vary is Vary.both else (vary.value,)
    acc = acceptability(result, catalog, samples, seed, mode.value, concentration, varied)
    intervals = stability(result, catalog)
    if default_format(fmt, ListFormat) is ListFormat.json:
        _console.write(json.dumps(acceptability_payload(acc, catalog, intervals), indent=2) + "\n")
    else:
        _console.out().print(render_acceptability(acc, catalog, intervals, result.ranking[0].platform))
