"""Self-checks for solutions/02-word-frequencies.ipynb.

The expected answers are computed from data/ (the cable, data/custom_stopwords.csv,
data/recurring_phrases.csv) and NLTK's state_union corpus, never typed in.
"""
from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache

from cablekit.checks import Question, register
from cablekit.data import load_paragraphs, load_table
from cablekit.keyness import keyness, reference_words
from cablekit.text import cable_words

def _body() -> str:
    return "\n\n".join(load_paragraphs()["text"])


@lru_cache(maxsize=1)
def _words() -> tuple[str, ...]:
    return tuple(cable_words(_body()))


def _stop_all() -> set[str]:
    from nltk.corpus import stopwords

    return set(stopwords.words("english")) | set(load_table("custom_stopwords")["word"])


def _top(words, n: int = 10) -> list[str]:
    stop = _stop_all()
    counts = Counter(word for word in words if word not in stop)
    return [word for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]]


@lru_cache(maxsize=1)
def _reference_words() -> tuple[str, ...]:
    return tuple(reference_words())


def _key_row(word: str):
    table = keyness(list(_words()), list(_reference_words()))
    return table[table["word"] == word].iloc[0]


def _hapaxes() -> int:
    return sum(1 for count in Counter(_words()).values() if count == 1)


def _operation_stem_tokens() -> int:
    from nltk.stem import PorterStemmer

    stemmer = PorterStemmer()
    target = stemmer.stem("operation")
    return sum(1 for word in _words() if stemmer.stem(word) == target)


def _points_of(phrase: str) -> list[str]:
    table = load_table("recurring_phrases")
    points = table.loc[table["phrase"] == phrase, "points"].iloc[0].split(";")
    return sorted(set(points), key=int)


def _runs_in_top10(word: str) -> int:
    paragraphs = load_paragraphs()
    runs = 0
    for point in [str(n) for n in range(1, 13)]:
        kept = paragraphs.loc[paragraphs["point"] != point, "text"]
        runs += word in _top([w for text in kept for w in cable_words(text)])
    return runs


def _binomial_two_sided(k: int, n: int) -> float:
    probabilities = [math.comb(n, i) / 2**n for i in range(n + 1)]
    return sum(p for p in probabilities if p <= probabilities[k] * (1 + 1e-9))


register(Question(
    qid="02-q1",
    expected=lambda: len(_words()),
    hint="Tokenize the paragraphs' text (not load_text(), whose point labels '1.' ... '12.' would count) with cable_words, then take len().",
    answer_type=int,
    wrong_examples=(len(cable_words("\n\n".join(load_paragraphs()["text"]), keep_insertions=True)), len("\n\n".join(load_paragraphs()["text"]).split()), 1406),
))

register(Question(
    qid="02-q2",
    expected=lambda: len(cable_words(_body(), keep_insertions=True)) - len(_words()),
    hint="Count the words twice, once with keep_insertions=True and once without, and subtract.",
    answer_type=int,
    wrong_examples=(26, 0, 9),
))

register(Question(
    qid="02-q3",
    expected=lambda: _top(_words(), 5),
    hint="Remove NLTK's English stopwords and the words in data/custom_stopwords.csv, count, then sort by count (largest first) and break ties alphabetically.",
    answer_type=list,
    wrong_examples=(
        ["forces", "guomindang", "people", "military", "divisions"],
        ["forces", "guomindang", "people", "military", "us"],
        ["the", "of", "and", "to", "in"],
    ),
))

register(Question(
    qid="02-q4",
    expected=_hapaxes,
    hint="A hapax occurs exactly once. Count all words (stopwords too), lowercased, with the insertions left out.",
    answer_type=int,
    wrong_examples=(len(set(cable_words("\n\n".join(load_paragraphs()["text"])))), 0),
))

register(Question(
    qid="02-q5",
    expected=lambda: _points_of("democratic coalition government"),
    hint="Run kwic on the whole phrase and list the points of its rows, each point once, in the cable's order, as text.",
    answer_type=list,
    wrong_examples=(["10", "11"], ["11", "12"], ["10", "10", "11", "12"]),
))

register(Question(
    qid="02-q6",
    expected=_operation_stem_tokens,
    hint="Stem every word with PorterStemmer and count the tokens whose stem equals the stem of 'operation'.",
    answer_type=int,
    wrong_examples=(6, 1, 2),
))

register(Question(
    qid="02-q7",
    expected=lambda: float(_key_row("forces")["g2"]),
    hint="Use G² = 2 * sum(O * ln(O / E)) over the cable and the reference, with E = corpus size * (a + b) / (N1 + N2).",
    answer_type=(float, int),
    wrong_examples=(4.081433, 21.0, 39.0),
))

register(Question(
    qid="02-q8",
    expected=lambda: float(_key_row("we")["log_ratio"]),
    hint="Log ratio = log2((a / N1) / (b / N2)), with the cable as the first corpus; a negative value means rarer in the cable.",
    answer_type=(float, int),
    wrong_examples=(0.377158, 0.871030, -0.858373),
))

register(Question(
    qid="02-q9",
    expected=lambda: _runs_in_top10("democratic"),
    hint="Leave out each numbered point in turn (12 runs), recompute the content-word top 10 with ties sorted alphabetically, and count the runs that contain the word.",
    answer_type=int,
    wrong_examples=(12, 3, 6),
))

register(Question(
    qid="02-q10",
    expected=lambda: _binomial_two_sided(3, 8),
    hint="Add the probabilities of every split of 8 that is at least as uneven as 3 against 5, in both directions (Binomial(8, 0.5)).",
    answer_type=float,
    wrong_examples=(93 / 256, 0.05, 0.375),
))
