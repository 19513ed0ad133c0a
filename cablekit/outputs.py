"""Regenerate the stored outputs by executing notebooks, never by editing JSON.

    python -m cablekit outputs                       # every notebook in notebooks/ and solutions/
    python -m cablekit outputs solutions/00-start-here.ipynb   # just the ones named

Each notebook runs in its own folder with a fresh kernel, as nbval will run it;
afterwards exercises/ is regenerated from solutions/ (refusing, as ``python -m cablekit
exercises`` does, to overwrite an exercise notebook edited by hand).
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from cablekit.data import REPO_DIR
from cablekit.exercises import ModifiedExerciseError, write_exercises


def execute_in_place(path: Path, timeout: int = 300) -> None:
    """Run one notebook top to bottom and save it with its outputs.

    >>> execute_in_place(REPO_DIR / "notebooks" / "00-start-here.ipynb")  # doctest: +SKIP
    """
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)  # timings change on every run
    nbformat.write(notebook, path)


def main(argv: list[str]) -> int:
    """Command line: execute the named notebooks, or all of them."""
    paths = [Path(arg).resolve() for arg in argv] or sorted(
        [*REPO_DIR.glob("notebooks/*.ipynb"), *REPO_DIR.glob("solutions/*.ipynb")]
    )
    for path in paths:
        print(f"executing {path.relative_to(REPO_DIR)}", flush=True)
        execute_in_place(path)
    try:
        print(f"Regenerated exercises: {', '.join(write_exercises()) or 'none changed'}.")
    except ModifiedExerciseError as refusal:  # an exercise notebook was edited by hand: never overwrite it silently
        print(refusal, file=sys.stderr)
        return 1
    return 0

