#!/usr/bin/env python3
"""Set up the collection and run it, with nothing but Python >= 3.11 installed.

    python3 tasks.py lab        set up, then open JupyterLab at notebooks/00-start-here.ipynb
                                (it serves the whole collection: notebooks/, exercises/, docs/ ...)
    python3 tasks.py test       set up for development, then run every test (the command CI runs),
                                with data/ read-only, then verify data/ against its checksums and
                                that the run wrote nothing into the repository
    python3 tasks.py site       build the static site from the stored outputs into build/site/
    python3 tasks.py exercises  regenerate exercises/ from solutions/ (--check: only report;
                                --force: even hand-edited ones, keeping a backup)
    python3 tasks.py outputs    re-execute notebooks (all, or the ones named) to refresh stored outputs
    python3 tasks.py rubrics    rewrite docs/rubrics.md from solutions/ (--check: only report)
    python3 tasks.py manifest   rewrite data/MANIFEST.sha256 after changing data/ (--check: verify)
    python3 tasks.py setup      only set up (--dev: the test tools too; --all: also the grading
                                environment, .venv-grading/, and the hub's, .venv-hub/, as CI does)

"Set up" means: create .venv/ beside this file; install requirements.txt into it (what the
notebooks need, and all a student gets) and, for test, site, exercises and outputs, also
requirements-dev.txt (the test and authoring tools); ship the collection's JupyterLab settings
(jupyterlab-settings/overrides.d/cablekit.json) and kernel settings (ipython-settings/ipython_kernel_config.py)
into the environment; fetch any missing NLTK resources.
Each requirements file is installed again only when it (or pyproject.toml) has changed since
its last install. Every command is safe to re-run.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
START_NOTEBOOK = "notebooks/00-start-here.ipynb"
RUNTIME, DEV, GRADING, HUB = "requirements.txt", "requirements-dev.txt", "requirements-grading.txt", "requirements-hub.txt"
#: Environments of their own (never the students'): name -> (folder, requirements file)
OTHER_ENVIRONMENTS = {"grading": (ROOT / ".venv-grading", GRADING), "hub": (ROOT / ".venv-hub", HUB)}
LAB_SETTINGS = ROOT / "jupyterlab-settings" / "overrides.d" / "cablekit.json"
KERNEL_SETTINGS = ROOT / "ipython-settings" / "ipython_kernel_config.py"
#: The settings files shipped into an environment: file in the repository -> where, under the environment's prefix
SETTINGS = {LAB_SETTINGS: Path("share/jupyter/lab/settings/overrides.d/cablekit.json"),
            KERNEL_SETTINGS: Path("etc/ipython/ipython_kernel_config.py")}
SITE_DIR = ROOT / "build" / "site"
_INCLUDE = re.compile(r"^\s*-r\s+(\S+)", re.M)


def venv_python(folder: Path = VENV) -> Path:
    return folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def requirements_digest(name: str) -> str:
    """SHA-256 of a requirements file, the files it includes (-r) and pyproject.toml (for `-e .`)."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    seen, queue = set(), [name]
    while queue:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        text = (ROOT / current).read_text(encoding="utf-8")
        digest.update(current.encode() + b"\0" + text.encode())
        queue += _INCLUDE.findall(text)
    return digest.hexdigest()


def _stamp(folder: Path, name: str) -> Path:
    return folder / "cablekit-stamps" / f"{name}.sha256"


def run(*args: str | Path, env: dict | None = None) -> None:
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env)
    if result.returncode != 0:
        sys.exit(result.returncode)


def install(folder: Path, names: list[str]) -> None:
    """Create the environment in ``folder`` if needed; install the requirements files that changed.

    All of ``names`` go to pip together (so that it resolves them as one set) whenever any of them
    changed since its last install here; each file's digest is then stamped in the environment.
    """
    if not venv_python(folder).exists():
        print(f"Creating {folder.name}/ ...", flush=True)
        venv.create(folder, with_pip=True)
    changed = [n for n in names if not _stamp(folder, n).exists()
               or _stamp(folder, n).read_text().strip() != requirements_digest(n)]
    if not changed:
        return
    print(f"Installing {' and '.join(names)} into {folder.name}/ (a few minutes the first time) ...", flush=True)
    requirements = [arg for name in names for arg in ("-r", name)]
    run(venv_python(folder), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *requirements)
    for name in names:
        _stamp(folder, name).parent.mkdir(exist_ok=True)
        _stamp(folder, name).write_text(requirements_digest(name))


def install_settings(prefix: Path) -> list[Path]:
    """Ship SETTINGS into an environment, where every JupyterLab started from it reads the lab settings
    (no news pop-up) and every kernel the kernel settings (a one-line NameError hint from the start).
    postBuild does the same on Binder. Returns the installed files."""
    installed = []
    for source, place in SETTINGS.items():
        target = prefix / place
        if not target.exists() or target.read_bytes() != source.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        installed.append(target)
    return installed


def set_up(dev: bool = False, nltk: bool = True) -> None:
    """The students' environment (requirements.txt); with ``dev`` also the tools (requirements-dev.txt);
    with ``nltk`` fetch the missing NLTK resources (the exercise generator works without them)."""
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}. Install a newer Python and re-run.")
    install(VENV, [RUNTIME, DEV] if dev else [RUNTIME])
    install_settings(VENV)
    if nltk:
        run(venv_python(), "-m", "cablekit", "nltk")


