"""The static site (`python3 tasks.py site`): built from the stored outputs, complete, no broken link.

The site is built once, into a temporary folder, exactly as website/build.py builds it (Sphinx +
MyST-NB with warnings as errors, nothing executed). Then:

- every notebook of notebooks/, exercises/ and solutions/ (found by glob) and every page of docs/
  has its page, with an "Open in Binder" link to that file and a download link whose file is
  byte for byte the repository's;
- every internal link (href and src) of every page points at a file of the site, and every
  #anchor at an id in that file; every image is a PNG file that exists;
- each lesson page shows as many figures as its notebook has stored, and no widget output is
  left: each is replaced by its static fallback note;
- in Chromium (Playwright, as tests/test_browser.py; skipped without them except on CI) a lesson
  page shows its figures, and its first glossary link leads to the glossary's entry.
"""
from __future__ import annotations

import functools
import importlib.util
import http.server
import re
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("website_build", REPO / "website" / "build.py")
site_build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(site_build)

NOTEBOOKS = sorted(p.relative_to(REPO).as_posix() for folder in site_build.NOTEBOOK_FOLDERS
                   for p in (REPO / folder).glob("*.ipynb"))
MARKDOWN = sorted(p.relative_to(REPO).as_posix() for pattern in site_build.MARKDOWN_PAGES for p in REPO.glob(pattern))
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
ARTIFACTS = REPO / "test-artifacts"


