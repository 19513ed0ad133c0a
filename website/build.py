"""Build the collection's static site: `python3 tasks.py site` (or, in the environment,
`python website/build.py [OUTPUT]`, default build/site/).

1. Stage the pages into build/site-source/: the lesson, exercise and solution notebooks (found by
   glob, so a new notebook appears by itself), docs/*.md and data/README.md, with website/conf.py
   and website/index.md. The staged copies differ from the repository's files in two ways only:
   - every page gets, under its title, a line with "Open in Binder" and "Download the notebook"
     (or "Download this page" for Markdown pages);
   - every interactive widget output is replaced by its static fallback: a note that the widget
     runs in JupyterLab (a widget cannot run on a static page; nothing is executed here), then
     the snapshot of what it showed that the saved output holds (cablekit.widgets.form).
2. Run Sphinx (MyST-NB, nb_execution_mode "off": the stored outputs are shown as they are) with
   warnings as errors, so a broken cross-reference or a missing image stops the build.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import nbformat

from cablekit.widgets import SNAPSHOT_NOTE

ROOT = Path(__file__).resolve().parent.parent
WEBSITE = ROOT / "website"
STAGE = ROOT / "build" / "site-source"
OUTPUT = ROOT / "build" / "site"
NOTEBOOK_FOLDERS = ("notebooks", "exercises", "solutions")
MARKDOWN_PAGES = ("docs/*.md", "data/README.md")
#: Unchanged copies of the pages, for the download links (not pages themselves)
DOWNLOADS = "_downloads-source"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
#: The repository the Binder links name until CABLEKIT_SITE_REPOSITORY says which (README: the site)
PLACEHOLDER_REPOSITORY = "OWNER/REPOSITORY"
WIDGET_FALLBACK = ("<p class=\"widget-fallback\"><em>An interactive widget appears here when the notebook runs in "
                   "JupyterLab. Use \u201cOpen in Binder\u201d at the top of this page to try it.{saved}</em></p>\n")
#: Added to the note when the saved output holds a snapshot of the widget (cablekit.widgets.form)
SAVED_VIEW = " Below: what it showed when the notebook was saved."


def repository() -> str:
    return os.environ.get("CABLEKIT_SITE_REPOSITORY", PLACEHOLDER_REPOSITORY)


def binder_url(path: str) -> str:
    """The Binder link that opens one file of the collection in JupyterLab.

    >>> binder_url("notebooks/00-start-here.ipynb")
    'https://mybinder.org/v2/gh/OWNER/REPOSITORY/HEAD?urlpath=lab/tree/notebooks/00-start-here.ipynb'
    """
    return f"https://mybinder.org/v2/gh/{repository()}/HEAD?urlpath=lab/tree/{quote(path)}"


def links_line(path: str) -> str:
    """The line under every page's title: open in Binder, download."""
    depth = "../" * path.count("/")
    what = "the notebook" if path.endswith(".ipynb") else "this page (Markdown)"
    download = f"{{download}}`Download {what} <{depth}{DOWNLOADS}/{path}>`"  # Sphinx copies the file into _downloads/
    return f"[Open in Binder]({binder_url(path)}) \u00b7 {download}"


def _under_title(text: str, line: str) -> str:
    title, newline, rest = text.partition("\n")
    return f"{title}\n\n{line}\n{newline}{rest}" if title.startswith("# ") else f"{line}\n\n{text}"


def static_notebook(path: Path, relative: str) -> nbformat.NotebookNode:
    """One notebook as the site shows it: links under the title, widgets as their static fallback,
    and each figure's alt text taken from its "Figure N." caption (the Markdown cell below it)."""
    notebook = nbformat.read(path, as_version=4)
    notebook.metadata.pop("widgets", None)
    for cell, below in zip(notebook.cells, notebook.cells[1:]):
        if any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])) \
                and below.cell_type == "markdown" and below.source.lstrip().startswith(("Figure", "*Figure", "**Figure")):
            caption = " ".join(below.source.split()).strip("*")
            cell.metadata.setdefault("mystnb", {})["image"] = {"alt": caption[:500]}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if WIDGET_MIME in output.get("data", {}):
                snapshot = output["data"].get("text/html", "").replace(SNAPSHOT_NOTE, "", 1)
                note = WIDGET_FALLBACK.format(saved=SAVED_VIEW if snapshot else "")
                output["data"] = {"text/html": note + snapshot, "text/plain": "(interactive widget)"}
    first = next((cell for cell in notebook.cells if cell.cell_type == "markdown"), None)
    if first is not None:
        first.source = _under_title(first.source, links_line(relative))
    return notebook


def stage(target: Path = STAGE) -> list[str]:
    """Copy the pages into ``target`` as the site shows them; return their paths."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copyfile(WEBSITE / "conf.py", target / "conf.py")
    front = (f"[Open in Binder]({binder_url('notebooks/00-start-here.ipynb')}) \u00b7 "
             f"[Download the collection](https://github.com/{repository()}/archive/HEAD.zip)")
    (target / "index.md").write_text(_under_title((WEBSITE / "index.md").read_text(encoding="utf-8"), front),
                                     encoding="utf-8")
    pages = []
    for folder in NOTEBOOK_FOLDERS:
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            relative = f"{folder}/{path.name}"
            (target / folder).mkdir(exist_ok=True)
            nbformat.write(static_notebook(path, relative), target / relative)
            pages.append(relative)
    for pattern in MARKDOWN_PAGES:
        for path in sorted(ROOT.glob(pattern)):
            relative = path.relative_to(ROOT).as_posix()
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            text = path.read_text(encoding="utf-8")
            (target / relative).write_text(_under_title(text, links_line(relative)), encoding="utf-8")
            pages.append(relative)
    for relative in pages:
        (target / DOWNLOADS / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / relative, target / DOWNLOADS / relative)
    return pages


def build(output: Path = OUTPUT, source: Path = STAGE) -> subprocess.CompletedProcess:
    """Stage, then run Sphinx (warnings are errors); the completed process (its output captured)."""
    stage(source)
    shutil.rmtree(output, ignore_errors=True)
    return subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going",
                           "-d", str(source.parent / "site-doctrees"), str(source), str(output)],
                          capture_output=True, text=True)


def main(argv: list[str]) -> int:
    output = Path(argv[0]).resolve() if argv else OUTPUT
    done = build(output)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    if done.returncode == 0:
        shown = output.relative_to(ROOT) if output.is_relative_to(ROOT) else output
        print(f"Built the site: open {shown}/index.html in a browser.")
        if repository() == PLACEHOLDER_REPOSITORY:
            print(f"Its Open in Binder links point at the placeholder {PLACEHOLDER_REPOSITORY}: to publish it, build again "
                  "with CABLEKIT_SITE_REPOSITORY=owner/name (your GitHub repository).")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
