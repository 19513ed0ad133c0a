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


def _whole(value: object) -> bool:
    """True for a whole number of any integer type (Python, numpy, pandas), but not a bool."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool) and type(value).__name__ != "bool_"


def _counts(counts: object, name: str) -> Counter:
    if isinstance(counts, Mapping):
        counter = Counter(dict(counts))
    elif isinstance(counts, (list, tuple)) and all(isinstance(word, str) for word in counts):
        counter = Counter(counts)
    else:
        raise CableKitError(f"{name} must be a Counter/dict of word counts or a list of words, not {type(counts).__name__}.")
    if any(not isinstance(word, str) for word in counter):
        raise CableKitError(f"{name} must count words (text), e.g. {{'army': 3}}.")
    if any(not _whole(n) or n < 0 for n in counter.values()):
        raise CableKitError(f"{name} must hold whole, non-negative counts.")
    counter = Counter({word: int(n) for word, n in counter.items()})  # numpy integers would overflow
    if sum(counter.values()) == 0:
        raise CableKitError(f"{name} is empty: give it at least one word.")
    return counter


def _check_table(a: object, b: object, total_a: object, total_b: object) -> tuple[int, int, int, int]:
    """The four counts as Python ints (numpy int64 products overflow silently), or a one-line error."""
    for label, value in (("a", a), ("b", b), ("total_a", total_a), ("total_b", total_b)):
        if not _whole(value) or value < 0:
            raise CableKitError(f"{label} must be a whole, non-negative count of words, not {str(value)[:30]!r}.")
    a, b, total_a, total_b = int(a), int(b), int(total_a), int(total_b)
    if total_a == 0 or total_b == 0:
        raise CableKitError("total_a and total_b must be at least 1: each corpus needs words.")
    if a > total_a or b > total_b:
        raise CableKitError("A word cannot occur more often than its corpus has words (a <= total_a, b <= total_b).")
    return a, b, total_a, total_b


def g2(a: int, b: int, total_a: int, total_b: int) -> float:
    """Dunning's log-likelihood for a word seen ``a`` times in ``total_a`` words and ``b`` in ``total_b``.

    >>> round(g2(10, 20, 100, 1000), 3)
    13.579
    >>> g2(1, 10, 10, 100)
    0.0

    Counts may be numpy integers; they are computed as Python numbers, so they cannot overflow.
    """
    a, b, total_a, total_b = _check_table(a, b, total_a, total_b)
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
    a, b, total_a, total_b = _check_table(a, b, total_a, total_b)
    return math.log2((max(a, 0.5) / total_a) / (max(b, 0.5) / total_b))


def _direction(scaled_a: int, scaled_b: int) -> str:
    return "over" if scaled_a > scaled_b else "under" if scaled_a < scaled_b else "equal"


def keyness(target: object, reference: object) -> pd.DataFrame:
    """One row per word found in either corpus, sorted by G² (largest first), ties by word.

    ``target`` and ``reference`` are word lists or Counters of word counts (any integer type).

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


# --- Lesson 2b: exact test, correction for many tests, dispersion, more references -----------------
# (appended by the lesson 2 helper; the functions above are unchanged)
import functools  # noqa: E402

#: The reference corpora lesson 2b compares the cable with: name -> (description, NLTK corpus).
REFERENCES = {
    "truman": "Truman's addresses to Congress 1945-1949 (NLTK state_union): political speech, another genre",
    "brown_news": "Brown corpus, category news: American press reportage of 1961",
    "brown_government": "Brown corpus, category government: official documents and reports of 1961",
    "brown_editorial": "Brown corpus, category editorial: press editorials and letters of 1961",
    "inaugural": "US presidential inaugural addresses 1929-1961, Hoover to Kennedy (NLTK inaugural)",
}