class Page(HTMLParser):
    """The links, image sources and ids of one HTML page."""

    def __init__(self):
        super().__init__()
        self.links, self.images, self.ids = [], [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("img", "script") and attrs.get("src"):
            (self.images if tag == "img" else self.links).append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.links.append(attrs["href"])


@functools.lru_cache(maxsize=None)
def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    done = site_build.build(folder / "html", folder / "source")
    return {"root": folder / "html", "done": done}


def html_page(site, relative: str) -> Path:
    return site["root"] / (relative.rsplit(".", 1)[0] + ".html")


def test_the_site_builds_without_a_warning(site):
    """Warnings are errors: a broken cross-reference, a missing image or a missing anchor stops it."""
    assert site["done"].returncode == 0, (site["done"].stdout + site["done"].stderr)[-4000:]


def test_the_build_command_says_when_binder_links_are_placeholders(monkeypatch, capsys, tmp_path):
    """An instructor who builds the site without naming the repository is told that its Binder links
    are placeholders (Sphinx itself is replaced here: only the message is tested)."""
    import subprocess

    monkeypatch.setattr(site_build, "build", lambda output: subprocess.CompletedProcess([], 0, "", ""))
    monkeypatch.delenv("CABLEKIT_SITE_REPOSITORY", raising=False)
    assert site_build.main([str(tmp_path)]) == 0
    assert "CABLEKIT_SITE_REPOSITORY=owner/name" in capsys.readouterr().out
    monkeypatch.setenv("CABLEKIT_SITE_REPOSITORY", "someone/cable")
    assert site_build.main([str(tmp_path)]) == 0
    assert "placeholder" not in capsys.readouterr().out


@pytest.mark.parametrize("relative", NOTEBOOKS + MARKDOWN)
def test_every_page_links_to_binder_and_to_its_download(site, relative):
    page = html_page(site, relative)
    assert page.exists(), f"no page for {relative}"
    parsed = parse(page)
    assert site_build.binder_url(relative) in parsed.links
    downloads = [link for link in parsed.links if "/_downloads/" in link and link.endswith("/" + Path(relative).name)]
    assert downloads, f"{relative}: no download link"
    assert (page.parent / unquote(downloads[0])).read_bytes() == (REPO / relative).read_bytes()


def test_the_front_page_links_to_binder_and_to_the_whole_collection(site):
    links = parse(site["root"] / "index.html").links
    assert site_build.binder_url("notebooks/00-start-here.ipynb") in links
    assert any(link.endswith("/archive/HEAD.zip") for link in links)
    for relative in NOTEBOOKS + MARKDOWN:  # every page is reachable from the front page
        assert relative.rsplit(".", 1)[0] + ".html" in links, relative


def test_no_broken_internal_link_or_missing_image(site):
    broken = []
    pages = sorted(p for p in site["root"].rglob("*.html") if "_static" not in p.relative_to(site["root"]).parts)
    assert len(pages) >= len(NOTEBOOKS) + len(MARKDOWN)
    for page in pages:
        parsed = parse(page)
        for target in parsed.links + parsed.images:
            parts = urlsplit(target)
            if parts.scheme or target.startswith(("//", "mailto:", "javascript:")):
                continue
            linked = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not linked.exists():
                broken.append(f"{page.relative_to(site['root'])}: {target}")
            elif parts.fragment and linked.suffix == ".html" and parts.fragment not in parse(linked).ids:
                broken.append(f"{page.relative_to(site['root'])}: {target} (no such anchor)")
        for image in parsed.images:
            linked = page.parent / unquote(urlsplit(image).path)
            if linked.exists() and linked.suffix == ".png":
                assert linked.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", image
    assert not broken, "\n".join(broken[:30])


def test_a_broken_link_is_noticed(tmp_path):
    """The control for the check above: a page with a broken link and anchor is reported."""
    (tmp_path / "a.html").write_text('<a href="missing.html">x</a><a href="a.html#nowhere">y</a><p id="here"></p>')
    parsed = parse(tmp_path / "a.html")
    assert parsed.links == ["missing.html", "a.html#nowhere"] and parsed.ids == {"here"}


@pytest.mark.parametrize("relative", [n for n in NOTEBOOKS if n.startswith(("notebooks/", "solutions/"))])
def test_stored_figures_are_shown_and_widgets_fall_back(site, relative):
    notebook = nbformat.read(REPO / relative, as_version=4)
    outputs = [o for cell in notebook.cells for o in cell.get("outputs", [])]
    figures = sum("image/png" in o.get("data", {}) for o in outputs)
    widgets = sum(WIDGET_MIME in o.get("data", {}) for o in outputs)
    html = html_page(site, relative).read_text(encoding="utf-8")
    shown = len(re.findall(r'<img [^>]*src="[^"]*_images/', html))
    assert shown == figures, f"{relative}: {shown} figures on the page, {figures} stored"
    assert html.count('class="widget-fallback"') == widgets
    assert "widget-view+json" not in html and "model_id" not in html
    # each widget's saved snapshot follows the site's note; the notebook's own note ("run this cell") does not
    assert html.count("Below: what it showed when the notebook was saved.") == widgets
    assert "run this cell in JupyterLab" not in html


def test_a_widget_snapshot_is_on_its_lesson_page(site):
    """The keyword-in-context widget's snapshot (the table for "forces") is on lesson 2's page."""
    html = html_page(site, "notebooks/02-word-frequencies.ipynb").read_text(encoding="utf-8")
    note = html.index("Below: what it showed when the notebook was saved.")
    assert "21 matches for &#x27;forces&#x27; (case ignored)." in html[note:note + 2000]


# --------------------------------------------------------------------------- in a real browser
@pytest.fixture(scope="module")
def served(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site["root"]))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def page(served):
    from test_browser import chromium_page

    with chromium_page() as page:
        yield page


def test_a_lesson_page_and_the_glossary_in_a_browser(served, page):
    lesson = "notebooks/02-word-frequencies"
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{served}/{lesson}.html", wait_until="load")
    assert page.locator("h1").first.inner_text().startswith("Lesson 2")
    images = page.locator("main img")
    assert images.count() >= 1
    for index in range(images.count()):
        images.nth(index).scroll_into_view_if_needed()
        assert images.nth(index).evaluate("img => img.complete && img.naturalWidth > 0"), f"image {index} not drawn"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "site-lesson.png"))
    link = page.locator("main a[href*='glossary.html#']").first
    anchor = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_url(f"**/docs/glossary.html#{anchor}")
    assert page.locator("h1").first.inner_text().startswith("Glossary")
    assert page.locator(f"[id='{anchor}']").count() == 1
    page.screenshot(path=str(ARTIFACTS / "site-glossary.png"))
    assert not errors, errors
