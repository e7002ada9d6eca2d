"""Every internal link of the built site resolves: the target file exists and so does its #anchor.

Parses ``_build/html`` (no browser, no network). External links (http, mailto...) are not
fetched: the course must build and test offline. The build itself runs with ``--nitpick
--warningiserror``, which catches broken cross-references in the sources; this test catches
what the build cannot see (raw HTML links, links in notebook outputs, theme links).
"""

from __future__ import annotations

import os
import posixpath
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("SITE_ROOT", REPO)).resolve() / "_build" / "html"
IN_CI = os.environ.get("CI", "").lower() == "true"

pytestmark = pytest.mark.book

# Pages Sphinx writes for its own machinery, with links we do not author.
SKIPPED_FILES = {"genindex.html", "search.html", "py-modindex.html"}
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)  # http:, https:, mailto:, data:, javascript:


@pytest.fixture(scope="module")
def site() -> Path:
    if not (SITE / "index.html").is_file():
        message = f"No built site in {SITE}: run `make book` first (`make test` builds it)."
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return SITE


@cache
def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@cache
def anchors(path: Path) -> frozenset[str]:
    """Every id (and old-style <a name>) in one HTML file."""
    soup = parse(path)
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    ids |= {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
    return frozenset(ids)


def broken_links(site: Path, page: Path) -> list[str]:
    """Internal links on ``page`` whose file or #anchor does not exist, described."""
    problems = []
    for tag in parse(page).find_all(["a", "link"], href=True):
        href = tag["href"].strip()
        if not href or EXTERNAL.match(href) or href.startswith("//"):
            continue
        parts = urlsplit(href)
        if parts.path:
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
        else:
            target = page
        shown = f"{page.relative_to(site)}: href={href!r}"
        if not target.is_relative_to(site):
            problems.append(f"{shown} points outside the site")
        elif not target.is_file():
            problems.append(f"{shown}: no file {posixpath.relpath(target, site)}")
        elif (
            parts.fragment
            and target.suffix == ".html"
            and unquote(parts.fragment) not in anchors(target)
        ):
            problems.append(f"{shown}: no id {parts.fragment!r} in {target.relative_to(site)}")
    return problems


def test_every_internal_link_and_anchor_resolves(site):
    pages = [p for p in sorted(site.rglob("*.html")) if p.name not in SKIPPED_FILES]
    pages = [p for p in pages if "_static" not in p.relative_to(site).parts]
    assert pages, f"no HTML pages in {site}"
    problems = [problem for page in pages for problem in broken_links(site, page)]
    assert not problems, f"{len(problems)} broken internal link(s):\n" + "\n".join(
        "  - " + p for p in problems
    )


def test_the_link_check_sees_a_broken_anchor(tmp_path):
    """The checker itself: a missing file and a missing #anchor are both reported."""
    (tmp_path / "a.html").write_text(
        '<p id="here"><a href="#here">ok</a> <a href="#gone">x</a> <a href="b.html">y</a>'
        ' <a href="https://example.org/#z">external</a></p>',
        encoding="utf-8",
    )
    problems = broken_links(tmp_path, tmp_path / "a.html")
    assert len(problems) == 2, problems
    assert "no id 'gone'" in problems[0]
    assert "no file b.html" in problems[1]