def reference_corpus(name: str) -> tuple[str, ...]:
    """The words of one of lesson 2b's reference corpora (see ``REFERENCES``), tokenized like the cable.

    "truman" is lesson 2's reference: Truman's 1945-1949 files in NLTK's ``state_union``, each
    without its heading and date line. Brown's tokens are joined with spaces and tokenized again
    with ``cable_words``, so that "Atlanta's" splits as the cable's "People's" does. Each corpus is
    tokenized once per Python process and kept (Truman's takes about half a second).

    >>> reference_corpus("truman")[:6]
    ('speaker', 'president', 'members', 'of', 'the', 'congress')
    >>> reference_corpus("bible")
    Traceback (most recent call last):
    cablekit.errors.CableKitError: Unknown reference 'bible'; choose one of: truman, brown_news, brown_government, brown_editorial, inaugural.
    """
    if not isinstance(name, str) or name not in REFERENCES:
        raise CableKitError(f"Unknown reference {str(name)[:40]!r}; choose one of: {', '.join(REFERENCES)}.")
    return _reference_corpus(name)


@functools.lru_cache(maxsize=None)
def _reference_corpus(name: str) -> tuple[str, ...]:
    words: list[str] = []
    if name == "truman":
        from nltk.corpus import state_union

        for fileid in sorted(state_union.fileids()):
            if fileid.endswith("-Truman.txt") and fileid[:4] in REFERENCE_YEARS:
                words += cable_words(re.split(r"\n\s*\n", state_union.raw(fileid), maxsplit=2)[2])
        return tuple(words)
    if name.startswith("brown_"):
        from nltk.corpus import brown

        return tuple(cable_words(" ".join(brown.words(categories=name.removeprefix("brown_")))))
    from nltk.corpus import inaugural

    for fileid in sorted(inaugural.fileids()):
        if 1929 <= int(fileid[:4]) <= 1961:
            words += cable_words(inaugural.raw(fileid))
    return tuple(words)


def binomial_p(a: int, b: int, total_a: int, total_b: int) -> float:
    """Exact two-sided test for a word seen ``a`` times in ``total_a`` words and ``b`` in ``total_b``.

    If the word were equally common in both corpora, each of its ``a + b`` occurrences would
    fall in the first corpus with probability ``total_a / (total_a + total_b)``. The p-value adds
    the probabilities of every split at least as unlikely as the one observed (computed with
    logarithms, so large counts do not overflow).

    >>> round(binomial_p(3, 5, 100, 100), 4)
    0.7266
    >>> round(binomial_p(2, 0, 10, 10), 2)
    0.5
    """
    _check_table(a, b, total_a, total_b)
    n, share = a + b, total_a / (total_a + total_b)
    if n == 0:
        return 1.0
    if not 0 < share < 1:
        raise CableKitError("binomial_p(): the two corpus sizes are too far apart to compare; check total_a and total_b.")
    log_share, log_rest = math.log(share), math.log1p(-share)

    def log_pmf(k: int) -> float:
        return (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
                + k * log_share + (n - k) * log_rest)

    logs = [log_pmf(k) for k in range(n + 1)]
    return min(1.0, sum(math.exp(value) for value in logs if value <= logs[a] + 1e-7))


def holm(p_values: object) -> list[float]:
    """Holm's step-down adjusted p-values, in the order given (Holm 1979).

    Sort the m p-values from smallest; multiply the i-th smallest (from 1) by m - i + 1; keep
    each adjusted value at least as large as the one before it; cap at 1. A test is significant
    at level alpha when its adjusted p-value is below alpha.

    >>> holm([0.01, 0.04, 0.03])
    [0.03, 0.06, 0.06]
    """
    try:
        values = None if isinstance(p_values, (str, bytes)) else list(p_values)
    except TypeError:
        values = None
    if not values or not all(isinstance(p, numbers.Real) and not isinstance(p, bool) and 0 <= p <= 1 for p in values):
        raise CableKitError("holm() needs a non-empty list of p-values between 0 and 1.")
    m = len(values)
    order = sorted(range(m), key=lambda i: (values[i], i))
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * values[i]))
        adjusted[i] = running
    return adjusted


