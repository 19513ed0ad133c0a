"""Benchmark of the notebooks and widgets (a script, not a test: nothing here passes or fails).

Run from the repository root (about two minutes):

    NLTK_DATA=../shared/nltk_data .venv/bin/python benchmarks/bench_notebooks.py

It writes benchmarks/RESULTS.md (and prints it). `--environment-only` measures only item 4 and
rewrites only that section of RESULTS.md (about a minute). Four measurements, against the goals
of issues 8 and 14:

1. Execution time of each notebook in notebooks/ and solutions/, as a ratio to a notebook
   that only runs the same imports and setup (its first code cell, plus every import line of
   the other cells). Both run in a fresh kernel, REPEATS times; the medians are compared.
   "total" counts from starting the kernel to the last cell's end (what `jupyter nbconvert
   --execute` or opening the notebook and pressing Run All costs); "cells" leaves out the
   kernel's start (about a second), so its ratio is the stricter one. Goal: total <= 1.5.
2. Peak memory of the kernel: ru_maxrss (resident set size) read inside the kernel after the
   last cell. Goal: <= 350 MB, so that several notebooks fit in Binder's 2 GB.
3. Latency of every widget callback, called by changing the widget's value in Python, as a
   student's click or typing does (the browser's drawing is not included): median and 95th
   percentile over many calls. Goal: median <= 20 ms, 95th percentile <= 50 ms.

4. Size of the students' environment: a fresh virtual environment with requirements.txt alone
   installed (what `python3 tasks.py lab`, Binder and a hub image install), measured on disk
   (every file, in MiB as `du -sh` counts them; and without Python's bytecode caches, which pip
   writes at install time). Goal: <= 600 MB. (Issue 14 measured 706 MB with the test tools.)

Timings depend on the machine and on what else it is doing; the machine is named in the file.
"""
from __future__ import annotations

import ast
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from cablekit.data import REPO_DIR as REPO
RESULTS = REPO / "benchmarks" / "RESULTS.md"
NOTEBOOKS = sorted([*REPO.glob("notebooks/*.ipynb"), *REPO.glob("solutions/*.ipynb")])
REPEATS = 3
TIME_GOAL, MEMORY_GOAL_MB, MEDIAN_GOAL_MS, P95_GOAL_MS, ENVIRONMENT_GOAL_MB = 1.5, 350, 20.0, 50.0, 600
ENVIRONMENT_START, ENVIRONMENT_END = "<!-- environment -->", "<!-- /environment -->"
PEAK_MEMORY = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"


