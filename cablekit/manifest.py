"""A SHA-256 manifest of data/, so anyone can tell whether the data were changed.

    python -m cablekit manifest           # rewrite data/MANIFEST.sha256 after a deliberate change
    python -m cablekit manifest --check   # name every file that differs; exit 1 if any
"""
from __future__ import annotations

import hashlib
import sys

from cablekit.data import DATA_DIR

MANIFEST = DATA_DIR / "MANIFEST.sha256"


def _data_files() -> list[str]:
    return sorted(
        path.relative_to(DATA_DIR).as_posix()
        for path in DATA_DIR.rglob("*")
        if path.is_file() and path != MANIFEST and "__pycache__" not in path.parts
    )


def current_checksums() -> dict[str, str]:
    """SHA-256 of every file in data/ (except the manifest), by relative path.

    >>> "cable.txt" in current_checksums()
    True
    """
    return {name: hashlib.sha256((DATA_DIR / name).read_bytes()).hexdigest() for name in _data_files()}


def recorded_checksums() -> dict[str, str]:
    """The checksums written in data/MANIFEST.sha256.

    >>> recorded_checksums()["cable.txt"] == current_checksums()["cable.txt"]
    True
    """
    recorded = {}
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        recorded[name.strip()] = digest
    return recorded


def differences() -> list[str]:
    """One line per file that is changed, missing, or not in the manifest.

    >>> isinstance(differences(), list)
    True
    """
    recorded, current = recorded_checksums(), current_checksums()
    problems = [f"data/{name}: changed since the manifest was written" for name in sorted(recorded.keys() & current.keys()) if recorded[name] != current[name]]
    problems += [f"data/{name}: in the manifest but missing" for name in sorted(recorded.keys() - current.keys())]
    problems += [f"data/{name}: not in the manifest" for name in sorted(current.keys() - recorded.keys())]
    return problems


def write_manifest() -> None:
    """Record the checksums of data/ as they are now (format of ``sha256sum``).

    >>> write_manifest()  # doctest: +SKIP
    """
    lines = [f"{digest}  {name}" for name, digest in current_checksums().items()]
    MANIFEST.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    """Command line: ``--check`` verifies; otherwise rewrite the manifest."""
    if "--check" in argv:
        problems = differences()
        print("\n".join(problems) or "data/ matches its manifest.")
        return 1 if problems else 0
    write_manifest()
    print(f"Wrote {MANIFEST.name} for {len(current_checksums())} files.")
    return 0

