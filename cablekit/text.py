"""Shared tokenizing, so that every lesson counts the same words the same way.

Lesson 2 teaches these choices step by step; later lessons call the functions here.
"""
from __future__ import annotations

import re

import nltk

from cablekit.errors import CableKitError, require_flag

#: An editor's insertion: a "[", then anything but brackets, then "]".
EDITORIAL_INSERTION = re.compile(r"\[[^\[\]]*\]")

#: A word: letters (with inner hyphens or apostrophes, e.g. "Marx-Engels-Lenin-Stalin",
#: "People's"), or a number with thousands separators or a decimal point ("1,200,000").
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:,\d{3})*(?:\.\d+)?")


def _require_text(text: object, name: str = "text") -> str:
    if not isinstance(text, str):
        raise CableKitError(f"{name} must be text (a str), not {type(text).__name__}; e.g. load_text().")
    return text


def remove_editorial_insertions(text: str) -> str:
    """The text with the editors' square-bracket insertions taken out (spaces tidied).

    >>> remove_editorial_insertions("Received your telegram dated 28 [sic] November.")
    'Received your telegram dated 28 November.'
    """
    without = EDITORIAL_INSERTION.sub("", _require_text(text))
    without = re.sub(r"[ \t]{2,}", " ", without)
    return re.sub(r" ([,.;:!?)])", r"\1", without)


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
    text = _require_text(text)
    lower = require_flag(lower, "lower")
    if not require_flag(keep_insertions, "keep_insertions"):
        text = remove_editorial_insertions(text)
    words = [token for token in nltk.word_tokenize(text) if WORD.fullmatch(token) or token in ("'s", "’s")]
    return [word.lower() for word in words] if lower else words
