"""`python3 tasks.py lab` serves the whole collection and shows no "Jupyter news" pop-up.

JupyterLab is started with the command tasks.py builds (tasks.lab_command), from this Python's
environment (into which the collection's settings are installed as tasks.py's set-up does), on a
free loopback port with a random token and temporary user settings, serving the repository root.
Its REST API must then list notebooks/, exercises/ and docs/, open an exercise notebook and the
glossary, and send "/" to lesson 0. In Chromium (Playwright, as tests/test_browser.py; skipped
without them except on CI), a lesson's glossary link opens the glossary inside JupyterLab, and no
news question appears in the 2 s after JupyterLab has restored its layout (it asks at once when
it asks at all); the control proves the check can fail: with the setting switched back to
JupyterLab's default ("ask"), the same page does show the question within that same wait.
(For the test only, the server exposes window.jupyterapp, so the page can tell when JupyterLab
has restored and can close its kernels.)
The test writes nothing into the repository: user settings and workspaces live in a temporary folder.
"""
from __future__ import annotations

import json
import re
import secrets
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
import tasks  # noqa: E402
from test_browser import _free_port, running_lab  # noqa: E402

NEWS_QUESTION = "official Jupyter news"
NOTIFICATION_PLUGIN = "@jupyterlab/apputils-extension:notification"


def _get(url: str, **extra) -> tuple[int, dict | str, str]:
    """(status, JSON or text, final URL) of a GET."""
    request = urllib.request.Request(url, **extra)
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:
            body = answer.read().decode("utf-8")
            final = answer.geturl()
            status = answer.status
    except urllib.error.HTTPError as error:
        return error.code, "", url
    except OSError:  # not listening (yet)
        return 0, "", url
    try:
        return status, json.loads(body), final
    except ValueError:
        return status, body, final


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    home = tmp_path_factory.mktemp("lab")
    installed = tasks.install_settings(Path(sys.prefix))  # what set_up does for .venv
    assert [path.read_bytes() for path in installed] == [source.read_bytes() for source in tasks.SETTINGS]
    port, token = _free_port(), secrets.token_hex(24)
    command = tasks.lab_command(python=sys.executable, port=port, token=token, open_browser=False)
    assert f"--ServerApp.root_dir={tasks.ROOT}" in command
    command.append(f"--FileCheckpoints.checkpoint_dir={home / 'checkpoints'}")  # opening a notebook writes no checkpoint into the repository
    command.append("--LabApp.expose_app_in_browser=True")  # window.jupyterapp: the page can tell when JupyterLab has started
    settings = home / "settings" / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"autosave": False}))  # the browser part must never save a notebook
    with running_lab(command, home, port, token, cwd=home) as base:
        yield {"base": base, "token": token, "home": home}


def _contents(lab, path: str) -> tuple[int, dict]:
    status, body, _ = _get(f"{lab['base']}/api/contents/{path}?token={lab['token']}")
    return status, body


def test_lab_serves_the_repository_root(lab):
    status, root = _contents(lab, "")
    assert status == 200
    names = {item["name"] for item in root["content"]}
    assert {"notebooks", "exercises", "solutions", "docs", "data"} <= names, names


def test_lab_lists_every_exercise_notebook_and_opens_one(lab):
    status, listing = _contents(lab, "exercises")
    assert status == 200
    served = sorted(item["name"] for item in listing["content"] if item["name"].endswith(".ipynb"))
    assert served == sorted(p.name for p in (REPO / "exercises").glob("*.ipynb")) != []
    status, notebook = _contents(lab, f"exercises/{served[0]}")
    assert status == 200 and notebook["type"] == "notebook" and notebook["content"]["cells"]


def test_the_glossary_the_lessons_link_to_is_served(lab):
    link = re.search(r"\]\(\.\./(docs/glossary\.md)#[\w-]+\)", (REPO / "notebooks" / "02-word-frequencies.ipynb").read_text())
    assert link, "lesson 2 has no glossary link"
    status, glossary = _contents(lab, link.group(1))
    assert status == 200 and glossary["type"] == "file" and glossary["content"].startswith("# Glossary")


def test_missing_paths_are_not_found(lab):
    """The control for the tests above: the API does answer 404 for what is not there."""
    assert _contents(lab, "exercises/no-such-notebook.ipynb")[0] == 404


def test_the_front_page_opens_lesson_0(lab):
    status, _, final = _get(f"{lab['base']}/?token={lab['token']}")
    assert status == 200 and final.split("?")[0].endswith(f"/lab/tree/{tasks.START_NOTEBOOK}"), final


