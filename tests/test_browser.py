"""The lessons in a real browser: JupyterLab + Debian's Chromium, driven by Playwright.

For each lesson notebook: open it in JupyterLab, Run All (from the Run menu, as a student
would), wait until every cell has run and the kernel is idle, then check that

- no cell shows an error output;
- every figure the stored notebook has is rendered as an image (at least one where it has any);
- every widget the stored notebook has is rendered, and none says "Error displaying widget";
- the first widget answers a student: typing into its text box (or choosing in its drop-down)
  changes what it shows, through the real kernel;

and save a full-page screenshot in test-artifacts/.

The notebooks run in a copy of notebooks/ in a temporary folder, with the stored outputs
cleared so that everything checked comes from this run (cablekit finds data/ from anywhere).
Nothing in the repository can change; a checksum of notebooks/ before and after proves it.
JupyterLab runs from this Python (sys.executable) with its own temporary settings, so the
kernel is this environment's. Without /usr/bin/chromium or the playwright package the test is
skipped with the reason, unless the CI environment variable is set: then it fails.
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("CABLEKIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: Seconds one notebook may take to run in the browser (they take a few seconds each).
RUN_TIMEOUT = 90
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

#: JupyterLab user settings for the test: render every cell (no virtual scrolling), never
#: autosave, fetch no news.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"checkForUpdates": False, "fetchNews": "false"},
}


def _missing_tools() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} not found (install Debian's package: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -r requirements.txt)"
    return None


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _expected(path: Path) -> tuple[int, int]:
    """(figures, widgets) in the notebook's stored outputs."""
    figures = widgets = 0
    for cell in nbformat.read(path, as_version=4).cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            figures += "image/png" in data
            widgets += WIDGET_MIME in data
    return figures, widgets


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a free loopback port with a random token, serving a copy of notebooks/."""
    missing = _missing_tools()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"browser test cannot run on CI: {missing}")
        pytest.skip(f"browser test skipped: {missing}")
    home = tmp_path_factory.mktemp("lab")
    root = home / "root"
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    for copy in (root / "notebooks").glob("*.ipynb"):  # everything checked must come from this run
        notebook = nbformat.read(copy, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        notebook.metadata.pop("widgets", None)
        nbformat.write(notebook, copy)
    settings = home / "settings"
    for name, values in LAB_SETTINGS.items():
        target = settings / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding="utf-8")
    port, token = _free_port(), secrets.token_hex(24)
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTERLAB_SETTINGS_DIR": str(settings),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"), "IPYTHONDIR": str(home / "ipython")}
    env.pop("JUPYTER_PATH", None)  # only this environment's kernel and extensions
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
               "--LabApp.expose_app_in_browser=True", "--ServerApp.open_browser=False"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = (home / "lab.log").open("w")
    server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not start:\n" + (home / "lab.log").read_text()[-2000:])
                time.sleep(0.3)
        with urllib.request.urlopen(f"{base}/api/kernelspecs?token={token}", timeout=10) as answer:
            specs = json.load(answer)
        argv = specs["kernelspecs"][specs["default"]]["spec"]["argv"]
        # "python" in a kernel spec means the server's own interpreter, i.e. sys.executable here
        assert argv[0] in ("python", "python3", sys.executable), f"JupyterLab would start another Python: {argv}"
        yield {"base": base, "token": token, "root": root}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


ALL_CELLS_RUN = """() => {
  // true when every non-empty code cell has run, or as soon as one shows an error
  // (Run All stops there, so the later cells would never run)
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  let allRun = true;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    const json = cell.toJSON();
    if ((json.outputs || []).some(o => o.output_type === 'error')) return true;
    const source = Array.isArray(json.source) ? json.source.join('') : json.source;
    if (json.execution_count === null && source.trim() !== '') allRun = false;
  }
  const busy = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].some(p => p.textContent.includes('*'));
  return allRun && !busy;
}"""

NOTEBOOK_OUTPUTS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.model.cells;
  const found = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    const outputs = cell.toJSON().outputs || [];
    for (const output of outputs) found.push({cell: i, type: output.output_type,
      text: output.output_type === 'error' ? output.ename + ': ' + output.evalue : ''});
  }
  return {kernel: panel.sessionContext.session?.kernel?.status, outputs: found};
}"""


def _use_the_first_widget(page) -> None:
    """Type into the first widget's text box (or pick its drop-down's last choice), as a student
    would, and wait until the kernel's answer changes what the widget shows."""
    form = page.locator(".jp-OutputArea-output .jupyter-widgets.widget-vbox").first
    form.scroll_into_view_if_needed()
    before = form.inner_text()
    box, choice = form.locator("input[type=text]"), form.locator("select")
    if box.count():
        box.first.fill("Moscow")
        box.first.press("Enter")
    elif choice.count():
        options = choice.first.locator("option").all_inner_texts()
        choice.first.select_option(index=len(options) - 1)
    else:
        return
    page.wait_for_function("([form, before]) => form.innerText !== before", arg=[form.element_handle(), before],
                           timeout=20_000)
    assert "Error displaying widget" not in form.inner_text()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_in_jupyterlab(lab, browser, path):
    before = _tree_digest(REPO / "notebooks")
    figures, widgets = _expected(path)
    context = browser.new_context(viewport={"width": 1280, "height": 1100})
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    try:
        url = f"{lab['base']}/lab/workspaces/proof-{path.stem}/tree/notebooks/{path.name}?reset&token={lab['token']}"
        page.goto(url, wait_until="domcontentloaded", timeout=60_000)
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=60_000)
        page.wait_for_function("() => window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel?.status === 'idle'",
                               timeout=60_000)
        # Run All, from the menu bar as a student would
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        page.wait_for_function(ALL_CELLS_RUN, timeout=RUN_TIMEOUT * 1000)
        page.wait_for_function("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'",
                               timeout=RUN_TIMEOUT * 1000)
        page.wait_for_timeout(1000)  # let the last outputs (images, widget views) render
        state = page.evaluate(NOTEBOOK_OUTPUTS)
        errors = [o for o in state["outputs"] if o["type"] == "error"]
        shown_errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']").count()
        images = page.locator(".jp-OutputArea-output img").count()
        widget_views = page.locator(".jp-OutputArea-output .jupyter-widgets").count()
        output_text = page.locator(".jp-Notebook").inner_text()
        if widget_views:
            _use_the_first_widget(page)
        ARTIFACTS.mkdir(exist_ok=True)
        # the notebook scrolls inside JupyterLab: show the first widget (else the first figure)
        for selector in (".jp-OutputArea-output .jupyter-widgets", ".jp-OutputArea-output img"):
            if page.locator(selector).count():
                page.locator(selector).first.scroll_into_view_if_needed()
                break
        page.screenshot(path=str(ARTIFACTS / f"browser-{path.stem}.png"))
        assert not errors and not shown_errors, f"error outputs in {path.name}: {errors}"
        assert images >= figures, f"{path.name}: {images} figures rendered, the stored notebook has {figures}"
        if figures:
            assert images >= 1
        assert "Error displaying widget" not in output_text
        if widgets:
            assert widget_views >= widgets, f"{path.name}: {widget_views} widgets rendered, expected {widgets}"
        assert not problems, problems
    finally:
        try:
            page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
        except Exception:
            pass
        context.close()
    assert _tree_digest(REPO / "notebooks") == before, "running in the browser changed notebooks/"
