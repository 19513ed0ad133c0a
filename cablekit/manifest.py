"""A SHA-256 manifest of data/, so anyone can tell whether the data were changed.

    python -m cablekit manifest           # rewrite data/MANIFEST.sha256 after a deliberate change
    python -m cablekit manifest --check   # name every file that differs; exit 1 if any

The folder is the data/ that cablekit uses from the working folder (see cablekit.data.data_dir):
run these in the copy you mean. cablekit also checks data/ against this manifest the first time
it loads data in a process (cablekit.data.damage).
"""
from __future__ import annotations

from pathlib import Path

from cablekit.data import DATA_DIR, MANIFEST_NAME, _checksums, _recorded

MANIFEST = DATA_DIR / MANIFEST_NAME


def _data_files(folder: Path, manifest: Path) -> list[str]:
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path != manifest and "__pycache__" not in path.parts
    )


def _current(folder: Path, manifest: Path) -> dict[str, str]:
    return _checksums(folder, _data_files(folder, manifest))


def current_checksums() -> dict[str, str]:
    """SHA-256 of every file in data/ (except the manifest), by relative path.

    >>> "cable.txt" in current_checksums()
    True
    """
    return _current(DATA_DIR, MANIFEST)


def recorded_checksums() -> dict[str, str]:
    """The checksums written in data/MANIFEST.sha256.

    >>> recorded_checksums()["cable.txt"] == current_checksums()["cable.txt"]
    True
    """
    return _recorded(MANIFEST.parent)


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


def write_manifest(folder: Path | None = None) -> None:
    """Record the checksums of data/ (or of another copy's data/ ``folder``) as they are now.

    The format is that of ``sha256sum``.

    >>> write_manifest()  # doctest: +SKIP
    """
    folder, manifest = (DATA_DIR, MANIFEST) if folder is None else (Path(folder), Path(folder) / MANIFEST_NAME)
    lines = [f"{digest}  {name}" for name, digest in _current(folder, manifest).items()]
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    """Command line: ``--check`` verifies; otherwise rewrite the manifest."""
    if "--check" in argv:
        problems = differences()
        print("\n".join(problems) or "data/ matches its manifest.")
        return 1 if problems else 0
    write_manifest()
    print(f"Wrote {MANIFEST.name} for {len(current_checksums())} files.")
    return 0