def set_up_other(name: str) -> Path | None:
    """The grading or hub environment, if its requirements file exists; its folder, or None."""
    folder, requirements = OTHER_ENVIRONMENTS[name]
    if not (ROOT / requirements).exists():
        return None
    install(folder, [requirements])
    return folder


def lab_command(python: Path | str | None = None, port: int | None = None, token: str | None = None,
                open_browser: bool = True) -> list[str]:
    """The command `tasks.py lab` runs: JupyterLab serving the repository root, opening lesson 0.

    Serving the root (not notebooks/) puts exercises/, solutions/ and docs/ in reach, so the
    lessons' ``../docs/glossary.md`` links work; Binder and the nbgitpuller links serve the same tree.
    """
    command = [str(python or venv_python()), "-m", "jupyter", "lab", f"--ServerApp.root_dir={ROOT}",
               f"--LabApp.default_url=/lab/tree/{START_NOTEBOOK}"]
    if port is not None:
        command += [f"--port={port}", "--ServerApp.port_retries=0", "--ip=127.0.0.1"]
    if token is not None:
        command.append(f"--IdentityProvider.token={token}")
    if not open_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # e.g. in a container
        command.append("--allow-root")
    return command


#: Not the repository's content: caches, the environments, test and build output (conftest.py uses it too).
NOT_CONTENT = {".git", ".venv", ".venv-grading", ".venv-hub", "__pycache__", ".ipynb_checkpoints", ".pytest_cache",
               "test-artifacts", "build"}


def repository_snapshot() -> dict[str, tuple[int, int]]:
    """relative path -> (size, mtime) of every file in the repository, caches left out."""
    snapshot = {}
    for folder, folders, files in os.walk(ROOT):
        folders[:] = [f for f in folders if f not in NOT_CONTENT and not f.endswith(".egg-info")]
        for name in files:
            stat = os.stat(os.path.join(folder, name))
            snapshot[os.path.relpath(os.path.join(folder, name), ROOT)] = (stat.st_size, stat.st_mtime_ns)
    return snapshot


def snapshot_changes(before: dict, after: dict) -> list[str]:
    """One line per file created, deleted or modified between two repository snapshots."""
    return ([f"created {p}" for p in sorted(after.keys() - before.keys())]
            + [f"deleted {p}" for p in sorted(before.keys() - after.keys())]
            + [f"modified {p}" for p in sorted(before.keys() & after.keys()) if before[p] != after[p]])


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
    changes = snapshot_changes(before, repository_snapshot())
    if changes:
        print("The tests wrote into the repository:\n  " + "\n  ".join(changes), file=sys.stderr)
        code = code or 1
    # silent on success, so that pytest's summary stays the last line of the output
    return code


def build_site() -> int:
    """Build the static site from the stored outputs (nothing is executed) into build/site/ (website/build.py)."""
    return subprocess.run([str(venv_python()), str(ROOT / "website" / "build.py"), str(SITE_DIR)], cwd=ROOT).returncode


#: Maintainers' commands of `python -m cablekit` that tasks.py runs in the environment
CABLEKIT_COMMANDS = ("exercises", "outputs", "rubrics", "manifest")


def parser() -> argparse.ArgumentParser:
    commands = argparse.ArgumentParser(prog="python3 tasks.py", description=__doc__.split("\n\n")[0],
                                       formatter_class=argparse.RawDescriptionHelpFormatter,
                                       epilog=__doc__[__doc__.index('"Set up" means'):])
    sub = commands.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("lab", help="set up, then open JupyterLab at notebooks/00-start-here.ipynb")
    sub.add_parser("test", help="set up for development, then run every test; extra arguments go to pytest",
                   add_help=False)
    sub.add_parser("site", help="build the static site into build/site/")
    sub.add_parser("exercises", help="regenerate exercises/ from solutions/ (see: python3 tasks.py exercises --help)",
                   add_help=False)
    sub.add_parser("outputs", help="re-execute notebooks to refresh their stored outputs (see --help)", add_help=False)
    sub.add_parser("rubrics", help="rewrite docs/rubrics.md from solutions/ (see --help)", add_help=False)
    sub.add_parser("manifest", help="rewrite data/MANIFEST.sha256 (see --help)", add_help=False)
    setup = sub.add_parser("setup", help="only set up")
    setup.add_argument("--dev", action="store_true", help="also the test and authoring tools (requirements-dev.txt)")
    setup.add_argument("--all", action="store_true", help="also the grading and hub environments, as CI does")
    return commands


def main(argv: list[str]) -> None:
    commands = parser()
    if not argv:
        commands.print_help()
        sys.exit(0)
    # these pass the rest of the line on (to pytest, or to `python -m cablekit COMMAND`, which checks it)
    if argv[0] in ("test", *CABLEKIT_COMMANDS):
        command, rest = argv[0], argv[1:]
    else:
        args = commands.parse_args(argv)
        command, rest = args.command, args
    if command == "lab":
        set_up()
        run(*lab_command())
    elif command == "test":
        set_up(dev=True)
        set_up_other("grading")
        sys.exit(test(rest))
    elif command == "site":
        set_up(dev=True, nltk=False)  # the site shows stored outputs: it needs no NLTK data
        sys.exit(build_site())
    elif command in CABLEKIT_COMMANDS:
        set_up(dev=True, nltk=command == "outputs")
        run(venv_python(), "-m", "cablekit", command, *rest)
    elif command == "setup":
        set_up(dev=rest.dev or rest.all)
        if rest.all:
            for name in OTHER_ENVIRONMENTS:
                set_up_other(name)


if __name__ == "__main__":
    main(sys.argv[1:])
