"""Self-checks for solutions/03-rhetoric.ipynb.

Expected answers come from data/ by a route other than the one the solution teaches where
possible: the counts use the hand-made category lexicon (data/rhetoric_lexicon.csv) through
cablekit.highlight, while students count tokens; the passive count uses the plain phrase
"by us" / "by our forces", while students write a passive pattern.
"""
from __future__ import annotations

import re

import nltk

from cablekit.checks import Question, register
from cablekit.data import load_paragraphs, load_text
from cablekit.highlight import category_counts
from cablekit.text import remove_editorial_insertions

NUMBERED = [str(n) for n in range(1, 13)]

#: The lexicon edits task 6 asks for (word -> new VADER valence).
TASK6_EDITS = {"destroyed": 2.0, "defeated": 2.0, "encircled": 1.5, "finished": 1.5, "flee": 1.0}


def _point_text(point: str) -> str:
    paragraphs = load_paragraphs()
    return "\n\n".join(paragraphs.loc[paragraphs["point"] == point, "text"])


def _we_count() -> int:
    return int(category_counts(load_text())["we"])


def _we_in_insertions() -> int:
    text = load_text()
    return int(category_counts(text, keep_insertions=True)["we"] - category_counts(text)["we"])


def _most_adversary_point() -> str:
    counts = {point: int(category_counts(_point_text(point))["adversary"]) for point in NUMBERED}
    best = max(counts.values())
    winners = [point for point in NUMBERED if counts[point] == best]
    return winners[0]


def _tagged_cable() -> list[tuple[str, str]]:
    return nltk.pos_tag(nltk.word_tokenize(remove_editorial_insertions(load_text())))


def _modal_words() -> set:
    return {word.lower() for word, tag in _tagged_cable() if tag == "MD"}


def _sentence_score() -> float:
    from nltk.sentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer().polarity_scores(
        "By the present time 15 divisions of Fu Zuoyi have been destroyed by us.")["compound"]


def _edited_point2_mean() -> float:
    from nltk.sentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    analyzer.lexicon.update(TASK6_EDITS)
    paragraphs = load_paragraphs()
    scores = [
        analyzer.polarity_scores(sentence)["compound"]
        for text in paragraphs.loc[paragraphs["point"] == "2", "text"]
        for sentence in nltk.sent_tokenize(remove_editorial_insertions(text))
    ]
    return round(sum(scores) / len(scores), 3)


def _passives_by_us() -> int:
    return len(re.findall(r"\bby (?:us|our forces)\b", remove_editorial_insertions(load_text())))


def _comparative_words() -> set:
    return {word.lower() for word, tag in _tagged_cable() if tag in ("JJR", "JJS", "RBR", "RBS")}


register(Question(
    qid="03-q1",
    expected=_we_count,
    hint="Count we, our and us in any capitalisation, but not the capitals US (the United States); "
         "leave out the editors' [insertions].",
    answer_type=int,
    wrong_examples=(31, 28, 12),
))

register(Question(
    qid="03-q2",
    expected=_we_in_insertions,
    hint="Count the first-person plural forms with keep_insertions=True and without, and subtract.",
    answer_type=int,
    wrong_examples=(0, 1, 27, 31),
))

register(Question(
    qid="03-q3",
    expected=_most_adversary_point,
    hint="Count adversary terms point by point (1-12) and give the point with the largest count, "
         "as text such as \"7\".",
    answer_type=str,
    wrong_examples=("11", "9", "3"),
))

register(Question(
    qid="03-q4",
    expected=_modal_words,
    hint="Tag the insertion-free cable with nltk.pos_tag and keep the lower-cased words whose tag is exactly \"MD\".",
    answer_type=set,
    wrong_examples=({"will", "must"}, {"will", "must", "can", "should", "need"}, {"will", "must", "can", "should"}),
))

register(Question(
    qid="03-q5",
    expected=_sentence_score,
    hint="Use SentimentIntensityAnalyzer().polarity_scores(sentence) and take the \"compound\" value.",
    answer_type=float,
    wrong_examples=(0.0, 0.836, -2.2),
))

register(Question(
    qid="03-q6",
    expected=_edited_point2_mean,
    hint="Make a NEW analyzer, update its .lexicon with the five edits, score every sentence of point 2 "
         "(insertions removed, nltk.sent_tokenize per paragraph) and take the mean of the compound scores.",
    answer_type=float,
    wrong_examples=(0.0, -0.014, 0.75),
))

register(Question(
    qid="03-q7",
    expected=_passives_by_us,
    hint="Your pattern needs a form of 'to be', a participle, and 'by us' or 'by our forces'; "
         "remember 'thrown back' and 'encircled on all sides'.",
    answer_type=int,
    wrong_examples=(4, 5, 2, 17),
))

register(Question(
    qid="03-q8",
    expected=_comparative_words,
    hint="Keep the lower-cased words tagged JJR, JJS, RBR or RBS (all four tags).",
    answer_type=set,
    wrong_examples=(
        {"greater", "biggest", "largest", "faster", "larger", "best"},
        {"greater", "more", "biggest", "largest", "faster", "larger", "best"},
    ),
))