def test_the_shipped_setting_turns_news_off(lab):
    status, plugin, _ = _get(f"{lab['base']}/lab/api/settings/{NOTIFICATION_PLUGIN}?token={lab['token']}")
    assert status == 200
    # the shipped override changes the default; the (temporary, empty) user settings do not set it
    assert plugin["schema"]["properties"]["fetchNews"]["default"] == "false", plugin["schema"]["properties"]
    assert "fetchNews" not in plugin.get("settings", {})


def test_binder_and_hub_links_serve_the_same_tree():
    """Binder serves the repository root; nbgitpuller's link serves the folder the copy is in:
    both open lesson 0 at notebooks/, with docs/ and exercises/ beside it, as tasks.py lab does."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    binder = re.findall(r"mybinder\.org/v2/gh/[^)\s]*?urlpath=lab/tree/([^)\s&]+)", readme)
    assert binder and all(path.startswith("notebooks/") for path in binder), binder
    assert binder[0] == tasks.START_NOTEBOOK
    for hub in re.findall(r"git-pull\?[^\s)]+", readme):
        target = re.search(r"targetpath=([^&\s]+)", hub).group(1)
        assert f"urlpath=lab/tree/{target}/{tasks.START_NOTEBOOK}" in hub, hub


# --------------------------------------------------------------------------- in a real browser
@pytest.fixture(scope="module")
def page(lab):
    from test_browser import chromium_page

    with chromium_page() as page:
        yield page


#: Milliseconds to look for the news question once JupyterLab has restored its layout. JupyterLab
#: asks it as soon as the layout is restored and the notification settings are loaded: 0.2-0.4 s
#: later on a busy 2-core machine, measured; the control shows it within this same wait.
NEWS_WAIT_MS = 2000


def _open(page, lab, path: str, shown: str = ".jp-NotebookPanel .jp-Notebook .jp-Cell") -> float:
    """Load JupyterLab with ``path`` open, wait until it shows and JupyterLab has restored its layout,
    then NEWS_WAIT_MS more. Returns the milliseconds from the restore to the news question (-1: not asked)."""
    page.goto(f"{lab['base']}/lab/workspaces/lab-test/tree/{path}?reset&token={lab['token']}",
              wait_until="domcontentloaded", timeout=60_000)
    page.wait_for_selector(shown, timeout=60_000)
    page.wait_for_function("() => !!window.jupyterapp", timeout=60_000)
    return page.evaluate("""async ([question, wait]) => {
      await window.jupyterapp.restored;
      const start = performance.now();
      while (performance.now() - start < wait) {
        if (document.body.innerText.includes(question)) return performance.now() - start;
        await new Promise(done => setTimeout(done, 50));
      }
      return -1;
    }""", [NEWS_QUESTION, NEWS_WAIT_MS])


def _close_kernels(page) -> None:
    page.evaluate("() => window.jupyterapp ? Promise.all([...window.jupyterapp.serviceManager.sessions.running()]"
                  ".map(s => window.jupyterapp.serviceManager.sessions.shutdown(s.id))) : null")


def test_no_news_question_and_glossary_links_open_in_jupyterlab(lab, page):
    asked_after = _open(page, lab, "notebooks/02-word-frequencies.ipynb")
    try:
        assert asked_after == -1 and NEWS_QUESTION not in page.locator("body").inner_text()
        link = page.locator(".jp-RenderedMarkdown a[href*='glossary.md']").first
        link.scroll_into_view_if_needed()
        link.click()
        page.wait_for_selector(".lm-TabBar-tab:has-text('glossary.md')", timeout=20_000)
        page.wait_for_selector(".jp-RenderedMarkdown h1:has-text('Glossary')", timeout=20_000)
    finally:
        _close_kernels(page)


def test_control_with_jupyterlabs_default_the_news_question_appears(lab, page):
    """Proves the check above can fail: user setting back to "none" (ask), and the question shows."""
    settings = Path(lab["home"]) / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"fetchNews": "none"}))
    try:
        # the same wait as above, and no longer; the glossary (no kernel to start) in place of a notebook
        asked_after = _open(page, lab, "docs/glossary.md", shown=".jp-FileEditor .cm-content")
        assert asked_after >= 0 and NEWS_QUESTION in page.locator("body").inner_text(), \
            f"no news question within {NEWS_WAIT_MS} ms of JupyterLab's restore: the check above is blind"
    finally:
        _close_kernels(page)
        settings.unlink()
