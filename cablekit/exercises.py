"""Generate exercises/ from solutions/: the solutions are the only place an exercise is written.

    python -m cablekit exercises           # rewrite exercises/ from solutions/
    python -m cablekit exercises --check   # report stale or missing exercise notebooks, exit 1 if any

Inside a solution cell, the lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION``
(nbgrader's markers) become a stub: ``raise NotImplementedError("write your answer here")``
in code, ``*Your answer here.*`` in Markdown. Outputs, execution counts and widget state go.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

from cablekit.data import REPO_DIR

SOLUTIONS_DIR = REPO_DIR / "solutions"
EXERCISES_DIR = REPO_DIR / "exercises"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
CODE_STUB = 'raise NotImplementedError("write your answer here")'
MARKDOWN_STUB = "*Your answer here.*"
_REGION = re.compile(r"^([ \t]*)### BEGIN SOLUTION[^\n]*\n.*?^[ \t]*### END SOLUTION[^\n]*(\n|$)", re.M | re.S)


def strip_solutions(source: str, cell_type: str) -> str:
    """Replace every solution region in one cell's source with the stub.

    >>> strip_solutions("x = 1\\n### BEGIN SOLUTION\\nanswer = 42\\n### END SOLUTION\\ncheck('q', answer)", "code")
    'x = 1\\nraise NotImplementedError("write your answer here")\\ncheck(\\'q\\', answer)'
    """
    stub = CODE_STUB if cell_type == "code" else MARKDOWN_STUB
    return _REGION.sub(lambda m: f"{m.group(1)}{stub}{m.group(2)}", source)


def exercise_from_solution(solution: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A student's copy of a solution notebook: stubs for answers, no outputs.

    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("### BEGIN SOLUTION\\n1\\n### END SOLUTION")])
    >>> exercise_from_solution(nb).cells[0].source
    'raise NotImplementedError("write your answer here")'
    """
    exercise = nbformat.from_dict(solution)
    exercise.metadata.pop("widgets", None)
    for cell in exercise.cells:
        cell.source = strip_solutions(cell.source, cell.cell_type)
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return exercise


def _render(notebook: nbformat.NotebookNode) -> str:
    return nbformat.writes(notebook) + "\n"


def stale_exercises() -> list[str]:
    """Exercise notebooks that are missing, out of date, or have no solution behind them.

    >>> isinstance(stale_exercises(), list)
    True
    """
    problems = []
    for solution_path in sorted(SOLUTIONS_DIR.glob("*.ipynb")):
        exercise_path = EXERCISES_DIR / solution_path.name
        expected = _render(exercise_from_solution(nbformat.read(solution_path, as_version=4)))
        if not exercise_path.exists():
            problems.append(f"exercises/{solution_path.name} is missing")
        elif exercise_path.read_text(encoding="utf-8") != expected:
            problems.append(f"exercises/{solution_path.name} differs from what solutions/{solution_path.name} generates")
    for exercise_path in sorted(EXERCISES_DIR.glob("*.ipynb")):
        if not (SOLUTIONS_DIR / exercise_path.name).exists():
            problems.append(f"exercises/{exercise_path.name} has no solution notebook")
    return problems


def write_exercises() -> list[str]:
    """Regenerate every exercise notebook from its solution; return the names written.

    >>> write_exercises()  # doctest: +SKIP
    ['01-close-reading.ipynb']
    """
    EXERCISES_DIR.mkdir(exist_ok=True)
    written = []
    for solution_path in sorted(SOLUTIONS_DIR.glob("*.ipynb")):
        exercise = exercise_from_solution(nbformat.read(solution_path, as_version=4))
        target = EXERCISES_DIR / solution_path.name
        text = _render(exercise)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(target.name)
    return written


def main(argv: list[str]) -> int:
    """Command line: ``--check`` reports drift; otherwise regenerate."""
    if "--check" in argv:
        problems = stale_exercises()
        for problem in problems:
            print(problem)
        print("exercises/ is up to date." if not problems else "Run: python -m cablekit exercises")
        return 1 if problems else 0
    written = write_exercises()
    print(f"Wrote {len(written)} exercise notebook(s): {', '.join(written) or 'all were up to date'}.")
    return 0