def dp(part_counts: object, part_sizes: object) -> float:
    """Gries's DP ("deviation of proportions", Gries 2008): 0 = spread as the parts' sizes, near 1 = in one part.

    DP = half the sum, over the parts, of |share of the word's occurrences in the part -
    share of all words in the part|.

    >>> dp([1, 1], [10, 10])
    0.0
    >>> dp([2, 0], [10, 10])
    0.5
    """
    if isinstance(part_counts, (str, bytes)) or isinstance(part_sizes, (str, bytes)):
        raise CableKitError("dp() needs two lists of numbers (counts per part, words per part), not text.")
    try:
        counts, sizes = list(part_counts), list(part_sizes)
    except TypeError:
        raise CableKitError("dp() needs two lists of numbers (counts per part, words per part).") from None
    if not all(isinstance(v, numbers.Real) and not isinstance(v, bool) and math.isfinite(v) for v in counts + sizes):
        raise CableKitError("dp() needs numbers only in its lists of counts and part sizes.")
    if not counts or len(counts) != len(sizes) or sum(counts) <= 0 or sum(sizes) <= 0 \
            or any(c < 0 for c in counts) or any(s < 0 for s in sizes):
        raise CableKitError("dp() needs equally long lists of counts and part sizes, not all zero and none negative.")
    total_counts, total_sizes = sum(counts), sum(sizes)
    return 0.5 * sum(abs(c / total_counts - s / total_sizes) for c, s in zip(counts, sizes))


def reference_counts_table() -> pd.DataFrame:
    """Word counts of every corpus in ``REFERENCES``, built from NLTK: one row per word, one column per
    reference, and a ``source`` column ("nltk") like every table in data/.

    ``data/reference_counts.csv`` stores this table, so that lesson 2b runs quickly and
    without the Brown and inaugural corpora; ``tests/test_lesson02b.py`` rebuilds it from NLTK
    and compares. Rows are sorted by word; a word a reference never uses counts 0 there.

    Rebuilding takes a few seconds; the stored copy is what the lesson reads:

    >>> from cablekit import load_table
    >>> int(load_table("reference_counts")["truman"].sum()) == len(reference_corpus("truman"))
    True
    """
    counts = {name: Counter(reference_corpus(name)) for name in REFERENCES}
    vocabulary = sorted(set().union(*counts.values()))
    table = pd.DataFrame({"word": vocabulary})
    for name, counter in counts.items():
        table[name] = [counter[word] for word in vocabulary]
    table["source"] = "nltk"   # every count comes from NLTK's data packages (data/README.md names them)
    return table


def share_interval(k: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Clopper-Pearson interval for a share: k of n occurrences fall in one part (Clopper and Pearson 1934).

    The ends are the shares for which k of n would sit exactly in a tail of (1 - level) / 2,
    found by bisection on the binomial distribution.

    >>> [round(end, 4) for end in share_interval(3, 8)]
    [0.0852, 0.7551]
    """
    if not all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in (k, n)) or not 0 <= k <= n or n == 0:
        raise CableKitError("share_interval(k, n) needs whole numbers with 0 <= k <= n and n >= 1.")
    if not isinstance(level, numbers.Real) or isinstance(level, bool) or not 0 < level < 1:
        raise CableKitError("level must be between 0 and 1, e.g. 0.95.")
    tail = (1 - level) / 2

    def cdf(j: int, p: float) -> float:
        if p <= 0:
            return 1.0
        if p >= 1:
            return 1.0 if j >= n else 0.0
        return sum(math.exp(math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1)
                            + i * math.log(p) + (n - i) * math.log1p(-p)) for i in range(j + 1))

    def solve(too_low) -> float:
        low, high = 0.0, 1.0
        for _ in range(60):
            middle = (low + high) / 2
            low, high = (middle, high) if too_low(middle) else (low, middle)
        return (low + high) / 2

    lower = 0.0 if k == 0 else solve(lambda p: 1 - cdf(k - 1, p) < tail)
    upper = 1.0 if k == n else solve(lambda p: cdf(k, p) > tail)
    return lower, upper
