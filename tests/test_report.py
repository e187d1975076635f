"""`advisor report`: a self-contained page a browser renders cleanly, and a stable decision record."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import REPO, Run
from .helpers import build_tree, catalog_tree, dump, platform, requirements

SNAPSHOTS = Path(__file__).parent / "snapshots"
READINESS = (REPO / "criteria" / "readiness.yaml").read_text(encoding="utf-8")
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
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snapshot.write_text(text, encoding="utf-8")
    assert text == snapshot.read_text(encoding="utf-8"), "rerun with UPDATE_SNAPSHOTS=1 after a deliberate change"


def test_swedish_report(run: Callable[..., Run], report_catalog: Path, req_file: Path) -> None:
    r = run("report", req_file, "--format", "markdown", "--lang", "sv", "--catalog", report_catalog)
    assert "## Sammanfattning" in r.out and "### Checklista för beredskap" in r.out
    assert "Frågor till en implementationspartner" in r.out


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
def test_page_renders_in_headless_chromium(run: Callable[..., Run], tmp_path: Path) -> None:
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
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
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
    )
    assert shot.exists(), proc.stderr[-2000:]
    image = Image.open(shot).convert("L")
    assert image.size == (1100, 1600)
    stats = ImageStat.Stat(image)
    assert stats.stddev[0] > 20, "the screenshot is blank"
    assert sum(1 for count in image.histogram() if count) > 20  # many grey levels, not a flat page
    console = [line for line in proc.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert not console, console


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
