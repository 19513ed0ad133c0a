"""Shared tokenizing, so that every lesson counts the same words the same way.

Lesson 2 teaches these choices step by step; later lessons call the functions here.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from typing import Callable

import nltk

from cablekit.errors import CableKitError, require_flag, require_text

#: An editor's insertion: a "[", then anything but brackets, then "]".
EDITORIAL_INSERTION = re.compile(r"\[[^\[\]]*\]")

#: A word: letters (with inner hyphens or apostrophes, e.g. "Marx-Engels-Lenin-Stalin",
#: "People's"), or a number with thousands separators or a decimal point ("1,200,000").
#: A letter may carry combining accents that have no precomposed form (NFC composes the rest).
_LETTERS = r"(?:[^\W\d_][\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*)+"
WORD = re.compile(rf"{_LETTERS}(?:[-'’]{_LETTERS})*|\d+(?:,\d{{3}})*(?:\.\d+)?")

#: Half of a UTF-16 surrogate pair on its own: Python allows it in a str, but it cannot be
#: encoded, so Jupyter fails when it tries to display it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: object, name: str = "text") -> str:
    """``text`` in Unicode's composed form (NFC), so that "café" typed with a combining accent
    is the same word as "café"; anything but a str, or a broken character, is a one-line error.

    >>> clean_text("cafe\u0301") == "caf\u00e9"
    True
    >>> clean_text("bad \\ud800 char")
    Traceback (most recent call last):
    ...
    cablekit.errors.CableKitError: text has a broken character (a lone surrogate, U+D800) at position 4: delete it, or copy the text again from its source.
    """
    text = require_text(text, name)
    broken = _LONE_SURROGATE.search(text)
    if broken:
        raise CableKitError(f"{str(name)[:40]} has a broken character (a lone surrogate, U+{ord(broken.group()):04X}) "
                            f"at position {broken.start():,}: delete it, or copy the text again from its source.")
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def compatibility_form(text: str) -> tuple[str, list[int] | None]:
    """``text`` in Unicode's compatibility form (NFKC: the ligature "ﬁ" becomes "fi", a
    full-width "Ａ" an "A"), and for each of its characters the position in ``text`` it came
    from; None instead of the positions when NFKC changes nothing (as for the cable).

    Searching the NFKC form and mapping positions back lets a search treat "ﬁre" and "fire"
    alike while showing the text as it was written.

    >>> folded, origin = compatibility_form("a \ufb01re")
    >>> folded, origin
    ('a fire', [0, 1, 2, 2, 3, 4])
    >>> compatibility_form("plain text")
    ('plain text', None)
    """
    text = require_text(text)
    if unicodedata.is_normalized("NFKC", text):
        return text, None
    pieces, origin = [], []
    for position, character in enumerate(text):
        normal = unicodedata.normalize("NFKC", character)
        pieces.append(normal)
        origin.extend([position] * len(normal))
    return "".join(pieces), origin


def column_texts(values: object, name: str = "text") -> list[tuple[int, str]]:
    """(row number, text) for each row of a column that holds text, NFC-normalised.

    Missing values (None, NaN) are skipped; anything else that is not text is a one-line
    error naming the row.

    >>> column_texts(["We must.", None, float("nan"), "go"])
    [(0, 'We must.'), (3, 'go')]
    >>> column_texts(["a", 3])
    Traceback (most recent call last):
    ...
    cablekit.errors.CableKitError: Row 1 of the 'text' column holds int, not text: fix it, or drop such rows first (e.g. table.dropna()).
    """
    import numpy as np
    import pandas as pd

    if not isinstance(values, (list, tuple, pd.Series, pd.Index, np.ndarray)):
        raise CableKitError(f"Give a column of texts (a list or a DataFrame column), not {type(values).__name__}.")
    found = []
    for row, value in enumerate(values):
        if not isinstance(value, str) and pd.api.types.is_scalar(value) and bool(pd.isna(value)):
            continue
        if not isinstance(value, str):
            raise CableKitError(f"Row {row} of the {str(name)[:40]!r} column holds {type(value).__name__}, not text: "
                                "fix it, or drop such rows first (e.g. table.dropna()).")
        found.append((row, clean_text(value, f"Row {row} of the {str(name)[:40]!r} column")))
    return found


def remove_editorial_insertions(text: str) -> str:
    """The text with the editors' square-bracket insertions taken out (spaces tidied).

    >>> remove_editorial_insertions("Received your telegram dated 28 [sic] November.")
    'Received your telegram dated 28 November.'
    """
    without = EDITORIAL_INSERTION.sub("", clean_text(text))
    without = re.sub(r"[ \t]{2,}", " ", without)
    return re.sub(r" ([,.;:!?)])", r"\1", without)


def insertion_overlap(text: str) -> Callable[[int, int], bool]:
    """A test for ``text``: does the stretch ``text[start:end]`` overlap an editors' [insertion]?

    The highlighters use it to skip a match inside an insertion.

    >>> overlaps = insertion_overlap("After [we] finish.")
    >>> overlaps(7, 9), overlaps(11, 17)
    (True, False)
    """
    spans = [match.span() for match in EDITORIAL_INSERTION.finditer(require_text(text))]  # sorted, never overlapping
    starts = [start for start, _ in spans]

    def overlaps(start: int, end: int) -> bool:
        i = bisect_left(starts, end) - 1  # the last insertion starting before the stretch ends
        return i >= 0 and spans[i][1] > start

    return overlaps


def cable_words(text: str, lower: bool = True, keep_insertions: bool = False) -> list[str]:
    """The words of a text, as the collection counts them.

    NLTK's ``word_tokenize`` splits the text; punctuation is dropped; numbers keep their
    thousands separators; hyphenated names stay whole; "'s" stays a token of its own.
    The editors' [insertions] are left out unless ``keep_insertions`` is True.
    On ``load_text()`` the point labels "1." ... "12." count as the numbers 1 ... 12;
    tokenize the paragraphs' ``text`` column instead to count only the cable's own words.

    >>> cable_words("After [we] finish the two operations near Suizhou, 600,000 people.")
    ['after', 'finish', 'the', 'two', 'operations', 'near', 'suizhou', '600,000', 'people']
    >>> cable_words("cafe\u0301") == ["caf\u00e9"]   # the text is NFC-normalised first
    True
    """
    text = clean_text(text)
    lower = require_flag(lower, "lower")
    if not require_flag(keep_insertions, "keep_insertions"):
        text = remove_editorial_insertions(text)
    words = [token for token in nltk.word_tokenize(text) if WORD.fullmatch(token) or token in ("'s", "’s")]
    return [word.lower() for word in words] if lower else words
