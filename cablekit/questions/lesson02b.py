"""Self-checks for solutions/02b-keyness.ipynb (lesson 2b: association, keyness and uncertainty).

Every expected answer and every known mistake is computed from data/ (the cable and
data/reference_counts.csv, whose numbers tests/test_lesson02b.py rebuilds from NLTK, Truman's
column included) when a check runs, never typed in and never at import. A mistake's
value is what that mistake really produces, computed the mistaken way.

Tasks 02b-q4 (key words against the Brown corpus's editorials), 02b-q5 (the power of 20
occurrences) and 02b-q6 (an interval for "people" in the two halves) apply the lesson's methods
to material whose answers lesson 2b does not print.
"""
from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache

from cablekit.checks import Question, register
from cablekit.data import load_paragraphs, load_table
from cablekit.keyness import binomial_p, g2, holm, log_ratio, share_interval
from cablekit.text import cable_words


@lru_cache(maxsize=1)
def _words() -> tuple[str, ...]:
    return tuple(cable_words("\n\n".join(load_paragraphs()["text"])))


@lru_cache(maxsize=1)
def _truman() -> Counter:
    table = load_table("reference_counts")
    return Counter({word: int(count) for word, count in zip(table["word"], table["truman"]) if count > 0})


def _cells(word: str) -> tuple[int, int, int, int]:
    truman = _truman()
    return Counter(_words())[word], truman[word], len(_words()), sum(truman.values())


def _g2_four_cells(word: str) -> float:
    a, b, n1, n2 = _cells(word)
    total = n1 + n2
    observed = [(a, a + b, n1), (b, a + b, n2), (n1 - a, total - a - b, n1), (n2 - b, total - a - b, n2)]
    return 2 * sum(o * math.log(o / (row * column / total)) for o, row, column in observed if o > 0)


def _binomial(n: int, p: float) -> list[float]:
    return [math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)]


def _two_sided(k: int, n: int) -> float:
    probabilities = _binomial(n, 0.5)
    return sum(q for q in probabilities if q <= probabilities[k] * (1 + 1e-9))


def _power(n: int, share: float) -> float:
    probabilities = _binomial(n, share)
    return sum(probabilities[k] for k in range(n + 1) if _two_sided(k, n) < 0.05)


@lru_cache(maxsize=4)
def _editorial_p_values() -> tuple[tuple[str, float, bool], ...]:
    """(word, exact p, over-used) for every word of the cable or of Brown's editorials."""
    table = load_table("reference_counts")
    reference = {w: int(c) for w, c in zip(table["word"], table["brown_editorial"]) if c}
    cable = Counter(_words())
    n1, n2 = sum(cable.values()), sum(reference.values())
    rows = []
    for word in sorted(cable.keys() | reference.keys()):
        a, b = cable[word], reference.get(word, 0)
        rows.append((word, binomial_p(a, b, n1, n2), a * n2 > b * n1))
    return tuple(rows)


def _editorial_key(rule: str = "holm") -> int:
    rows = _editorial_p_values()
    if rule == "holm":
        adjusted = holm([p for _, p, _ in rows])
        return sum(1 for (_, _, over), p in zip(rows, adjusted) if over and p < 0.05)
    if rule == "uncorrected":
        return sum(1 for _, p, over in rows if over and p < 0.05)
    adjusted = holm([p for _, p, _ in rows])
    return sum(1 for p in adjusted if p < 0.05)   # "any direction": the same count, since no under-used word passes


def _halves(word: str) -> tuple[int, int]:
    paragraphs = load_paragraphs()
    numbered = paragraphs[paragraphs["point"].isin([str(n) for n in range(1, 13)])]
    first = [w for t in numbered.loc[numbered["point"].astype(str).astype(int) <= 6, "text"] for w in cable_words(t)]
    second = [w for t in numbered.loc[numbered["point"].astype(str).astype(int) > 6, "text"] for w in cable_words(t)]
    return first.count(word), second.count(word)


def _people_interval(part: str = "first", method: str = "exact") -> tuple[float, float]:
    a, b = _halves("people")
    k = a if part == "first" else b
    if method == "exact":
        return share_interval(k, a + b)
    share = k / (a + b)
    margin = 1.96 * math.sqrt(share * (1 - share) / (a + b))
    return share - margin, share + margin


