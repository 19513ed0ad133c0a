"""Determinism, idempotency and "notebooks write nothing", with one kernel per notebook.

Every notebook in notebooks/ and solutions/ runs in one fresh kernel started with a fixed
PYTHONHASHSEED (1 for notebooks/; 0, hash randomization off, for solutions/; the stored outputs
were made, and nbval re-checks them, under random seeds). In that kernel the notebook runs top
to bottom twice, as a student who presses Run All again:

- determinism: the first run's outputs equal the stored ones (the parts nbval compares:
  streams, text/plain, text/html, text/markdown, errors; cells tagged nbval-ignore-output
  skipped; memory addresses masked as tests/sanitize.cfg does). Different string-hash orders
  giving the same outputs show that nothing printed depends on set or dict-of-set order.
- idempotency: no error in either run, and every cell's second-run outputs equal its first
  (figures included; widget model ids and execution counts ignored).
- data safety: the repository's files (names, sizes, modification times) are the same before
  and after the runs, except caches, so no notebook writes anywhere in the repository.

So the exercises' answers are shown to be the same with hash randomization off and under the
random seeds. (An extra run of solutions/ under a third seed was dropped to keep the suite within
two minutes: it added about 17 s of CPU and no kind of evidence these runs lack.)
"""
from __future__ import annotations

import copy
import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted([*REPO.glob("notebooks/*.ipynb"), *REPO.glob("solutions/*.ipynb")])
SEEDS = {"notebooks": "1", "solutions": "0"}
COMPARED = ("text/plain", "text/html", "text/markdown")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
MODEL_ID = re.compile(r"\b[0-9a-f]{32}\b")
#: Not part of the repository's content: caches, the virtual environment, test output.
IGNORED_PARTS = {".git", ".venv", ".venv-grading", ".venv-hub", "__pycache__", ".ipynb_checkpoints", ".pytest_cache",
                 "test-artifacts", "build"}


def repository_snapshot(root: Path = REPO) -> dict[str, tuple[int, int]]:
    """relative path -> (size, mtime in ns) for every file of the repository (caches left out)."""
    snapshot = {}
    for folder, folders, files in os.walk(root):
        folders[:] = [f for f in folders if f not in IGNORED_PARTS and not f.endswith(".egg-info")]
        for name in files:
            path = Path(folder, name)
            stat = path.stat()
            snapshot[path.relative_to(root).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return snapshot


def snapshot_changes(before: dict, after: dict) -> list[str]:
    """One line per file created, deleted or modified between two snapshots."""
    return ([f"created {p}" for p in sorted(after.keys() - before.keys())]
            + [f"deleted {p}" for p in sorted(before.keys() - after.keys())]
            + [f"modified {p}" for p in sorted(before.keys() & after.keys()) if before[p] != after[p]])


def _ignored(cell) -> bool:
    tags = cell.metadata.get("tags", [])
    return "nbval-ignore-output" in tags or "nbval-skip" in tags


def comparable(outputs, everything: bool = False) -> list:
    """What of a cell's outputs is compared: nbval's text parts, or (everything) all but widget ids."""
    kept = []
    for output in outputs:
        kind = output["output_type"]
        if kind == "stream":
            text = ADDRESS.sub("0xADDRESS", output["text"])
            if kept and kept[-1][0] == output["name"]:  # one print may arrive in pieces: join them, as nbval does
                kept[-1] = (output["name"], kept[-1][1] + text)
            else:
                kept.append((output["name"], text))
        elif kind == "error":
            kept.append(("error", output["ename"], output["evalue"]))
        elif kind in ("execute_result", "display_data"):
            data = output.get("data", {})
            if everything:
                parts = {mime: value for mime, value in data.items() if mime != WIDGET_MIME}
                if WIDGET_MIME in data:
                    parts[WIDGET_MIME] = "widget view"
                parts = {mime: MODEL_ID.sub("MODEL", ADDRESS.sub("0xADDRESS", str(v))) for mime, v in parts.items()}
            else:
                parts = {mime: ADDRESS.sub("0xADDRESS", str(data[mime])) for mime in COMPARED if mime in data}
            kept.append((kind, sorted(parts.items())))
    return kept


def run_all(path: Path, seed: str, times: int = 2) -> list[list]:
    """Run All ``times`` times in one kernel (PYTHONHASHSEED=seed); the outputs of each run, per cell."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    runs = []
    with client.setup_kernel(env={**os.environ, "PYTHONHASHSEED": seed}):
        for _ in range(times):
            for index, cell in enumerate(notebook.cells):
                if cell.cell_type == "code":
                    client.execute_cell(cell, index)
            runs.append([copy.deepcopy(cell.outputs) if cell.cell_type == "code" else None for cell in notebook.cells])
    return runs


def check_same_outputs_and_second_run_all(path: Path) -> None:
    """Run one notebook twice in one kernel (see the module docstring) and compare."""
    stored = nbformat.read(path, as_version=4)
    before = repository_snapshot()
    first, second = run_all(path, SEEDS[path.parent.name])
    changes = snapshot_changes(before, repository_snapshot())
    assert not changes, f"running {path.name} wrote into the repository: {changes[:5]}"
    for index, cell in enumerate(stored.cells):
        if cell.cell_type != "code":
            continue
        where = f"{path.parent.name}/{path.name} cell {index} ({cell.source.splitlines()[0][:60] if cell.source else ''!r})"
        for run, outputs in (("first", first[index]), ("second", second[index])):
            errors = [f"{o['ename']}: {o['evalue']}" for o in outputs if o["output_type"] == "error"]
            assert not errors, f"{where}: error on the {run} Run All: {errors}"
        if not _ignored(cell):
            assert comparable(first[index]) == comparable(cell.outputs), \
                f"{where}: outputs under PYTHONHASHSEED={SEEDS[path.parent.name]} differ from the stored ones"
        assert comparable(second[index], everything=True) == comparable(first[index], everything=True), \
            f"{where}: the second Run All gives different outputs"


# solutions/ run in tests/test_proof_solutions.py: xdist (--dist loadscope) gives each module to one
# worker, so the lessons' runs and the solutions' runs go side by side on the two cores.
@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.parent.name == "notebooks"], ids=lambda p: p.name)
def test_same_outputs_under_another_hash_seed_and_on_a_second_run_all(path):
    check_same_outputs_and_second_run_all(path)


def test_data_is_read_only_while_the_suite_runs(tmp_path):
    """Under `python3 tasks.py test` (and so on CI) nothing may write into data/, root included."""
    if not os.environ.get("CABLEKIT_READ_ONLY_DATA"):  # .ci/run uses tasks.py, so CI always checks this
        pytest.skip("data/ is made read-only by `python3 tasks.py test`; plain pytest leaves it writable")
    data = Path(os.environ["CABLEKIT_READ_ONLY_DATA"])
    assert data.resolve() == (REPO / "data").resolve()
    for attempt in (lambda: open(data / "cable.txt", "a"), lambda: (data / "new-file.txt").write_text("x"),
                    lambda: os.rename(data / "cable.txt", tmp_path / "moved.txt")):
        with pytest.raises(PermissionError):
            attempt()
    assert not (data / "new-file.txt").exists() and (data / "cable.txt").exists()
