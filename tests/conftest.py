"""Shared test setup: NLTK must find its data before any test uses it, and xdist groups.

The suite runs on two cores with ``--dist loadgroup`` (pyproject.toml). Tests that share a
costly resource stay in one worker: every cell of one notebook under nbval (one kernel), every
test of a module with module-scoped fixtures (a JupyterLab, a hub, a site build), and the
determinism runs of one notebook in tests/test_proof.py. Everything else is spread one test at a
time, so the two workers finish together.
"""
import pytest

from cablekit import setup_nltk

#: Modules whose tests share a module-scoped fixture (a server, a build): one worker each.
SHARED_FIXTURE_MODULES = {"test_browser.py", "test_grading.py", "test_hub.py", "test_lab.py", "test_site.py",
                          "test_lesson02b.py", "test_lesson03.py", "test_lesson04.py"}


@pytest.fixture(scope="session", autouse=True)
def nltk_ready():
    setup_nltk()


def pytest_configure(config):
    config.addinivalue_line("markers", "xdist_group(name): keep these tests in one xdist worker")


def _group(item) -> str | None:
    path = item.path
    if path.suffix == ".ipynb":
        return f"nbval:{path.parent.name}/{path.name}"
    if path.name in SHARED_FIXTURE_MODULES:
        return f"module:{path.name}"
    if path.name == "test_proof.py" and hasattr(item, "callspec"):
        notebook = next((value for value in item.callspec.params.values() if hasattr(value, "name")), None)
        return f"proof:{notebook.parent.name}/{notebook.name}" if notebook is not None else "module:test_proof.py"
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        group = _group(item)
        if group:
            item.add_marker(pytest.mark.xdist_group(name=group))