register(Question(
    qid="02b-q1",
    expected=lambda: g2(*_cells("forces")),
    hint="G² = 2 * (a * ln(a / E1) + b * ln(b / E2)), with E1 = n1 * (a + b) / (n1 + n2) and E2 = n2 * (a + b) / (n1 + n2).",
    answer_type=float,
    wrong_examples=lambda: (g2(*_cells("forces")) / 2, float(_cells("forces")[0]), _g2_four_cells("forces") + 1),
    mistakes=lambda: (
        (g2(*_cells("forces")) / 2, "You left out the factor 2 in front of the sum."),
        (_g2_four_cells("forces"), "You added the two 'other words' cells too (Dunning's full table); the task uses only the word's two cells, as the lesson's table does."),
    ),
))

register(Question(
    qid="02b-q2",
    expected=lambda: log_ratio(*_cells("we")),
    hint="Log ratio = log2((a / n1) / (b / n2)), with the cable as the first corpus; a negative value means rarer in the cable.",
    answer_type=float,
    wrong_examples=lambda: (-log_ratio(*_cells("we")), log_ratio(*_cells("we")) * math.log(2), log_ratio(*_cells("our"))),
    mistakes=lambda: (
        (-log_ratio(*_cells("we")), "You put the reference first: divide the cable's rate by the reference's."),
        (log_ratio(*_cells("we")) * math.log(2), "You used the natural logarithm (math.log); the log ratio uses base 2 (math.log2)."),
    ),
))

register(Question(
    qid="02b-q3",
    expected=lambda: _two_sided(3, 8),
    hint="Add the probabilities of every split of 8 that is at least as uneven as 3 against 5, in both directions (Binomial(8, 0.5)).",
    answer_type=float,
    wrong_examples=lambda: (sum(_binomial(8, 0.5)[:4]), _binomial(8, 0.5)[3], 0.05),
    mistakes=lambda: (
        (sum(_binomial(8, 0.5)[:4]), "That is one direction only (3 or fewer in the first half); add the splits as uneven the other way (5 or more)."),
        (_binomial(8, 0.5)[3], "That is the probability of exactly 3-5; add every split at least as uneven, in both directions."),
    ),
))

register(Question(
    qid="02b-q4",
    expected=lambda: _editorial_key("holm"),
    hint="Compute the exact p-value of every word against the brown_editorial column, apply holm() to the whole list, and count the over-used words whose adjusted p is below 0.05.",
    answer_type=int,
    wrong_examples=lambda: (_editorial_key("uncorrected"), 0, _editorial_key("holm") + 1),
    mistakes=lambda: (
        (_editorial_key("uncorrected"), "You counted p < 0.05 without a correction: apply holm() to all the p-values first."),
    ),
))

register(Question(
    qid="02b-q5",
    expected=lambda: _power(20, 1 / 4),
    hint="List the splits k of 20 whose two-sided p (equal halves) is below 0.05, then add their probabilities when the true share of the first half is 1/4.",
    answer_type=float,
    wrong_examples=lambda: (_power(20, 1 / 3), _power(8, 1 / 4), 1 - _power(20, 1 / 4)),
    mistakes=lambda: (
        (_power(20, 1 / 3), "Three times as common in the second half means 1 of every 4 occurrences in the first: share 1/4, not 1/3."),
        (1 - _power(20, 1 / 4), "That is how often the test misses the difference; power is how often it detects it."),
    ),
))

register(Question(
    qid="02b-q6",
    expected=lambda: _people_interval(),
    hint="Count 'people' in points 1-6 (k) and in 1-12 (n), then call share_interval(k, n): a tuple (lower, upper).",
    answer_type=(tuple, list),
    wrong_examples=lambda: (_people_interval(part="second"), _people_interval(method="normal"), share_interval(3, 8)),
    mistakes=lambda: (
        (_people_interval(part="second"), "That is the interval for points 7-12; the task asks for the share in points 1-6."),
        (_people_interval(method="normal"), "That is the normal approximation (share ± 1.96 standard errors); use the exact share_interval."),
    ),
))
