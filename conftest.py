"""nbval runs every notebook in notebooks/ and solutions/ twice, in one kernel.

nbval (``--nbval``, set in pyproject.toml) runs a notebook's code cells in one kernel and compares
each cell's outputs with the stored ones: streams, text/plain, text/html and errors, with memory
addresses masked by tests/sanitize.cfg (cells tagged ``nbval-ignore-output`` are run, not compared).
For the lessons and the solutions this file makes that one kernel prove three things:

- **Determinism.** The kernel starts with a fixed ``PYTHONHASHSEED``: 1 for notebooks/, and 0
  (string-hash randomization off) for solutions/. The stored outputs were made under random seeds,
  so nbval's comparison shows that nothing printed depends on the order of a set or of string hashes.
- **Re-running is safe.** After the last cell every code cell runs again in the same kernel (Run All,
  then Run All again, as students do), as items named ``Cell N, Run All again``. Each must raise no
  error and give the same outputs as its first run: every output, figures included, with widget
  model ids and memory addresses masked (execution counts are not compared).
- **Notebooks write nothing.** A last item compares the repository's files (names, sizes,
  modification times; caches and test output aside, as ``tasks.py test`` does for the whole suite)
  before the first cell and after the second run.

Other notebooks (a notebook in tests' temporary folders, say) get plain nbval.
"""
from __future__ import annotations

import os
import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from nbval.plugin import IPyNbCell, IPyNbFile

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
from tasks import repository_snapshot, snapshot_changes  # noqa: E402  (one definition of "the repository's files")

#: The folders whose notebooks run twice (by name, so that tests/test_notebooks.py's control can
#: make one), and the hash seed each runs under.
SEEDS = {"notebooks": "1", "solutions": "0"}
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
MODEL_ID = re.compile(r"\b[0-9a-f]{32}\b")


def comparable(outputs) -> list:
    """A cell's outputs as compared between two runs: every kind and MIME type, with memory
    addresses and widget model ids masked, and a print that arrived in pieces joined."""
    kept = []
    for output in outputs:
        kind = output["output_type"]
        if kind == "stream":
            text = ADDRESS.sub("0xADDRESS", output["text"])
            if kept and kept[-1][:2] == ("stream", output["name"]):
                kept[-1] = ("stream", output["name"], kept[-1][2] + text)
            else:
                kept.append(("stream", output["name"], text))
        elif kind == "error":
            kept.append(("error", output["ename"], output["evalue"]))
        elif kind in ("execute_result", "display_data"):
            data = output.get("data", {})
            parts = {mime: MODEL_ID.sub("MODEL", ADDRESS.sub("0xADDRESS", str(value)))
                     for mime, value in data.items() if mime != WIDGET_MIME}
            if WIDGET_MIME in data:
                parts[WIDGET_MIME] = "a widget view"
            kept.append((kind, sorted(parts.items())))
    return kept


def _first_difference(first: list, again: list) -> str:
    """Where two comparable output lists first differ, in words (long values cut to 200 characters)."""
    if len(first) != len(again):
        return f"{len(first)} outputs on the first run, {len(again)} on the second"
    for number, (one, two) in enumerate(zip(first, again), start=1):
        if one != two:
            if one[0] == two[0] and one[0] in ("execute_result", "display_data"):
                one, two = dict(one[1]), dict(two[1])
                mime = next((m for m in sorted(one.keys() | two.keys()) if one.get(m) != two.get(m)))
                return (f"output {number}, {mime}: first run {str(one.get(mime))[:200]!r}, "
                        f"second run {str(two.get(mime))[:200]!r}")
            return f"output {number}: first run {str(one)[:200]!r}, second run {str(two)[:200]!r}"
    return "no difference"


class RunAllAgain(IPyNbCell):
    """A code cell run a second time in the same kernel; compared with its own first run."""

    def __init__(self, *, first: IPyNbCell, **kwargs):
        super().__init__(**kwargs)
        self.first = first
        self.options = defaultdict(bool, self.options, check=True)  # every cell, nbval-ignore-output ones too

    def compare_outputs(self, test, ref, skip_compare=None) -> bool:
        first, again = comparable(getattr(self.first, "test_outputs", [])), comparable(test)
        if first == again:
            return True
        self.comparison_traceback = [f"the second Run All gave other outputs than the first: "
                                     f"{_first_difference(first, again)}"]
        return False


class WroteNothing(pytest.Item):
    """The last item of a notebook: its two runs created, changed or deleted no file of the repository."""

    def runtest(self) -> None:
        changes = snapshot_changes(self.parent.files_before, repository_snapshot())
        assert not changes, f"running {self.parent.path.name} wrote into the repository: {changes[:5]}"

    def reportinfo(self):
        return self.path, None, f"{self.parent.path.name}: {self.name}"


class RunAllTwice(IPyNbFile):
    """nbval's notebook, run under a fixed hash seed, then run again, then checked for writes."""

    def setup(self) -> None:
        self.files_before = repository_snapshot()
        seed, earlier = SEEDS[self.path.parent.name], os.environ.get("PYTHONHASHSEED")
        os.environ["PYTHONHASHSEED"] = seed  # the kernel nbval starts inherits this process's environment
        try:
            super().setup()
        finally:
            if earlier is None:
                del os.environ["PYTHONHASHSEED"]
            else:
                os.environ["PYTHONHASHSEED"] = earlier

    def collect(self):
        first_run = list(super().collect())
        yield from first_run
        for cell in first_run:
            yield RunAllAgain.from_parent(self, name=f"{cell.name}, Run All again", first=cell,
                                          cell_num=cell.cell_num, cell=cell.cell, options=cell.options)
        yield WroteNothing.from_parent(self, name="wrote nothing into the repository")


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path, parent):
    """Give nbval's notebooks in notebooks/ and solutions/ the two runs described above."""
    collected = yield
    if file_path.parent.name not in SEEDS:
        return collected
    return [RunAllTwice.from_parent(parent, path=file_path) if type(node) is IPyNbFile else node
            for node in collected]


#: The test modules that take longest, most of it waiting for servers, kernels and a browser, in the
#: order they start. pytest-xdist (``--dist loadscope --no-loadscope-reorder``) gives each worker the
#: next module, or notebook, as it finishes one. The longest go first; then the notebooks (a few
#: seconds each, and not all of it CPU); the short, CPU-bound unit tests last, so that both cores
#: stay busy to the end, instead of one waiting while the other runs a long module that started late.
RUN_FIRST = ["tests/test_browser.py", "tests/test_hub.py", "tests/test_exercises.py", "tests/test_lab.py",
             "tests/test_site.py", "tests/test_hostile_inputs.py", "tests/test_grading.py"]


def pytest_collection_modifyitems(items):
    """Order the modules as RUN_FIRST says, then notebooks/ and solutions/, then the rest; within
    each group, pytest's order. A module renamed without RUN_FIRST would silently lose its place."""
    missing = [module for module in RUN_FIRST if not (ROOT / module).exists()]
    if missing:
        raise pytest.UsageError(f"conftest.py's RUN_FIRST names modules that do not exist: {missing}")
    def rank(item) -> int:
        module = item.nodeid.split("::")[0]
        if module in RUN_FIRST:
            return RUN_FIRST.index(module)
        return len(RUN_FIRST) + (0 if module.split("/")[0] in SEEDS else 1)
    items.sort(key=rank)
