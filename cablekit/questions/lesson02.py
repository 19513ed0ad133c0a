"""Self-checks for solutions/02-word-frequencies.ipynb (lesson 2: counting and context).

Every expected answer and every known mistake is computed from data/ (the cable,
data/custom_stopwords.csv, data/recurring_phrases.csv) or from NLTK's corpora when a check runs,
never typed in and never at import. A mistake's value is what that mistake really produces,
computed the mistaken way.

Tasks 02-q7 and 02-q9 (Truman's 1949 State of the Union address) and 02-q8 (the spread of
"people", a word the lesson does not analyse) apply the lesson's methods to material whose
answers lesson 2 does not print.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from cablekit.checks import Question, register
from cablekit.data import load_paragraphs, load_table, load_text
from cablekit.text import EDITORIAL_INSERTION, cable_words


def _body() -> str:
    return "\n\n".join(load_paragraphs()["text"])


@lru_cache(maxsize=1)
def _words() -> tuple[str, ...]:
    return tuple(cable_words(_body()))


def _nltk_stopwords() -> set[str]:
    from nltk.corpus import stopwords

    return set(stopwords.words("english"))


@lru_cache(maxsize=1)
def _stop_all() -> frozenset[str]:
    return frozenset(_nltk_stopwords() | set(load_table("custom_stopwords")["word"]))


def _ranked(words, stop=None) -> list[str]:
    """Content words by count (largest first), ties alphabetically (the lesson's rule)."""
    stop = _stop_all() if stop is None else stop
    counts = Counter(word for word in words if word not in stop)
    return [word for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def _first_seen(words, n: int) -> list[str]:
    """The mistaken top n: Counter.most_common, whose ties keep the order of first appearance."""
    stop = _stop_all()
    return [word for word, _ in Counter(word for word in words if word not in stop).most_common(n)]


@lru_cache(maxsize=1)
def _truman_1949_raw() -> str:
    from nltk.corpus import state_union

    return state_union.raw("1949-Truman.txt")


def _truman_1949_words(cut_heading: bool = True) -> list[str]:
    raw = _truman_1949_raw()
    return cable_words(re.split(r"\n\s*\n", raw, maxsplit=2)[2] if cut_heading else raw)


def _stem_tokens(only_the_word: bool = False) -> int:
    from nltk.stem import PorterStemmer

    if only_the_word:
        return _words().count("operation")
    stemmer = PorterStemmer()
    target = stemmer.stem("operation")
    return sum(1 for word in _words() if stemmer.stem(word) == target)


def _points_of(query: str) -> list[str]:
    from cablekit.kwic import kwic

    return sorted(set(kwic(query)["point"].astype(str)), key=lambda point: int(point) if point.isdigit() else 99)


def _rows_points(query: str) -> list[str]:
    from cablekit.kwic import kwic

    return kwic(query)["point"].astype(str).tolist()


def _point_words() -> list[list[str]]:
    paragraphs = load_paragraphs()
    numbered = paragraphs[paragraphs["point"].isin([str(n) for n in range(1, 13)])]
    return [[w for text in group["text"] for w in cable_words(text)]
            for _, group in numbered.groupby("point", observed=True, sort=True)]


def _dp(word: str, equal_sizes: bool = False) -> float:
    parts = _point_words()
    counts = [part.count(word) for part in parts]
    sizes = [1] * len(parts) if equal_sizes else [len(part) for part in parts]
    return 0.5 * sum(abs(c / sum(counts) - s / sum(sizes)) for c, s in zip(counts, sizes))


def _ttr(words) -> float:
    return len(set(words)) / len(words)


def _runs_in_top10(word: str, tie_rule_first_seen: bool = False) -> int:
    paragraphs = load_paragraphs()
    runs = 0
    for point in [str(n) for n in range(1, 13)]:
        kept = [w for text in paragraphs.loc[paragraphs["point"] != point, "text"] for w in cable_words(text)]
        top = _first_seen(kept, 10) if tie_rule_first_seen else _ranked(kept)[:10]
        runs += word in top
    return runs


register(Question(
    qid="02-q1",
    expected=lambda: len(_words()),
    hint="Tokenize the paragraphs' text (body, not load_text(), whose point labels '1.' ... '12.' would count) with cable_words, then take len().",
    answer_type=int,
    wrong_examples=lambda: (len(cable_words(load_text())), len(_body().split()), len(_words()) + 1),
    mistakes=lambda: (
        (len(cable_words(load_text())), "You tokenized load_text(), which also holds the point labels '1.' to '12.': use body."),
        (len(cable_words(_body(), keep_insertions=True)), "You kept the editors' [insertions]: cable_words leaves them out unless told otherwise."),
        (len(_body().split()), "You split on spaces: use cable_words, which drops punctuation and the editors' insertions."),
    ),
))

register(Question(
    qid="02-q2",
    expected=lambda: len(cable_words(_body(), keep_insertions=True)) - len(_words()),
    hint="Count the words twice, once with keep_insertions=True and once without, and subtract.",
    answer_type=int,
    wrong_examples=lambda: (len(EDITORIAL_INSERTION.findall(_body())), 0, len(cable_words(_body(), keep_insertions=True))),
    mistakes=lambda: (
        (len(EDITORIAL_INSERTION.findall(_body())), "That is the number of insertions (bracketed passages); some hold several words. Count words."),
        (len(cable_words(_body(), keep_insertions=True)), "That is the total with the insertions; subtract the total without them."),
    ),
))

register(Question(
    qid="02-q3",
    expected=lambda: _ranked(_words())[:5],
    hint="Remove NLTK's English stopwords and the words in data/custom_stopwords.csv, count, then sort by count (largest first) and break ties alphabetically.",
    answer_type=list,
    wrong_examples=lambda: (_first_seen(_words(), 5), _ranked(_words(), set())[:5], _ranked(_words())[:5][::-1]),
    mistakes=lambda: (
        (_first_seen(_words(), 5), "Counter.most_common keeps tied words in the order they first appear: sort with key=lambda item: (-item[1], item[0])."),
        (_ranked(_words(), set())[:5], "Remove the stopwords (stop_all) before counting."),
    ),
))

register(Question(
    qid="02-q4",
    expected=lambda: sum(1 for count in Counter(_words()).values() if count == 1),
    hint="A hapax occurs exactly once. Count all words (stopwords too), lowercased, with the insertions left out.",
    answer_type=int,
    wrong_examples=lambda: (len(set(_words())), 0, sum(1 for c in Counter(w for w in _words() if w not in _stop_all()).values() if c == 1)),
    mistakes=lambda: (
        (len(set(_words())), "That is the number of different words (types); keep only those whose count is 1."),
        (sum(1 for c in Counter(w for w in _words() if w not in _stop_all()).values() if c == 1),
         "You removed the stopwords first; the task counts all words."),
    ),
))

register(Question(
    qid="02-q5",
    expected=lambda: _points_of("servicing population"),
    hint="Run kwic on the whole phrase and list the points of its rows, each point once, in the cable's order, as text.",
    answer_type=list,
    wrong_examples=lambda: (_rows_points("servicing population"), _points_of("servicing population")[:1], _points_of("servicing population")[::-1]),
    mistakes=lambda: (
        (_rows_points("servicing population"), "That lists the point of every row; give each point once (set() removes repeats, then sort)."),
    ),
))

register(Question(
    qid="02-q6",
    expected=_stem_tokens,
    hint="Stem every word with PorterStemmer and count the tokens whose stem equals the stem of 'operation'.",
    answer_type=int,
    wrong_examples=lambda: (_stem_tokens(only_the_word=True), 1, 2),
    mistakes=lambda: (
        (_stem_tokens(only_the_word=True), "You counted only 'operation' itself: count every token whose stem equals stemmer.stem('operation')."),
        (2, "You counted the different words with that stem; count their tokens (every occurrence)."),
    ),
))

register(Question(
    qid="02-q7",
    expected=lambda: _ranked(_truman_1949_words())[:5],
    hint="Tokenize the 1949 speech (heading and date cut off) with cable_words, remove stop_all, count, sort by count and then alphabetically, and keep five.",
    answer_type=list,
    wrong_examples=lambda: (_ranked(_truman_1949_words(), set())[:5], _ranked(_words())[:5], _ranked(_truman_1949_words())[:5][::-1]),
    mistakes=lambda: (
        (_ranked(_truman_1949_words(), set())[:5], "Remove the stopwords (stop_all) before counting."),
        (_ranked(_words())[:5], "Those are the cable's top five: count the words of the speech (speech_words)."),
    ),
))

register(Question(
    qid="02-q8",
    expected=lambda: _dp("people"),
    hint="For each point 1-12, take the share of all 'people' that fall in it and the share of the cable's words in it; DP is half the sum of the absolute differences.",
    answer_type=float,
    wrong_examples=lambda: (_dp("people", equal_sizes=True), _dp("forces"), 1 - _dp("people")),
    mistakes=lambda: (
        (_dp("people", equal_sizes=True), "You gave every point the same weight: use each point's share of the words (point 2 has ten times the words of point 1)."),
        (2 * _dp("people"), "You forgot to halve the sum of the differences."),
    ),
))

register(Question(
    qid="02-q9",
    expected=lambda: _ttr(_truman_1949_words()[:1000]),
    hint="TTR = number of different words / number of words, for the first 1,000 words of the speech only (TTR depends on length).",
    answer_type=float,
    wrong_examples=lambda: (_ttr(_truman_1949_words()), _ttr(_words()[:1000]), len(set(_truman_1949_words()[:1000]))),
    mistakes=lambda: (
        (_ttr(_truman_1949_words()), "That is the TTR of the whole speech; take the first 1,000 words, so that it compares with the cable's."),
        (len(set(_truman_1949_words()[:1000])) / len(_truman_1949_words()),
         "Divide the types of the first 1,000 words by 1,000, not by the whole speech's length."),
    ),
))

register(Question(
    qid="02-q10",
    expected=lambda: _runs_in_top10("democratic"),
    hint="Leave out each numbered point in turn (12 runs), recompute the content-word top 10 with ties sorted alphabetically, and count the runs that contain the word.",
    answer_type=int,
    wrong_examples=lambda: (12, _runs_in_top10("democratic", tie_rule_first_seen=True), 0),
    mistakes=lambda: (
        (_runs_in_top10("democratic", tie_rule_first_seen=True), "Your top 10 broke ties by first appearance (most_common); break them alphabetically."),
        (12, "Not every run keeps it: recount the top 10 in each of the 12 runs."),
    ),
))
