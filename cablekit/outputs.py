"""Regenerate the stored outputs by executing notebooks, never by editing JSON.

    python3 tasks.py outputs                                  # every notebook in notebooks/ and solutions/
    python3 tasks.py outputs solutions/00-start-here.ipynb   # just the ones named (a subset)

(``python -m cablekit outputs ...`` is the same command inside the environment.)

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
from cablekit.errors import CableKitError
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


def notebooks_to_run(names: list[str]) -> list[Path]:
    """The notebooks named (paths from the current folder), or every one in notebooks/ and solutions/.

    Raises ``CableKitError`` (one line) for a name that is not a notebook file.

    >>> [p.name for p in notebooks_to_run([str(REPO_DIR / "solutions" / "00-start-here.ipynb")])]
    ['00-start-here.ipynb']
    >>> notebooks_to_run(["--help"])
    Traceback (most recent call last):
    cablekit.errors.CableKitError: --help is not a notebook file; name notebooks like notebooks/01-close-reading.ipynb.
    """
    if not names:
        return sorted([*REPO_DIR.glob("notebooks/*.ipynb"), *REPO_DIR.glob("solutions/*.ipynb")])
    paths = []
    for name in names:
        path = Path(name).resolve()
        if path.suffix != ".ipynb" or not path.is_file():
            raise CableKitError(f"{name} is not a notebook file; name notebooks like notebooks/01-close-reading.ipynb.")
        paths.append(path)
    return paths


def main(argv: list[str]) -> int:
    """Command line: execute the named notebooks, or all of them; then regenerate exercises/."""
    try:
        paths = notebooks_to_run(argv)
    except CableKitError as problem:
        print(problem, file=sys.stderr)
        return 2
    for path in paths:
        shown = path.relative_to(REPO_DIR) if path.is_relative_to(REPO_DIR) else path.name
        print(f"executing {shown}", flush=True)
        execute_in_place(path)
    try:
        print(f"Regenerated exercises: {', '.join(write_exercises()) or 'none changed'}.")
    except ModifiedExerciseError as refusal:  # an exercise notebook was edited by hand: never overwrite it silently
        print(refusal, file=sys.stderr)
        return 1
    return 0
