"""Find the collection's data/ folder and load the cable and its tables.

Which data/ is used (the first that exists wins):

1. the folder named by the environment variable ``CABLEKIT_DATA`` (a data/ folder, or the
   collection folder that contains it);
2. the collection around the working folder: the nearest folder, going upward, that holds
   ``data/MANIFEST.sha256`` and ``data/cable.txt`` (a notebook's kernel starts in the notebook's
   own folder, so a student's copy on a hub finds its own data/);
3. the data/ beside this package (a clone installed with ``pip install -e .``, tasks.py, Binder);
4. when none of these exists, a collection directly inside the working folder (e.g.
   ``~/mao-stalin-cable`` for a notebook in the home folder).

When two of the first three differ, cablekit says once which one it uses. The first time a folder is
used, its files are checked against ``data/MANIFEST.sha256``: a changed file gets a one-time
warning that names it and the command that restores it (loading goes on, so a table edited on
purpose still loads); a missing, empty or unreadable file raises ``DamagedDataError`` when it
is loaded, in one line.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cablekit.errors import CableKitError, DamagedDataError

if TYPE_CHECKING:
    import pandas as pd

#: The folder that holds this package: the repository, when cablekit is installed from a
#: clone with ``pip install -e .``; site-packages when it is installed non-editable.
REPO_DIR = Path(__file__).resolve().parent.parent

#: Environment variable that names the data/ folder to use (or the collection that holds it).
ENV_VAR = "CABLEKIT_DATA"
MANIFEST_NAME = "MANIFEST.sha256"

#: The order of the cable's parts, used to sort anything grouped by point.
POINT_ORDER = ["salutation"] + [str(n) for n in range(1, 13)] + ["closing", "signature"]

_resolved: dict[tuple[str, str], Path] = {}
_verified: dict[Path, dict[str, str]] = {}
_said: set[str] = set()


def _cwd() -> str:
    """The working folder, or "/" when it has been deleted under the kernel."""
    try:
        return os.getcwd()
    except OSError:
        return "/"


def _say_once(message: str) -> None:
    """Print a one-line notice to stderr, once per process (Jupyter shows it under the cell)."""
    if message not in _said:
        _said.add(message)
        print(f"cablekit: {message}", file=sys.stderr, flush=True)


def _shown(path: Path) -> str:
    """``path`` for a message: relative when it is inside or above the working folder, else with ~."""
    path = Path(path).resolve()
    here = Path(_cwd()).resolve()
    relative = Path(os.path.relpath(path, here)).as_posix() if path.anchor == here.anchor else ""
    if relative and relative.split("/").count("..") <= 2 and not relative.startswith("../../.."):
        return relative
    try:
        return "~/" + path.relative_to(Path.home().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _is_collection_data(folder: Path) -> bool:
    """True when ``folder`` looks like the collection's data/ (it holds the manifest and the cable)."""
    return (folder / MANIFEST_NAME).is_file() and (folder / "cable.txt").is_file()


def _from_environment() -> Path | None:
    value = os.environ.get(ENV_VAR, "").strip()
    if not value:
        return None
    folder = Path(value).expanduser().resolve()
    for candidate in (folder, folder / "data"):
        if _is_collection_data(candidate):
            return candidate
    raise DamagedDataError(
        f"{ENV_VAR}={value} is not the collection's data/ folder (no {MANIFEST_NAME} and cable.txt "
        f"there): point it at the data/ folder of your copy, or unset it."
    )


