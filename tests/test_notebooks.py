"""Every notebook follows the collection's shape (CONVENTIONS.md), so students meet the same layout; and
the control for conftest.py's second Run All and hash seed."""
import os
import re
import subprocess
import sys

import nbformat
import pytest

from cablekit import REPO_DIR

LESSONS = sorted((REPO_DIR / "notebooks").glob("*.ipynb"))
SOLUTIONS = sorted((REPO_DIR / "solutions").glob("*.ipynb"))
MACHINE_PATH = re.compile(r"(?<![\w.])/(root|home|tmp|srv|mnt|Users|work)/|[A-Z]:\\\\")


def test_lessons_come_in_order_with_a_solution_each():
    names = [path.name for path in LESSONS]
    assert names == sorted(names) and names[0].startswith("00-")
    assert [p.name for p in SOLUTIONS] == names


@pytest.mark.parametrize("path", LESSONS + SOLUTIONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_opens_with_title_question_and_the_four_facts(path):
    notebook = nbformat.read(path, as_version=4)
    assert notebook.metadata.kernelspec.name == "python3"
    first = notebook.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert re.search(r"(^|\n)\*[^*]+\?\*", first.source), "state the one question the notebook answers, in italics"
    for fact in ("You will learn", "Time:", "Before this:", "Data used:"):
        assert fact in first.source, f"the opening block lacks {fact!r}"
    setup = notebook.cells[1]
    assert setup.cell_type == "code" and "setup_nltk()" in setup.source and "use_theme()" in setup.source


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_ends_with_summary_sources_and_next(path):
    text = "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "markdown")
    assert "## Summary" in text
    assert re.search(r"## Sources", text)
    assert "Try it" in text
    if path != LESSONS[-1]:
        assert "**Next:**" in text


@pytest.mark.parametrize("path", LESSONS + SOLUTIONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_stored_outputs_are_clean(path):
    notebook = nbformat.read(path, as_version=4)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        assert cell.execution_count is not None or not cell.source.strip(), f"cell {index} was never run"
        for output in cell.outputs:
            assert output.output_type != "error", f"cell {index} stored an error"
            text = output.get("text", "") + str(output.get("data", {}).get("text/plain", ""))
            assert not MACHINE_PATH.search(text), f"cell {index} shows a machine path"
            assert "<Axes" not in text and "matplotlib.axes" not in text, f"cell {index} shows an Axes repr: end it with plt.show()"
            assert "image/svg+xml" not in output.get("data", {}), "figures are PNG"


FIGURE_CAPTION = re.compile(r"^\*{0,2}Figure (\d+)\.\*{0,2}\s+(.+)", re.S)


@pytest.mark.parametrize("path", LESSONS + SOLUTIONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_figure_has_a_numbered_caption_directly_below(path):
    """Issue 17 and CONVENTIONS: the Markdown cell right under a figure begins "Figure N.", says what
    the figure shows (the alt text a screen reader reaches, in JupyterLab and on the site) and what
    to notice; figures are numbered 1, 2, 3... in each notebook."""
    cells = nbformat.read(path, as_version=4).cells
    numbers = []
    for index, cell in enumerate(cells):
        figures = sum("image/png" in o.get("data", {}) for o in cell.get("outputs", [])) if cell.cell_type == "code" else 0
        if not figures:
            continue
        below = cells[index + 1] if index + 1 < len(cells) else None
        assert below is not None and below.cell_type == "markdown", f"figure in cell {index}: no Markdown caption directly below"
        caption = FIGURE_CAPTION.match(below.source.strip())
        assert caption, f"figure in cell {index}: the cell below must begin 'Figure N.'"
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", caption.group(2).strip()) if len(s.split()) >= 3]
        assert len(sentences) >= 2, f"figure in cell {index}: say what it shows and what to notice (two sentences at least)"
        numbers.append(int(caption.group(1)))
    assert numbers == list(range(1, len(numbers) + 1)), f"figures are numbered {numbers}; number them 1, 2, 3..."


def test_the_second_run_all_and_the_hash_seed_are_really_checked(tmp_path):
    """The control for conftest.py's two runs: in a folder named notebooks/, a cell whose output
    changes when it runs again must fail its "Run All again" item (and only that item), and the
    kernel must see PYTHONHASHSEED=1 (the stored output "1" is compared by nbval)."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    def stream(text):
        return nbformat.v4.new_output("stream", name="stdout", text=text)

    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import os\nprint(os.environ.get('PYTHONHASHSEED'))", execution_count=1,
                                  outputs=[stream("1\n")]),
        nbformat.v4.new_code_cell("runs = globals().get('runs', 0) + 1\nprint('run', runs)", execution_count=2,
                                  outputs=[stream("run 1\n")]),
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / "control.ipynb")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "conftest", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
         "-rA", "notebooks/control.ipynb"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO_DIR)}, capture_output=True, text=True, timeout=120)
    report = result.stdout
    assert "PASSED notebooks/control.ipynb::Cell 0\n" in report, report[-3000:]
    assert "PASSED notebooks/control.ipynb::Cell 1\n" in report
    assert "PASSED notebooks/control.ipynb::Cell 0, Run All again" in report
    assert "FAILED notebooks/control.ipynb::Cell 1, Run All again" in report
    assert "the second Run All gave other outputs than the first: output 1" in report
    assert "first run \"('stream', 'stdout', 'run 1" in report and "second run \"('stream', 'stdout', 'run 2" in report
    assert "PASSED notebooks/control.ipynb::wrote nothing into the repository" in report
    assert "1 failed, 4 passed" in report
