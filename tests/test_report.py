"""`advisor report`: a self-contained page a browser renders cleanly, and a stable decision record."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import REPO, Run
from .helpers import assert_snapshot, build_tree, catalog_tree, dump, load_yaml, platform, requirements

SNAPSHOTS = Path(__file__).parent / "snapshots"
# a fresh, quiet headless browser: no sandbox (root in CI), no GPU, nothing fetched in the background
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
READINESS = (REPO / "criteria" / "readiness.yaml").read_text(encoding="utf-8")


def _browser_env(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Chromium writes crash reports and settings under the home directory and its scratch
    files in TMPDIR whatever --user-data-dir says: both go under pytest's base temporary
    directory. TMPDIR is a directory of its own directly under it, not inside tmp_path:
    Chromium puts a Unix socket there, and a path of over 107 bytes makes it abort."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    scratch = tmp_path_factory.mktemp("c")
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    return {**env, "HOME": str(home), "TMPDIR": str(scratch)}


HOSTILE_NAME = "<script>alert(1)</script>"


@pytest.fixture
def report_catalog(tmp_path: Path) -> Path:
    plats = [
        platform("alpha", erp=5, ease=3, erp_connectors={"fortnox": "app"}, name=HOSTILE_NAME),
        platform("beta", erp=2, ease=5, api=4),
        platform("gamma", erp=4, ease=4, api=2),
    ]
    root = catalog_tree(tmp_path / "catalog", plats)
    build_tree(root, {"criteria/readiness.yaml": READINESS})
    return root


@pytest.fixture
def req_file(tmp_path: Path) -> Path:
    path = tmp_path / "req.yaml"
    path.write_text(
        dump(
            requirements(
                goals={"smart_goals": ["Half of all orders without manual handling by Q3."]},
                must_have=["b2b_punchout"] if False else [],
            )
        )
    )
    return path


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_self_contained_and_escaped(
    run: Callable[..., Run], report_catalog: Path, req_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    r = run(
        "report", req_file, "--format", "html", "--output", out, "--catalog", report_catalog, "--as-of", "2026-11-22"
    )
    assert r.code == 0, r.err
    page = out.read_text(encoding="utf-8")
    parser = Collector()
    parser.feed(page)
    parser.close()
    tags = [t for t, _ in parser.tags]
    assert "script" not in tags and "link" not in tags and "img" not in tags and "iframe" not in tags
    for tag, attrs in parser.tags:
        for key, value in attrs.items():
            if key in ("src", "srcset", "data", "poster") or (key == "href" and tag != "a"):
                raise AssertionError(f"<{tag} {key}={value}> would load something")
    assert "url(" not in page and "@import" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert HOSTILE_NAME in "".join(parser.text)  # shown as text, never as markup
    links = [a.get("href") for t, a in parser.tags if t == "a"]
    assert links and all(str(h).startswith("https://") for h in links)  # evidence links only
    for section in ("summary", "ranking", "knockouts", "tco", "robustness", "readiness", "evidence"):
        assert f'id="{section}"' in page


def test_markdown_decision_record_snapshot(run: Callable[..., Run], report_catalog: Path, req_file: Path) -> None:
    r = run("report", req_file, "--format", "markdown", "--catalog", report_catalog, "--as-of", "2026-11-22")
    assert r.code == 0, r.err
    text = r.out.replace(str(req_file), "REQ")
    snapshot = SNAPSHOTS / "report_tiny.md"
    assert_snapshot(snapshot, text)


def test_swedish_report(run: Callable[..., Run], report_catalog: Path, req_file: Path) -> None:
    r = run("report", req_file, "--format", "markdown", "--lang", "sv", "--catalog", report_catalog)
    assert "## Sammanfattning" in r.out and "### Checklista inför projektet" in r.out
    assert "Frågor till en implementeringspartner" in r.out
    assert re.search(r"\(\d+,\d poäng", r.out) and "64\u00a0600\u00a0kr" in r.out and "konsumenter (B2C)" in r.out
    for wrong in ("beredskap", "nästan-kandidater", "implementation", "Contentproducent", "Seedartikeln"):
        assert wrong not in r.out


@pytest.mark.parametrize("lang", ["sv", "da", "nb"])
def test_report_snapshot_in_each_language(
    run: Callable[..., Run], report_catalog: Path, req_file: Path, lang: str
) -> None:
    r = run("report", req_file, "-f", "markdown", "--lang", lang, "--catalog", report_catalog, "--as-of", "2026-12-01")
    assert r.code == 0, r.err
    text = r.out.replace(str(req_file), "REQ")
    snapshot = SNAPSHOTS / f"report_tiny.{lang}.md"
    assert_snapshot(snapshot, text)


def test_readiness_follows_the_answers(run: Callable[..., Run], report_catalog: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(
        dump(
            requirements(business__online_revenue=200_000_000, organisation__developers=5, organisation__content_team=3)
        )
    )
    small = tmp_path / "small.yaml"
    small.write_text(dump(requirements(business__online_revenue=300_000, organisation__developers=0)))
    big_out = run("report", big, "-f", "markdown", "--catalog", report_catalog).out
    small_out = run("report", small, "-f", "markdown", "--catalog", report_catalog).out
    assert "**Backend developer** (in-house)" in big_out and "**Backend developer** (outsource or share)" in small_out
    assert "**Product administrator** (in-house)" in big_out
    assert "**Product administrator** (outsource or share)" in small_out


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.e2e
def test_page_renders_in_headless_chromium(
    run: Callable[..., Run], tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI"):
            raise AssertionError("chromium is missing; .ci/run installs Debian's chromium package")
        pytest.skip("chromium not installed (apt-get install chromium)")
    from PIL import Image, ImageStat

    page = tmp_path / "report.html"
    r = run("report", REPO / "examples" / "premium_growth_shop.yaml", "-f", "html", "-o", page, "--as-of", "2026-11-22")
    assert r.code == 0, r.err
    shot = tmp_path / "shot.png"
    proc = subprocess.run(
        [
            browser,
            *CHROMIUM_FLAGS,
            "--disable-quic",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--hide-scrollbars",
            "--window-size=1100,1600",
            "--enable-logging=stderr",
            "--v=0",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=_browser_env(tmp_path, tmp_path_factory),
    )
    assert shot.exists(), proc.stderr[-2000:]
    image = Image.open(shot).convert("L")
    assert image.size == (1100, 1600)
    stats = ImageStat.Stat(image)
    assert stats.stddev[0] > 20, "the screenshot is blank"
    assert sum(1 for count in image.histogram() if count) > 20  # many grey levels, not a flat page
    console = [line for line in proc.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert not console, console


def _chromium_dom(browser: str, page: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The page as Chromium built it (after parsing and layout), for reading its text."""
    proc = subprocess.run(
        [
            browser,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=_browser_env(tmp_path, tmp_path_factory),
    )
    assert proc.returncode == 0 and "<html" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout


class VisibleText(HTMLParser):
    """Text a reader sees: not the style sheet; link texts (source titles, proper names) apart."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if "style" in self.stack:
            return
        (self.links if "a" in self.stack else self.text).append(data)


@functools.cache  # the same list for every page and command checked in one language
def _english_phrases(lang: str) -> tuple[str, ...]:
    """Every English phrase of ours (split at placeholders) that the language does not share."""
    import string

    from platform_advisor import load_catalog
    from platform_advisor._i18n import messages, name

    pairs: list[tuple[str, str]] = [(v["en"], v[lang]) for v in messages().values()]
    catalog = load_catalog()
    for kind, items in (
        ("capability", catalog.capabilities),
        ("group", catalog.groups),
        ("criterion", catalog.criteria),
        ("preset", catalog.presets),
        ("industry", catalog.industries),
    ):
        pairs += [(v.name, name(kind, k, lang, v.name)) for k, v in items.items()]
    readiness = load_yaml(READINESS)
    texts = [x for r in readiness["roles"] for x in (r["name"], r["what"])]
    texts += [c["text"] for c in readiness["checklist"]] + readiness["partner_questions"]
    pairs += [(x["en"], x[lang]) for x in texts]
    out = []
    for en, other in pairs:
        for piece in (p for p, *_ in string.Formatter().parse(en)):
            piece = piece.strip(" .,;:()#/-")
            if len(piece) >= 6 and " " in piece and piece not in other:
                out.append(piece)
    return tuple(sorted(set(out)))


# English words no Nordic sentence uses; a catalogue proper name rarely contains them
ENGLISH_WORDS = re.compile(r"\b(the|and|with|which|should|would|your|you|from|than|only|not|known|cost)\b", re.I)


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("lang", "example"), [("sv", "nordic_outdoor"), ("da", "danish_webshop"), ("nb", "norwegian_shop")]
)
def test_nordic_report_in_chromium_has_no_english(
    run: Callable[..., Run], tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, lang: str, example: str
) -> None:
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI"):
            raise AssertionError("chromium is missing; .ci/run installs Debian's chromium package")
        pytest.skip("chromium not installed (apt-get install chromium)")
    page = tmp_path / "report.html"
    r = run(
        "report",
        REPO / "examples" / f"{example}.yaml",
        "-f",
        "html",
        "-o",
        page,
        "--lang",
        lang,
        "--as-of",
        "2026-12-01",
    )
    assert r.code == 0, r.err
    parser = VisibleText()
    parser.feed(_chromium_dom(browser, page, tmp_path, tmp_path_factory))
    visible = " ".join(" ".join(parser.text).split())
    assert len(visible) > 2000, "the page has hardly any text"
    found = [p for p in _english_phrases(lang) if p in visible]
    assert not found, f"English left in the {lang} report: {found[:10]}"
    words = sorted({m.group(0) for m in ENGLISH_WORDS.finditer(visible)})
    assert not words, f"English words in the {lang} report: {words}; context: " + "; ".join(
        visible[max(0, m.start() - 60) : m.end() + 60] for m in list(ENGLISH_WORDS.finditer(visible))[:3]
    )


def test_markdown_escapes_markup(run: Callable[..., Run], report_catalog: Path, req_file: Path) -> None:
    r = run("report", req_file, "--format", "markdown", "--catalog", report_catalog)
    assert "<script>" not in r.out and "&lt;script&gt;alert(1)&lt;/script&gt;" in r.out
    s = run("score", req_file, "--format", "markdown", "--catalog", report_catalog)
    assert "<script>" not in s.out and "&lt;script&gt;" in s.out


def test_a_rating_on_an_old_page_is_marked_stale(run: Callable[..., Run], tmp_path: Path, req_file: Path) -> None:
    """Dated by the page's own date, with the limit of criteria/evidence.yaml, as in the audit."""
    plats = [platform(pid) for pid in ("alpha", "beta", "gamma")]
    for p in plats:
        p["sources"]["old"] = {
            "url": "https://example.com/2013",
            "title": "A page of 2013, read last week",
            "evidence": "third_party",
            "as_of": "2026-11-22",
            "published": "2013-05-02",
        }
        p["ratings"]["ease"]["source"] = "old"
    root = catalog_tree(tmp_path / "catalog", plats)
    build_tree(root, {"criteria/readiness.yaml": READINESS})
    out = run("report", req_file, "--format", "markdown", "--catalog", root).out
    ease = [line for line in out.splitlines() if line.startswith("| Ease |")]
    assert ease and all("**(page older than 18 months)**" in line for line in ease)
    assert not [line for line in out.splitlines() if line.startswith("| ERP integration |") and "older" in line]


def test_report_lists_what_to_check_and_where_a_platform_would_rank_confirmed(
    run: Callable[..., Run], tmp_path: Path
) -> None:
    # "open" leads on the rest but its must-have is unconfirmed; both formats name it, the
    # points it loses and where it would stand with the must-have confirmed
    plats = [
        platform("sure", erp=3, caps={"b2b_punchout": "native"}),
        platform("open", erp=5, caps={"b2b_punchout": "unknown"}),
    ]
    root = catalog_tree(tmp_path / "catalog", plats)
    build_tree(root, {"criteria/readiness.yaml": READINESS})
    req = tmp_path / "req.yaml"
    req.write_text(dump(requirements(must_have=["b2b_punchout"])))
    md = run("report", req, "-f", "markdown", "--catalog", root, "--lang", "nb")
    assert md.code == 0, md.err
    block = md.out.split("**Må sjekkes**\n", 1)[1].split("\n## ", 1)[0]
    lines = [x for x in block.splitlines() if x.startswith("- **")]
    assert len(lines) == 1 and lines[0].startswith("- **1. Open**: Punchout")  # nothing to check on Sure
    assert "poeng trukket fra til kravene er bekreftet" in lines[0]
    assert "blir den liggende på 1. plass" in lines[0]
    page = tmp_path / "report.html"
    html = run("report", req, "-f", "html", "-o", page, "--catalog", root)
    assert html.code == 0, html.err
    assert "Confirmed (Punchout), it would still rank #1" in page.read_text(encoding="utf-8")