def _upward(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if _is_collection_data(folder / "data"):
            return folder / "data"
    return None


def _inside(start: Path) -> Path | None:
    try:
        found = sorted(child / "data" for child in start.iterdir()
                       if child.is_dir() and _is_collection_data(child / "data"))
    except OSError:
        return None
    return found[0] if len(found) == 1 else None


def _manifest_text(folder: Path) -> str:
    try:
        return (folder / MANIFEST_NAME).read_text(encoding="utf-8")
    except OSError:
        return ""


def data_dir() -> Path:
    """The data/ folder cablekit uses, found as the module docstring says (cached per process).

    Raises DamagedDataError, in one line, when no copy of the collection's data/ can be found.

    >>> (data_dir() / "cable.txt").is_file()
    True
    """
    cwd = _cwd()
    key = (os.environ.get(ENV_VAR, ""), cwd)
    if key in _resolved:
        return _resolved[key]
    here = Path(cwd).resolve()
    candidates = [
        ("the folder in " + ENV_VAR, _from_environment()),
        ("the collection around the working folder", _upward(here)),
        ("the copy beside the installed cablekit package",
         REPO_DIR / "data" if _is_collection_data(REPO_DIR / "data") else None),
    ]
    found: list[tuple[str, Path]] = []
    for why, folder in candidates:
        if folder is not None and all(folder.resolve() != seen.resolve() for _, seen in found):
            found.append((why, folder))
    if not found:  # the last resort, e.g. a notebook in the home folder beside ~/mao-stalin-cable
        inside = _inside(here)
        found = [("the collection inside the working folder", inside)] if inside else []
    if not found:
        raise DamagedDataError(
            f"Cannot find the collection's data/ folder from {_shown(here)}: open the notebook from "
            f"inside your copy of the collection, or set {ENV_VAR} to the copy's data/ folder."
        )
    why, chosen = found[0]
    differing = [(other_why, other) for other_why, other in found[1:]
                 if _checksums(other, sorted(_recorded(chosen).keys() | _recorded(other).keys()))
                 != _checksums(chosen, sorted(_recorded(chosen).keys() | _recorded(other).keys()))]
    if differing:
        others = "; ".join(f"{_shown(other)} ({other_why})" for other_why, other in differing)
        _say_once(f"using the data in {_shown(chosen)} ({why}); a different copy is not used: {others}.")
    _resolved[key] = chosen
    return chosen


def __getattr__(name: str):
    """``DATA_DIR``: the data/ folder in use (see :func:`data_dir`); the package's own if none is found."""
    if name == "DATA_DIR":
        try:
            return data_dir()
        except CableKitError:
            return REPO_DIR / "data"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def recheck() -> None:
    """Forget which data/ was found and how it was checked, so the next load looks again.

    Use it after restoring data/ (or setting CABLEKIT_DATA) in a running kernel.

    >>> recheck()
    """
    _resolved.clear()
    _verified.clear()
    _said.clear()


# ---------------------------------------------------------------------------------------------
# Damage: the manifest check and the messages


def _git_top(folder: Path) -> Path | None:
    for parent in (folder, *folder.parents):
        if (parent / ".git").exists():
            return parent
    return None


def restore_command() -> str:
    """The command that restores the data/ in use, as one would type it in the working folder.

    In a git copy (a clone, an nbgitpuller copy, Binder) it is ``git checkout -- data/``,
    preceded, when the working folder is not the copy itself, by a ``cd`` to the copy that
    works from any folder (e.g. ``cd ~/mao-stalin-cable && git checkout -- data/``), in a
    terminal or in a notebook cell after ``!``.

    >>> "data/" in restore_command()
    True
    """
    return _restore_command(data_dir())


def _restore_command(folder: Path) -> str:
    top = _git_top(folder.resolve().parent)
    if top is None:
        return "download the collection again and replace this data/ folder with its data/"
    target = os.path.relpath(folder.resolve(), top)
    command = f"git checkout -- {Path(target).as_posix()}/"
    if Path(_cwd()).resolve() == top:
        return command
    # an address that works from anywhere: a JupyterLab terminal opens in the server's root folder,
    # not in the notebook's
    try:
        where = "~/" + shlex.quote(top.relative_to(Path.home().resolve()).as_posix())
    except ValueError:
        where = shlex.quote(top.as_posix())
    return f"cd {where} && {command}"


def _checksums(folder: Path, names) -> dict[str, str | None]:
    sums = {}
    for name in names:
        try:
            sums[name] = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        except OSError:
            sums[name] = None
    return sums


def _recorded(folder: Path) -> dict[str, str]:
    recorded = {}
    for line in _manifest_text(folder).splitlines():
        parts = line.split(maxsplit=1)
        if len(parts) == 2:
            recorded[parts[1].strip()] = parts[0]
    return recorded


def damage() -> dict[str, str]:
    """Files of the data/ in use that differ from its MANIFEST.sha256: name -> "changed" or "missing".

    Checked once per folder and process (a few hundred kilobytes: milliseconds); the first
    check prints a one-time warning naming the files and the command that restores them.
    ``check()`` can use it to tell a wrong answer from damaged data.

    >>> damage()
    {}
    """
    return _damage(data_dir())


def _damage(folder: Path) -> dict[str, str]:
    key = folder.resolve()
    if key in _verified:
        return _verified[key]
    recorded = _recorded(folder)
    current = _checksums(folder, recorded)
    problems = {name: ("missing" if current[name] is None else "changed")
                for name in sorted(recorded) if current[name] != recorded[name]}
    _verified[key] = problems
    if not recorded:
        _say_once(f"{_shown(folder / MANIFEST_NAME)} is missing or empty, so the data cannot be checked; "
                  f"restore it with: {_restore_command(folder)}")
    elif problems:
        listed = ", ".join(f"data/{name} ({kind})" for name, kind in list(problems.items())[:5])
        more = f" and {len(problems) - 5} more" if len(problems) > 5 else ""
        verb = "differs" if len(problems) == 1 else "differ"
        _say_once(f"warning: {listed}{more} {verb} from the collection's checksums, so results may differ "
                  f"from the lessons'. Restore with: {_restore_command(folder)}  "
                  f"(changed on purpose? then ignore this)")
    return problems


def _damaged(folder: Path, name: str, what: str) -> CableKitError:
    """The one-line error for an unreadable file: a damaged copy of the collection's file, or a
    problem in a file the student added (not in the manifest), which no restore would fix."""
    if name not in _recorded(folder):
        return CableKitError(f"data/{name} {what}: it is not one of the collection's files, so fix it by hand.")
    return DamagedDataError(f"data/{name} {what} (damaged copy): restore it with: {_restore_command(folder)}")


def _read_bytes(name: str) -> tuple[Path, bytes]:
    """The bytes of data/<name>, after the one-time manifest check; one-line errors if unreadable."""
    folder = data_dir()
    problems = _damage(folder)
    path = folder / name
    if not path.is_file():
        raise _damaged(folder, name, "is missing")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DamagedDataError(f"data/{name} cannot be read ({error.strerror or error}): "
                               f"check its permissions, or restore it with: {_restore_command(folder)}") from None
    if not raw.strip():
        raise _damaged(folder, name, "is empty")
    if name in problems or name not in _recorded(folder):
        try:
            raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise _damaged(folder, name, "is not UTF-8 text") from None
    return folder, raw


def _check_csv_shape(folder: Path, name: str, text: str) -> None:
    """A changed CSV must still be a table: every row as wide as the header, the last line complete."""
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise _damaged(folder, name, f"is malformed ({error})") from None
    width = len(rows[0])
    for number, row in enumerate(rows[1:], start=2):
        if row and len(row) != width:
            raise _damaged(folder, name, f"is cut short or malformed (line {number} has {len(row)} of {width} columns)")
    if len(rows) < 2:
        raise _damaged(folder, name, "has no rows below its header")
    if not text.endswith("\n"):
        raise _damaged(folder, name, "is cut short (its last line is incomplete)")


# ---------------------------------------------------------------------------------------------
# The loaders


def table_names() -> list[str]:
    """Names of the CSV tables in data/, sorted.

    >>> "paragraphs" in table_names()
    True
    """
    folder = data_dir()
    listed = {Path(name).stem for name in _recorded(folder) if name.endswith(".csv") and "/" not in name}
    return sorted(listed | {path.stem for path in folder.glob("*.csv")})


def load_text() -> str:
    """The cable's text, from "Comrade Stalin!" to "Mao Zedong", as one string.

    Paragraphs are separated by a blank line; the text ends with a newline.

    >>> load_text().splitlines()[0]
    'Comrade Stalin!'
    """
    _, raw = _read_bytes("cable.txt")
    return raw.decode("utf-8-sig")


def load_table(name: str) -> pd.DataFrame:
    """Load one table from data/ by name (without ".csv") as a DataFrame.

    Text columns stay text: nothing is guessed to be a date. A column named
    ``point`` becomes an ordered category (salutation, 1-12, closing, signature).

    >>> load_table("paragraphs").shape[1] >= 3
    True
    """
    if not isinstance(name, str) or not name.strip():
        raise CableKitError(f"Give a table name as text, one of: {', '.join(table_names())}.")
    clean = name.strip().removesuffix(".csv")
    if clean not in table_names():
        raise CableKitError(f"No table called {name[:60]!r}. Choose one of: {', '.join(table_names())}.")
    import pandas as pd  # here, not at the top: the manifest and nltk commands need no pandas

    file_name = f"{clean}.csv"
    folder, raw = _read_bytes(file_name)
    if file_name in _damage(folder) or file_name not in _recorded(folder):
        _check_csv_shape(folder, file_name, raw.decode("utf-8-sig"))
    try:
        table = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype={"point": str},
                            keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, ValueError) as error:
        detail = str(error).strip().splitlines()[-1][:120] if str(error).strip() else type(error).__name__
        raise _damaged(folder, file_name, f"cannot be read as a table ({detail})") from None
    if "point" in table.columns:
        table["point"] = pd.Categorical(table["point"], categories=POINT_ORDER, ordered=True)
    return table


def load_paragraphs() -> pd.DataFrame:
    """The cable as a DataFrame, one row per paragraph, in the cable's order.

    Columns: paragraph_id, point, paragraph_in_point, text. A numbered point
    opens with its first paragraph; the "2. " label itself is not part of text.

    >>> paragraphs = load_paragraphs()
    >>> paragraphs.loc[0, "text"]
    'Comrade Stalin!'
    """
    return load_table("paragraphs")


def load_metadata() -> dict:
    """The cable's metadata (title, date, archive, call number, source, translator...).

    >>> load_metadata()["date"]
    '1948-12-30'
    """
    folder, raw = _read_bytes("metadata.json")
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except ValueError as error:
        raise _damaged(folder, "metadata.json", f"is not valid JSON ({str(error)[:80]})") from None
