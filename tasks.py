#!/usr/bin/env python3
"""Set up the collection and run it, with nothing but Python >= 3.11 installed.

    python3 tasks.py lab        set up, then open JupyterLab at notebooks/00-start-here.ipynb
    python3 tasks.py test       set up, then run every test (the command CI runs)
    python3 tasks.py exercises  regenerate exercises/ from solutions/ (add --check to only report)
    python3 tasks.py outputs    re-execute notebooks/ and solutions/ to refresh stored outputs

"Set up" means: create .venv/ beside this file, install requirements.txt into it (skipped
when requirements.txt and pyproject.toml have not changed since the last install), and
fetch any missing NLTK resources. Every command is safe to re-run.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "requirements.sha256"
START_NOTEBOOK = "notebooks/00-start-here.ipynb"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def requirements_digest() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.txt", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def run(*args: str | Path) -> None:
    result = subprocess.run([str(a) for a in args], cwd=ROOT)
    if result.returncode != 0:
        sys.exit(result.returncode)


def set_up() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}. Install a newer Python and re-run.")
    if not venv_python().exists():
        print("Creating .venv/ ...", flush=True)
        venv.create(VENV, with_pip=True)
    if not STAMP.exists() or STAMP.read_text().strip() != requirements_digest():
        print("Installing requirements.txt into .venv/ (a few minutes the first time) ...", flush=True)
        run(venv_python(), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", "requirements.txt")
        STAMP.write_text(requirements_digest())
    run(venv_python(), "-m", "cablekit", "nltk")


def main(argv: list[str]) -> None:
    command = argv[0] if argv else "help"
    if command == "lab":
        set_up()
        as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []  # e.g. in a container
        run(venv_python(), "-m", "jupyter", "lab", START_NOTEBOOK, *as_root)
    elif command == "test":
        set_up()
        run(venv_python(), "-m", "pytest", *argv[1:])
    elif command == "exercises":
        set_up()
        run(venv_python(), "-m", "cablekit", "exercises", *argv[1:])
    elif command == "outputs":
        set_up()
        run(venv_python(), "-m", "cablekit", "outputs", *argv[1:])
    else:
        print(__doc__)
        sys.exit(0 if command in ("help", "-h", "--help") else 2)


if __name__ == "__main__":
    main(sys.argv[1:])
