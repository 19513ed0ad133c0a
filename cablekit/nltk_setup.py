"""Make sure NLTK finds the resources the collection uses, downloading only what is missing.

Run ``python -m cablekit nltk`` to fetch them from the command line (postBuild does).
"""
from __future__ import annotations

import io
import os
import sys

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


def missing_resources() -> list[str]:
    """Downloader ids of the resources NLTK cannot find now.

    >>> isinstance(missing_resources(), list)
    True
    """
    missing = []
    for name, path in NLTK_RESOURCES.items():
        try:
            nltk.data.find(path)
        except LookupError:
            missing.append(name)
    return missing


def download_command(names: list[str]) -> str:
    """The shell command that fetches the named resources.

    >>> download_command(["stopwords"])
    'python -m nltk.downloader stopwords'
    """
    if isinstance(names, str) or not isinstance(names, (list, tuple)) or not names \
            or not all(isinstance(name, str) and name.strip() and name.split() == [name] for name in names):
        raise CableKitError("Give a list of NLTK resource ids, e.g. ['stopwords'].")
    return "python -m nltk.downloader " + " ".join(names)


def setup_nltk(download: bool = True) -> list[str]:
    """Check every NLTK resource, download the missing ones, and trust data/.

    Returns the list of resources it downloaded (empty when all were there).
    Offline with a resource missing, it stops within seconds with one line that
    names the command to run.

    >>> isinstance(setup_nltk(), list)
    True
    """
    if str(DATA_DIR) not in nltk.data.path:
        nltk.data.path.append(str(DATA_DIR))  # NLTK >= 3.10 reads only folders it trusts
    missing = missing_resources()
    if not missing:
        return []
    if not download:
        raise NLTKDataMissing(_missing_message(missing))
    nltk.downloader.NETWORK_TIMEOUT = DOWNLOAD_TIMEOUT
    for name in missing:
        try:
            nltk.download(name, quiet=True, raise_on_error=True, print_error_to=io.StringIO())
        except Exception:  # offline, refused, or a corrupt download: all end the same way
            raise NLTKDataMissing(_missing_message(missing_resources())) from None
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

