"""Shared tokenizing, so that every lesson counts the same words the same way.

Lesson 2 teaches these choices step by step; later lessons call the functions here.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Callable

import nltk

from cablekit.errors import require_flag, require_text

#: An editor's insertion: a "[", then anything but brackets, then "]".
EDITORIAL_INSERTION = re.compile(r"\[[^\[\]]*\]")

#: A word: letters (with inner hyphens or apostrophes, e.g. "Marx-Engels-Lenin-Stalin",
#: "People's"), or a number with thousands separators or a decimal point ("1,200,000").
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:,\d{3})*(?:\.\d+)?")


def remove_editorial_insertions(text: str) -> str:
    """The text with the editors' square-bracket insertions taken out (spaces tidied).

    >>> remove_editorial_insertions("Received your telegram dated 28 [sic] November.")
    'Received your telegram dated 28 November.'
    """
    without = EDITORIAL_INSERTION.sub("", require_text(text))
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
    """
    text = require_text(text)
    lower = require_flag(lower, "lower")
    if not require_flag(keep_insertions, "keep_insertions"):
        text = remove_editorial_insertions(text)
    words = [token for token in nltk.word_tokenize(text) if WORD.fullmatch(token) or token in ("'s", "’s")]
    return [word.lower() for word in words] if lower else words
