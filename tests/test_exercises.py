"""The exercise pipeline: exercises/ is generated from solutions/, leaks nothing, runs, and checks bite.

A fresh exercise notebook, Run All, raises no exception anywhere, and every check cell prints
exactly one line saying its task is not answered yet (the skeleton above each removed solution
region assigns ``...`` to every name a check uses).
"""
import re
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest
from nbclient import NotebookClient

from cablekit.checks import QUESTIONS, _load_all_questions
from cablekit.exercises import BEGIN, END, EXERCISES_DIR, SOLUTIONS_DIR, stale_exercises

SOLUTIONS = sorted(SOLUTIONS_DIR.glob("*.ipynb"))
EXERCISES = sorted(EXERCISES_DIR.glob("*.ipynb"))
CHECK_CALL = re.compile(r"""check\(\s*["']([^"']+)["']""")
ASSIGNED = re.compile(r"^\s*([A-Za-z_]\w*)\s*(?:,\s*[A-Za-z_]\w*\s*)*=(?!=)", re.M)


def solution_regions(notebook):
    for cell in notebook.cells:
        for match in re.finditer(re.escape(BEGIN) + r"(.*?)" + re.escape(END), cell.source, re.S):
            yield cell.cell_type, match.group(1)


def test_there_are_solutions_and_exercises():
    assert SOLUTIONS, "solutions/ has no notebooks"
    assert [p.name for p in EXERCISES] == [p.name for p in SOLUTIONS]


def test_exercises_are_up_to_date():
    assert stale_exercises() == [], "Run: python3 tasks.py exercises"


@pytest.mark.parametrize("solution_path", SOLUTIONS, ids=lambda p: p.name)
def test_no_solution_text_leaks_into_exercises(solution_path):
    solution = nbformat.read(solution_path, as_version=4)
    exercise_text = "\n".join(cell.source for cell in nbformat.read(EXERCISES_DIR / solution_path.name, as_version=4).cells)
    regions = list(solution_regions(solution))
    assert regions, f"{solution_path.name} has no solution regions"
    assert BEGIN not in exercise_text and END not in exercise_text
    for _, region in regions:
        for line in region.splitlines():
            if len(line.strip()) > 12:  # short lines such as "x = 1" may recur legitimately
                assert line.strip() not in exercise_text, f"solution line leaked: {line.strip()!r}"


@pytest.mark.parametrize("solution_path", SOLUTIONS, ids=lambda p: p.name)
def test_markers_are_balanced_and_outside_check_cells(solution_path):
    for cell in nbformat.read(solution_path, as_version=4).cells:
        assert cell.source.count(BEGIN) == cell.source.count(END)
        if CHECK_CALL.search(cell.source):
            assert BEGIN not in cell.source, "keep solution code out of self-check cells"


@pytest.mark.parametrize("solution_path", SOLUTIONS, ids=lambda p: p.name)
def test_every_stored_check_in_a_solution_says_correct(solution_path):
    checks = 0
    for cell in nbformat.read(solution_path, as_version=4).cells:
        if cell.cell_type == "code" and CHECK_CALL.search(cell.source):
            printed = "".join(output.get("text", "") for output in cell.outputs)
            checks += 1
            assert printed.startswith("✅"), f"{cell.source!r} printed {printed!r}"
    assert checks >= 1


def test_every_question_is_used_and_every_check_is_registered():
    _load_all_questions()
    used = set()
    for path in SOLUTIONS:
        for cell in nbformat.read(path, as_version=4).cells:
            used.update(CHECK_CALL.findall(cell.source))
    registered = {qid for qid in QUESTIONS if not qid.startswith("doc-")}
    assert used <= registered, f"checks with no question: {sorted(used - registered)}"
    assert registered <= used, f"questions no solution uses: {sorted(registered - used)}"


@pytest.mark.parametrize("solution_path", SOLUTIONS, ids=lambda p: p.name)
def test_code_regions_sit_at_the_top_level(solution_path):
    """nbgrader removes a region and leaves nothing: inside a block that would be a syntax error."""
    for cell in nbformat.read(solution_path, as_version=4).cells:
        if cell.cell_type == "code":
            for line in cell.source.splitlines():
                if line.strip() in (BEGIN, END):
                    assert line == line.lstrip(), f"indented solution marker in {cell.source[:80]!r}"


def _run_fresh(exercise_path):
    """The exercise notebook after Run All in a fresh kernel of its own, as a student first meets it.
    The kernel is stopped at once afterwards: its outputs are all in, and a graceful exit only costs
    Python half a second of CPU tearing down what the notebook loaded."""
    notebook = nbformat.read(exercise_path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=True, shutdown_kernel="immediate",
                   resources={"metadata": {"path": str(exercise_path.parent)}}).execute()
    return notebook


@pytest.fixture(scope="module")
def fresh_runs() -> dict:
    """Every exercise notebook run fresh (_run_fresh), two at a time, so that one kernel's start-up
    and waits overlap another's work. Each test takes its notebook's result, or its exception."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return {path: pool.submit(_run_fresh, path) for path in EXERCISES}


@pytest.mark.parametrize("exercise_path", EXERCISES, ids=lambda p: p.name)
def test_fresh_exercise_runs_without_errors_and_every_check_says_not_answered(exercise_path, fresh_runs):
    notebook = fresh_runs[exercise_path].result()
    problems = []
    checks = 0
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        texts = [output.get("text", "") for output in cell.outputs if output.output_type == "stream"]
        for output in cell.outputs:
            if output.output_type == "error":
                problems.append(f"cell {index}: {output.ename}: {output.evalue}")
        if any("is not defined yet" in text for text in texts):
            problems.append(f"cell {index}: a name was not defined: {''.join(texts).strip()[:200]}")
        if CHECK_CALL.search(cell.source):
            checks += 1
            lines = [line for text in texts for line in text.splitlines() if line.strip() and "cablekit: warning" not in line]
            if len(lines) != 1 or "not answered yet" not in lines[0]:
                problems.append(f"cell {index} ({cell.source.strip()[:40]}) printed {lines!r}")
    assert checks, "no check cells"
    assert not problems, "\n".join(problems)
