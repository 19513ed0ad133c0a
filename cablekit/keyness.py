"""Keyness: which words a text uses more (or less) often than a reference corpus.

Lesson 2 writes these formulas out in the notebook, where they are taught; this copy exists
so that the tests can check them against hand-computed values and the benchmark can time them.
The notebook shows that its own code gives the same table.

- relative frequency per 10,000 words: ``count / total * 10_000``
- Dunning's log-likelihood G² for a 2x2 table (Dunning 1993; Rayson and Garside 2000):
  ``2 * sum(O * ln(O / E))`` over the two corpora, where ``E = total * (a + b) / (N1 + N2)``
- log ratio (Hardie 2014): ``log2((a / N1) / (b / N2))``, a zero count replaced by 0.5
"""
from __future__ import annotations

import math
import numbers
import re
from collections import Counter
from collections.abc import Mapping

import pandas as pd

from cablekit.errors import CableKitError
from cablekit.text import cable_words

#: Lesson 2's reference corpus: Truman's addresses of 1945-1949 in NLTK's state_union.
REFERENCE_YEARS = ("1945", "1946", "1947", "1948", "1949")

COLUMNS = ["word", "target_count", "reference_count", "target_per_10k", "reference_per_10k", "g2", "log_ratio", "direction"]


def _counts(counts: object, name: str) -> Counter:
    if isinstance(counts, Mapping):
        counter = Counter(dict(counts))
    elif isinstance(counts, (list, tuple)) and all(isinstance(word, str) for word in counts):
        counter = Counter(counts)
    else:
        raise CableKitError(f"{name} must be a Counter/dict of word counts or a list of words, not {type(counts).__name__}.")
    if any(not isinstance(word, str) for word in counter):
        raise CableKitError(f"{name} must count words (text), e.g. {{'army': 3}}.")
    if any(not isinstance(n, int) or isinstance(n, bool) or n < 0 for n in counter.values()):
        raise CableKitError(f"{name} must hold whole, non-negative counts.")
    if sum(counter.values()) == 0:
        raise CableKitError(f"{name} is empty: give it at least one word.")
    return counter


def _check_table(a: object, b: object, total_a: object, total_b: object) -> None:
    for label, value in (("a", a), ("b", b), ("total_a", total_a), ("total_b", total_b)):
        if not isinstance(value, numbers.Integral) or isinstance(value, bool) or value < 0:
            raise CableKitError(f"{label} must be a whole, non-negative count of words, not {str(value)[:30]!r}.")
    if total_a == 0 or total_b == 0:
        raise CableKitError("total_a and total_b must be at least 1: each corpus needs words.")
    if a > total_a or b > total_b:
        raise CableKitError("A word cannot occur more often than its corpus has words (a <= total_a, b <= total_b).")


def g2(a: int, b: int, total_a: int, total_b: int) -> float:
    """Dunning's log-likelihood for a word seen ``a`` times in ``total_a`` words and ``b`` in ``total_b``.

    >>> round(g2(10, 20, 100, 1000), 3)
    13.579
    >>> g2(1, 10, 10, 100)
    0.0
    """
    _check_table(a, b, total_a, total_b)
    expected_a = total_a * (a + b) / (total_a + total_b)
    expected_b = total_b * (a + b) / (total_a + total_b)
    value = 0.0
    for observed, expected in ((a, expected_a), (b, expected_b)):
        if observed > 0:
            value += observed * math.log(observed / expected)
    return max(0.0, 2 * value)


def log_ratio(a: int, b: int, total_a: int, total_b: int) -> float:
    """Hardie's log ratio: log2 of the ratio of relative frequencies (a zero count counts as 0.5).

    >>> round(log_ratio(10, 20, 100, 1000), 4)
    2.3219
    """
    _check_table(a, b, total_a, total_b)
    return math.log2((max(a, 0.5) / total_a) / (max(b, 0.5) / total_b))


def _direction(scaled_a: int, scaled_b: int) -> str:
    return "over" if scaled_a > scaled_b else "under" if scaled_a < scaled_b else "equal"


def keyness(target: object, reference: object) -> pd.DataFrame:
    """One row per word found in either corpus, sorted by G² (largest first), ties by word.

    ``target`` and ``reference`` are word lists or Counters of word counts.

    >>> table = keyness(["a", "a", "b"], ["a", "b", "b", "c"])
    >>> table[["word", "target_count", "reference_count", "direction"]].values.tolist()
    [['c', 0, 1, 'under'], ['a', 2, 1, 'over'], ['b', 1, 2, 'under']]
    """
    target_counts, reference_counts = _counts(target, "target"), _counts(reference, "reference")
    total_t, total_r = sum(target_counts.values()), sum(reference_counts.values())
    rows = []
    for word in sorted(target_counts.keys() | reference_counts.keys()):
        a, b = target_counts[word], reference_counts[word]
        if a == 0 and b == 0:
            continue
        rows.append((
            word, a, b, a / total_t * 10_000, b / total_r * 10_000, g2(a, b, total_t, total_r),
            log_ratio(a, b, total_t, total_r), _direction(a * total_r, b * total_t),
        ))
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values(["g2", "word"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def reference_words() -> list[str]:
    """Lesson 2's reference corpus as words: Truman's 1945-1949 files in NLTK's ``state_union``,
    each without its heading and date line, tokenized like the cable.

    >>> len(reference_words()) > 40_000
    True
    """
    from nltk.corpus import state_union

    words = []
    for fileid in sorted(state_union.fileids()):
        if fileid.endswith("-Truman.txt") and fileid[:4] in REFERENCE_YEARS:
            words += cable_words(re.split(r"\n\s*\n", state_union.raw(fileid), maxsplit=2)[2])
    return words
