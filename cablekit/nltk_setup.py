"""Make sure NLTK finds the resources the collection uses, downloading only what is missing.

Run ``python -m cablekit nltk`` to fetch them from the command line (postBuild does).
"""
from __future__ import annotations

import io
import os
import shlex
import shutil
import sys
import warnings
import zipfile

import nltk
import nltk.downloader

from cablekit.data import DATA_DIR
from cablekit.errors import CableKitError

#: The one list of NLTK resources the collection needs: downloader id -> path NLTK looks up.
NLTK_RESOURCES = {
    "punkt_tab": "tokenizers/punkt_tab/english/",
    "averaged_perceptron_tagger_eng": "taggers/averaged_perceptron_tagger_eng/",
    "universal_tagset": "taggers/universal_tagset/",
    "stopwords": "corpora/stopwords",
    "words": "corpora/words",
    "state_union": "corpora/state_union",
    "vader_lexicon": "sentiment/vader_lexicon.zip",
}

#: Seconds the downloader may wait for the network before giving up.
DOWNLOAD_TIMEOUT = 4


class NLTKDataMissing(CableKitError):
    """Raised when a resource is missing and cannot be downloaded."""


class NLTKDataDamaged(NLTKDataMissing):
    """Raised when a resource's file is there but damaged (e.g. a truncated zip)."""


class NLTKFolderRefused(NLTKDataMissing):
    """Raised when NLTK (3.10 and later) refuses a data folder that other accounts can write to."""


def _zip_behind(path: str, pointer: object = None) -> str | None:
    """The zip file NLTK would read ``path`` from, if it is a zip, else None."""
    if pointer is not None:
        inner = getattr(pointer, "zipfile", None)
        if inner is not None:
            return inner.filename
        found = str(getattr(pointer, "path", ""))
        return found if found.endswith(".zip") else None
    # find() itself failed: look for the package's zip on NLTK's path
    parts = [part for part in path.split("/") if part][:2]
    package = "/".join(parts) if parts[-1].endswith(".zip") else "/".join(parts) + ".zip"
    for root in nltk.data.path:
        candidate = os.path.join(root, *package.split("/"))
        if os.path.isfile(candidate):
            return candidate
    return None


def _readable_zip(path: str) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return bool(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False


def _diagnose() -> tuple[list[str], list[tuple[str, str]], list[str]]:
    """(missing ids, [(damaged id, its file)], folders NLTK refused as writable by others)."""
    missing, damaged, refused = [], [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # NLTK warns about refused folders; we say it in one line
        for name, path in NLTK_RESOURCES.items():
            try:
                pointer = nltk.data.find(path)
            except LookupError as problem:
                missing.append(name)
                refused += [folder for folder in getattr(problem, "_nltk_refused_writable", ()) if folder not in refused]
                continue
            except (zipfile.BadZipFile, EOFError, ValueError):  # find() opened a damaged zip
                damaged.append((name, _zip_behind(path) or path))
                continue
            archive = _zip_behind(path, pointer)
            if archive and not _readable_zip(archive):
                damaged.append((name, archive))
    return missing, damaged, refused


def missing_resources() -> list[str]:
    """Downloader ids of the resources NLTK cannot find now.

    >>> isinstance(missing_resources(), list)
    True
    """
    return _diagnose()[0]


def _damaged_message(damaged: list[tuple[str, str]]) -> str:
    name, path = damaged[0]
    more = f" ({len(damaged) - 1} more damaged: {', '.join(n for n, _ in damaged[1:])})" if len(damaged) > 1 else ""
    return (f"NLTK resource {name} is damaged: {path} is not a complete zip file. Delete that file and fetch it "
            f"again: {_this_python()} -m nltk.downloader -d {os.path.dirname(os.path.dirname(path))} {name}{more}")


def _refused_message(refused: list[str], missing: list[str]) -> str:
    folders = " ".join(refused)
    return (f"NLTK will not read {folders}: other accounts can write to it, so NLTK 3.10+ refuses it "
            f"(missing: {', '.join(missing)}). Make it private with: chmod go-w {folders}")


def check_nltk_data() -> None:
    """Raise a one-line error if a resource is damaged or sits in a folder NLTK refuses.

    >>> check_nltk_data()
    """
    missing, damaged, refused = _diagnose()
    if damaged:
        raise NLTKDataDamaged(_damaged_message(damaged))
    if refused and missing:
        raise NLTKFolderRefused(_refused_message(refused, missing))


def download_command(names: list[str]) -> str:
    """The shell command that fetches the named resources.

    The Python named is the one running this code, so the command works in any terminal, even
    where that Python's environment is not activated (plain ``python`` when it is the same one).

    >>> download_command(["stopwords"]).endswith("python -m nltk.downloader stopwords")
    True
    """
    if isinstance(names, str) or not isinstance(names, (list, tuple)) or not names \
            or not all(isinstance(name, str) and name.strip() and name.split() == [name] for name in names):
        raise CableKitError("Give a list of NLTK resource ids, e.g. ['stopwords'].")
    return f"{_this_python()} -m nltk.downloader " + " ".join(names)


def _this_python() -> str:
    on_path = shutil.which("python")
    try:
        if on_path and os.path.samefile(on_path, sys.executable):
            return "python"
    except OSError:
        pass
    return shlex.quote(sys.executable) if sys.executable else "python"


def setup_nltk(download: bool = True) -> list[str]:
    """Check every NLTK resource, download the missing ones, and trust data/.

    Returns the list of resources it downloaded (empty when all were there).
    Offline with a resource missing, it stops within seconds with one line that
    names the command to run. A damaged file (e.g. a truncated zip) or a data folder that
    NLTK refuses because other accounts can write to it is named in one line with its fix.

    >>> isinstance(setup_nltk(), list)
    True
    """
    if str(DATA_DIR) not in nltk.data.path:
        nltk.data.path.append(str(DATA_DIR))  # NLTK >= 3.10 reads only folders it trusts
    missing, damaged, refused = _diagnose()
    if damaged:
        raise NLTKDataDamaged(_damaged_message(damaged))
    if refused and missing:
        raise NLTKFolderRefused(_refused_message(refused, missing))  # downloading would not help
    if not missing:
        return []
    if not download:
        raise NLTKDataMissing(_missing_message(missing))
    nltk.downloader.NETWORK_TIMEOUT = DOWNLOAD_TIMEOUT
    for name in missing:
        try:
            nltk.download(name, quiet=True, raise_on_error=True, print_error_to=io.StringIO())
        except Exception:  # offline, refused, or a corrupt download: all end the same way
            check_nltk_data()
            raise NLTKDataMissing(_missing_message(missing_resources())) from None
    check_nltk_data()
    still_missing = missing_resources()
    if still_missing:
        raise NLTKDataMissing(_missing_message(still_missing))
    return missing


def _missing_message(names: list[str]) -> str:
    hint = "" if os.environ.get("NLTK_DATA") else " (or set NLTK_DATA to a folder that has them)"
    return (
        f"NLTK data missing and could not be downloaded: {', '.join(names)}. "
        f"With internet, run: {download_command(names)}{hint}"
    )


def main(argv: list[str] | None = None) -> int:
    """Command line: fetch what is missing, print one line, exit 0 or 1 (takes no options)."""
    try:
        fetched = setup_nltk()
    except NLTKDataMissing as problem:
        print(problem, file=sys.stderr)
        return 1
    print(f"NLTK data ready ({len(NLTK_RESOURCES)} resources; downloaded now: {', '.join(fetched) or 'none'}).")
    return 0

