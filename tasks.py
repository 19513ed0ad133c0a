#!/usr/bin/env python3
"""Set up the collection and run it, with nothing but Python >= 3.11 installed.

    python3 tasks.py lab        set up, then open JupyterLab at notebooks/00-start-here.ipynb
    python3 tasks.py test       set up, then run every test (the command CI runs), with data/
                                read-only, then verify data/ against its checksums and that
                                the run wrote nothing into the repository
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


#: Not the repository's content: caches, the environment, test output (see tests/test_proof.py).
NOT_CONTENT = {".git", ".venv", "__pycache__", ".ipynb_checkpoints", ".pytest_cache", "test-artifacts"}


def repository_snapshot() -> dict[str, tuple[int, int]]:
    """relative path -> (size, mtime) of every file in the repository, caches left out."""
    snapshot = {}
    for folder, folders, files in os.walk(ROOT):
        folders[:] = [f for f in folders if f not in NOT_CONTENT and not f.endswith(".egg-info")]
        for name in files:
            stat = os.stat(os.path.join(folder, name))
            snapshot[os.path.relpath(os.path.join(folder, name), ROOT)] = (stat.st_size, stat.st_mtime_ns)
    return snapshot


def test(pytest_args: list[str]) -> int:
    """Run pytest with data/ read-only; then check data/'s checksums and that nothing was written.

    data/ is read-only three ways: its write permission bits are removed (restored afterwards,
    whatever happens), which stops everyone but root; every Python process of the run gets an
    audit hook (tests/guard/sitecustomize.py) that refuses writes there, root included; and
    afterwards the SHA-256 manifest must still match and no file in the repository may have
    been created, deleted or modified.
    """
    data = ROOT / "data"
    paths = [data, *sorted(p for p in data.rglob("*"))]
    modes = {path: path.stat().st_mode for path in paths}
    before = repository_snapshot()
    env = {**os.environ, "CABLEKIT_READ_ONLY_DATA": str(data),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "tests" / "guard"), os.environ.get("PYTHONPATH")]))}
    try:
        for path in paths:
            os.chmod(path, modes[path] & ~0o222)
        code = subprocess.run([str(venv_python()), "-m", "pytest", *pytest_args], cwd=ROOT, env=env).returncode
    finally:
        for path in reversed(paths):
            os.chmod(path, modes[path])
    checksums = subprocess.run([str(venv_python()), "-m", "cablekit", "manifest", "--check"], cwd=ROOT,
                               capture_output=True, text=True)
    if checksums.returncode != 0:
        print("data/ changed during the tests:\n" + checksums.stdout, file=sys.stderr)
        code = code or 1
    after = repository_snapshot()
    changes = ([f"created {p}" for p in sorted(after.keys() - before.keys())]
               + [f"deleted {p}" for p in sorted(before.keys() - after.keys())]
               + [f"modified {p}" for p in sorted(before.keys() & after.keys()) if before[p] != after[p]])
    if changes:
        print("The tests wrote into the repository:\n  " + "\n  ".join(changes), file=sys.stderr)
        code = code or 1
    # silent on success, so that pytest's summary stays the last line of the output
    return code


def main(argv: list[str]) -> None:
    command = argv[0] if argv else "help"
    if command == "lab":
        set_up()
        as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []  # e.g. in a container
        run(venv_python(), "-m", "jupyter", "lab", START_NOTEBOOK, *as_root)
    elif command == "test":
        set_up()
        sys.exit(test(argv[1:]))
    elif command in ("exercises", "outputs"):
        set_up()
        run(venv_python(), "-m", "cablekit", command, *argv[1:])
    else:
        print(__doc__)
        sys.exit(0 if command in ("help", "-h", "--help") else 2)


if __name__ == "__main__":
    main(sys.argv[1:])