def setup_only(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The same notebook cut down to its setup cell and the import lines of its other cells."""
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    imports = []
    for cell in code[1:]:
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        imports += [ast.get_source_segment(cell.source, node) for node in tree.body
                    if isinstance(node, (ast.Import, ast.ImportFrom))]
    cells = [nbformat.v4.new_code_cell(code[0].source)]
    if imports:
        cells.append(nbformat.v4.new_code_cell("\n".join(imports)))
    return nbformat.v4.new_notebook(cells=cells, metadata=notebook.metadata)


def run(notebook: nbformat.NotebookNode, folder: Path) -> tuple[float, float, float]:
    """(total seconds, cells seconds, peak kernel memory in MB) for one run in a fresh kernel."""
    notebook = nbformat.from_dict(notebook)
    notebook.cells.append(nbformat.v4.new_code_cell(PEAK_MEMORY))
    client = NotebookClient(notebook, timeout=600, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(folder)}})
    started = time.perf_counter()
    with client.setup_kernel():
        cells_started = time.perf_counter()
        for index, cell in enumerate(notebook.cells[:-1]):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
        finished = time.perf_counter()
        client.execute_cell(notebook.cells[-1], len(notebook.cells) - 1)
    kilobytes = int("".join(o.get("text", "") for o in notebook.cells[-1].outputs).strip())
    return finished - started, finished - cells_started, kilobytes / 1024


def notebook_rows() -> list[dict]:
    rows = []
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        full = [run(notebook, path.parent) for _ in range(REPEATS)]
        base = [run(setup_only(notebook), path.parent) for _ in range(REPEATS)]
        total, cells = statistics.median(r[0] for r in full), statistics.median(r[1] for r in full)
        base_total, base_cells = statistics.median(r[0] for r in base), statistics.median(r[1] for r in base)
        rows.append({"notebook": path.relative_to(REPO).as_posix(), "total": total, "base_total": base_total,
                     "ratio": total / base_total, "cells": cells, "base_cells": base_cells,
                     "cells_ratio": cells / base_cells, "memory": max(r[2] for r in full)})
        print(f"{rows[-1]['notebook']}: {total:.2f} s / {base_total:.2f} s", file=sys.stderr, flush=True)
    return rows


def timed_changes(widget, values: list, repeats: int) -> list[float]:
    """Milliseconds to set ``widget.value`` (which runs the callback), cycling through values."""
    times = []
    for i in range(repeats):
        value = values[i % len(values)]
        if widget.value == value:  # an unchanged value runs no callback
            value = values[(i + 1) % len(values)]
        start = time.perf_counter()
        widget.value = value
        times.append((time.perf_counter() - start) * 1000)
    return times


def widget_rows(repeats: int = 120) -> list[dict]:
    import ipywidgets as widgets

    from cablekit import POINT_ORDER, setup_nltk
    from cablekit.browser import paragraph_browser
    from cablekit.highlight import CATEGORIES, highlighter_widget
    from cablekit.kwic import kwic_widget

    setup_nltk()
    measured = []
    browser = paragraph_browser()
    measured.append(("paragraph_browser: choose a point", timed_changes(browser.children[0], list(POINT_ORDER), repeats)))

    form = kwic_widget()
    query, width, case = form.children[0].children
    queries = ["forces", "servicing population", "the", "Moscow", "VKP(b)", "Taipei", "political consultative meeting",
               "we", "", "[.*", "army"]
    measured.append(("kwic_widget: type a query", timed_changes(query, queries, repeats)))
    measured.append(("kwic_widget: move the width slider", timed_changes(width, list(range(10, 125, 5)), repeats)))
    measured.append(("kwic_widget: tick Match case", timed_changes(case, [True, False], repeats)))

    highlighter = highlighter_widget()
    (point, insertions), chosen = highlighter.children[0].children, highlighter.children[1]
    measured.append(("highlighter_widget: choose a point", timed_changes(point, list(point.options), repeats)))
    subsets = [tuple(CATEGORIES[:k]) for k in range(1, len(CATEGORIES) + 1)] + [()]
    measured.append(("highlighter_widget: choose categories", timed_changes(chosen, subsets, repeats)))
    point.value = "whole cable"
    measured.append(("highlighter_widget: tick the insertions box", timed_changes(insertions, [True, False], repeats)))
    assert isinstance(browser, widgets.VBox)
    rows = []
    for name, times in measured:
        ordered = sorted(times)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        rows.append({"callback": name, "calls": len(times), "median": statistics.median(times), "p95": p95,
                     "max": ordered[-1]})
    return rows


def _megabytes(folder: Path, skip_caches: bool = False) -> float:
    total = 0
    for parent, folders, files in os.walk(folder):
        if skip_caches:
            folders[:] = [f for f in folders if f != "__pycache__"]
        for name in files:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                total += os.stat(path).st_blocks * 512  # on disk, as du counts
    return total / 2**20  # MiB, as `du -sh` reports (the unit of issue 14's 706 and 537 MB)


def environment_size() -> dict:
    """Install requirements.txt alone into a fresh virtual environment; measure it (MB = MiB, as du -sh)."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "students"
        venv.create(target, with_pip=True)
        python = target / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        started = time.perf_counter()
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r",
                        "requirements.txt"], cwd=REPO, check=True)
        seconds = time.perf_counter() - started
        listed = subprocess.run([str(python), "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True,
                                check=True).stdout.split()
        site_packages = next(target.glob("lib/python*/site-packages"), target / "Lib" / "site-packages")
        sizes = sorted(((_megabytes(p), p.name) for p in site_packages.iterdir() if p.is_dir()), reverse=True)
        return {"total": _megabytes(target), "no_caches": _megabytes(target, skip_caches=True), "seconds": seconds,
                "packages": len(listed), "largest": sizes[:6],
                "dev_tools": sorted(n.split("==")[0] for n in listed if re.match(r"(?i)(pytest|nbval|playwright|"
                                                                                    r"sphinx|myst|nbgrader)", n))}


def environment_markdown(size: dict) -> str:
    ok = "yes" if size["total"] <= ENVIRONMENT_GOAL_MB else "**no**"
    largest = ", ".join(f"{name} {mb:.0f}" for mb, name in size["largest"])
    return "\n".join([
        ENVIRONMENT_START,
        f"## The students' environment (goal: <= {ENVIRONMENT_GOAL_MB} MB)",
        "",
        f"A fresh virtual environment with requirements.txt alone (Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d', time.gmtime())}): what `python3 tasks.py lab`, Binder and a hub image install.",
        "",
        "| measure | value | goal |",
        "|---|---:|:-:|",
        f"| size on disk, MB (MiB, as `du -sh` counts) | {size['total']:.0f} | {ok} |",
        f"| without bytecode caches (`__pycache__`), MB | {size['no_caches']:.0f} | |",
        f"| packages installed | {size['packages']} | |",
        f"| install time, s (from a local package index) | {size['seconds']:.0f} | |",
        "",
        f"Largest folders in site-packages (MB): {largest}. Test and authoring tools installed: "
        f"{', '.join(size['dev_tools']) or 'none'} (they are in requirements-dev.txt, which only "
        "`tasks.py test`, `site`, `exercises` and `outputs` add).",
        ENVIRONMENT_END,
    ]) + "\n"


def replace_environment_section(text: str, section: str) -> str:
    """RESULTS.md with its environment section replaced (or appended)."""
    pattern = re.compile(re.escape(ENVIRONMENT_START) + ".*?" + re.escape(ENVIRONMENT_END) + "\n?", re.S)
    return pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section


def markdown(notebooks: list[dict], callbacks: list[dict]) -> str:
    ok = lambda good: "yes" if good else "**no**"  # noqa: E731
    lines = [
        "# Benchmark results",
        "",
        "Written by `benchmarks/bench_notebooks.py` (see its docstring for what is measured and how);",
        "not part of the test suite. Re-run it after a change that could make a notebook slower.",
        "",
        f"Machine: {platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()};"
        f" {time.strftime('%Y-%m-%d', time.gmtime())}. Medians of {REPEATS} runs.",
        "",
        f"## Notebooks (goals: total ratio <= {TIME_GOAL}, peak kernel memory <= {MEMORY_GOAL_MB} MB)",
        "",
        "| notebook | total s | setup-only total s | **ratio** | cells s | setup-only cells s | cells ratio | peak memory MB | time goal | memory goal |",
        "|---|---:|---:|---:|---:|---:|---:|---:|:-:|:-:|",
    ]
    for r in notebooks:
        lines.append(f"| {r['notebook']} | {r['total']:.2f} | {r['base_total']:.2f} | **{r['ratio']:.2f}** | {r['cells']:.2f} |"
                     f" {r['base_cells']:.2f} | {r['cells_ratio']:.2f} | {r['memory']:.0f} | {ok(r['ratio'] <= TIME_GOAL)} |"
                     f" {ok(r['memory'] <= MEMORY_GOAL_MB)} |")
    lines += [
        "",
        f"## Widget callbacks (goals: median <= {MEDIAN_GOAL_MS:.0f} ms, 95th percentile <= {P95_GOAL_MS:.0f} ms)",
        "",
        "| callback | calls | median ms | 95th percentile ms | max ms | goal |",
        "|---|---:|---:|---:|---:|:-:|",
    ]
    for r in callbacks:
        lines.append(f"| {r['callback']} | {r['calls']} | {r['median']:.1f} | {r['p95']:.1f} | {r['max']:.1f} |"
                     f" {ok(r['median'] <= MEDIAN_GOAL_MS and r['p95'] <= P95_GOAL_MS)} |")
    missed = [r["notebook"] for r in notebooks if r["ratio"] > TIME_GOAL or r["memory"] > MEMORY_GOAL_MB]
    missed += [r["callback"] for r in callbacks if r["median"] > MEDIAN_GOAL_MS or r["p95"] > P95_GOAL_MS]
    lines += ["", "Missing a goal: " + (", ".join(missed) if missed else "none") + "."]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    size = environment_size()
    section = environment_markdown(size)
    if "--environment-only" in argv:
        current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
        RESULTS.write_text(replace_environment_section(current, section), encoding="utf-8")
        print(section)
        return 0
    callbacks = widget_rows()
    notebooks = notebook_rows()
    text = replace_environment_section(markdown(notebooks, callbacks), section)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
