"""Self-checks for solutions/03-rhetoric.ipynb.

Every expected answer and every known mistake is computed from data/ (or an NLTK corpus) when a
check runs; nothing is computed at import. Where possible the expected value takes another route
than the one the solution teaches: the "we" counts use the lexicon through cablekit.highlight,
while students count tokens; the passive count uses the plain phrase "by us" / "by our forces",
while students write a passive pattern. A mistake's value is what that mistake really produces,
computed the mistaken way. Tasks 03-q6, 03-q7 and 03-q10 apply the lesson's methods to material
whose answers the lesson does not print (point 11's and point 3's clauses, Truman's 1949 address).
"""
from __future__ import annotations

import re
from functools import lru_cache

import nltk

from cablekit.checks import Question, register
from cablekit.data import load_paragraphs, load_table, load_text
from cablekit.highlight import category_counts
from cablekit.text import cable_words, remove_editorial_insertions

NUMBERED = [str(n) for n in range(1, 13)]
WE_FORMS = {"we", "our", "us"}

#: The lexicon edits task 8 asks for (word -> new VADER valence).
TASK8_EDITS = {"destroyed": 2.0, "defeated": 2.0, "encircled": 1.5, "finished": 1.5, "flee": 1.0}

#: The sentence task 5 scores.
VICTORY_SENTENCE = "By the present time 15 divisions of Fu Zuoyi have been destroyed by us."


def _point_text(point: str) -> str:
    paragraphs = load_paragraphs()
    return "\n\n".join(paragraphs.loc[paragraphs["point"] == point, "text"])


def _we_count() -> int:
    return int(category_counts(load_text())["we"])


def _we_with_insertions() -> int:
    return int(category_counts(load_text(), keep_insertions=True)["we"])


def _we_lowercased() -> int:
    """The 'US' mistake: lower-case every word, then count we/our/us (the United States becomes 'us')."""
    return sum(1 for word in cable_words(load_text()) if word in WE_FORMS)


def _adversary_by_point() -> dict:
    return {point: int(category_counts(_point_text(point))["adversary"]) for point in NUMBERED}


def _most_adversary_point() -> str:
    counts = _adversary_by_point()
    return max(NUMBERED, key=lambda point: (counts[point], -int(point)))   # ties: the earlier point


def _densest_adversary_point() -> str:
    """The per-100-words mistake: the point with the highest adversary rate, not count."""
    counts = _adversary_by_point()
    rates = {point: counts[point] / len(cable_words(_point_text(point))) for point in NUMBERED}
    return max(NUMBERED, key=lambda point: (rates[point], -int(point)))


@lru_cache(maxsize=1)
def _tagged_cable() -> tuple:
    return tuple(nltk.pos_tag(nltk.word_tokenize(remove_editorial_insertions(load_text()))))


def _modal_words() -> set:
    return {word.lower() for word, tag in _tagged_cable() if tag == "MD"}


def _lexicon_modals() -> set:
    """The lexicon mistake: the lexicon's modal terms instead of the tagger's MD words."""
    lexicon = load_table("rhetoric_lexicon")
    return set(lexicon.loc[lexicon["category"] == "modal", "term"])


def _sentence_score() -> float:
    from nltk.sentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer().polarity_scores(VICTORY_SENTENCE)["compound"]


def _clauses():
    clauses = load_table("clauses")
    clauses["point"] = clauses["point"].astype(str)
    return clauses


def _adversary_actors_in_11() -> int:
    clauses = _clauses()
    return int(((clauses["point"] == "11") & (clauses["actor_side"] == "adversary")).sum())


def _adversary_actors_anywhere() -> int:
    """The one-condition mistake: adversary actors in the whole cable, not only point 11."""
    return int((_clauses()["actor_side"] == "adversary").sum())


def _truman_counts() -> tuple[int, int]:
    from nltk.corpus import state_union

    text = state_union.raw("1949-Truman.txt")
    words = cable_words(text, lower=False)
    we = len(re.findall(r"(?<!\w)(?:[Ww]e|[Oo]ur|[Uu]s)(?!\w)", text))   # another route: a plain regex
    return we, len(words)


def _truman_we_rate() -> float:
    we, words = _truman_counts()
    return 100 * we / words


def _edited_point2_mean() -> float:
    from nltk.sentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    analyzer.lexicon.update(TASK8_EDITS)
    scores = [
        analyzer.polarity_scores(sentence)["compound"]
        for text in load_paragraphs().query("point == '2'")["text"]
        for sentence in nltk.sent_tokenize(remove_editorial_insertions(text))
    ]
    return round(sum(scores) / len(scores), 3)


def _unedited_point2_mean() -> float:
    """The shared-analyzer mistake undone: the mean with VADER as shipped."""
    from nltk.sentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    scores = [
        analyzer.polarity_scores(sentence)["compound"]
        for text in load_paragraphs().query("point == '2'")["text"]
        for sentence in nltk.sent_tokenize(remove_editorial_insertions(text))
    ]
    return round(sum(scores) / len(scores), 3)


def _passives_by_us() -> int:
    return len(re.findall(r"\bby (?:us|our forces)\b", remove_editorial_insertions(load_text())))


def _passives_by_us_without_forces() -> int:
    """The 'our forces' mistake: only 'by us' agents."""
    return len(re.findall(r"\bby us\b", remove_editorial_insertions(load_text())))


def _unstated_actors_in_3() -> int:
    clauses = _clauses()
    return int(((clauses["point"] == "3") & (clauses["actor_in_text"] != "explicit")).sum())


def _inserted_actors_in_3() -> int:
    """One-kind mistake: only the editors' insertions."""
    clauses = _clauses()
    return int(((clauses["point"] == "3") & (clauses["actor_in_text"] == "editors' insertion")).sum())


def _comparative_words() -> set:
    return {word.lower() for word, tag in _tagged_cable() if tag in ("JJR", "JJS", "RBR", "RBS")}


def _comparatives_only() -> set:
    """The two-tags mistake: only the comparatives JJR and RBR, no superlatives."""
    return {word.lower() for word, tag in _tagged_cable() if tag in ("JJR", "RBR")}


register(Question(
    qid="03-q1",
    expected=_we_count,
    hint="Count we, our and us in any capitalisation, but not the capitals US (the United States); "
         "leave out the editors' [insertions].",
    answer_type=int,
    wrong_examples=(12, 30),
    mistakes=lambda: (
        (_we_lowercased(), "You counted lower-cased words, so 'US' (the United States) became 'us': keep the capitals "
                           "with lower=False and skip the word 'US'."),
        (_we_with_insertions(), "You counted the editors' [insertions] too: leave keep_insertions at its default."),
    ),
))

register(Question(
    qid="03-q2",
    expected=lambda: _we_with_insertions() - _we_count(),
    hint="Count the first-person plural forms with keep_insertions=True and without, and subtract.",
    answer_type=int,
    wrong_examples=(0, 1, 27),
    mistakes=lambda: (
        (_we_with_insertions(), "That is the total with the insertions: subtract the count without them (task 1)."),
    ),
))

register(Question(
    qid="03-q3",
    expected=_most_adversary_point,
    hint="Count adversary terms point by point (1-12) and give the point with the largest count, "
         "as text such as \"7\".",
    answer_type=str,
    wrong_examples=("9", "3"),
    mistakes=lambda: (
        (_densest_adversary_point(), "That point has the highest rate per 100 words; this task asks for the largest "
                                     "count of mentions."),
    ),
))

register(Question(
    qid="03-q4",
    expected=_modal_words,
    hint="Tag the insertion-free cable with nltk.pos_tag and keep the lower-cased words whose tag is exactly \"MD\".",
    answer_type=set,
    wrong_examples=({"will", "must"}, {"will", "must", "can", "should"}),
    mistakes=lambda: (
        (_lexicon_modals(), "Those are the lexicon's modal terms; the task asks for the words the tagger tags \"MD\"."),
    ),
))

register(Question(
    qid="03-q5",
    expected=_sentence_score,
    hint="Use SentimentIntensityAnalyzer().polarity_scores(sentence) and take the \"compound\" value.",
    answer_type=float,
    wrong_examples=(0.0, 0.836),
    mistakes=lambda: (
        (-2.2, "That is the valence of the word \"destroyed\" in VADER's lexicon, not the sentence's compound score."),
    ),
))

register(Question(
    qid="03-q6",
    expected=_adversary_actors_in_11,
    hint="Keep the rows of clauses whose point is \"11\" AND whose actor_side is \"adversary\" (two conditions "
         "joined with &, each in brackets), then count them.",
    answer_type=int,
    wrong_examples=(0, 5),
    mistakes=lambda: (
        (_adversary_actors_anywhere(), "That counts the whole cable: also keep only the rows of point \"11\"."),
        (int((_clauses()["point"] == "11").sum()), "That is every clause of point 11: also keep only the adversary's."),
    ),
))

register(Question(
    qid="03-q7",
    expected=_truman_we_rate,
    hint="Count we/our/us (not 'US') in the address with cable_words(text, lower=False), divide by the number "
         "of words from cable_words(text), and multiply by 100.",
    answer_type=float,
    wrong_examples=(1.9, 45.1),
    mistakes=lambda: (
        (_truman_counts()[0], "That is the count; divide by the number of words and multiply by 100."),
        (_truman_we_rate() / 100, "That is per word: multiply by 100 to get a rate per 100 words."),
    ),
))

register(Question(
    qid="03-q8",
    expected=_edited_point2_mean,
    hint="Make a NEW analyzer, update its .lexicon with the five edits, score every sentence of point 2 "
         "(insertions removed, nltk.sent_tokenize per paragraph) and take the mean of the compound scores.",
    answer_type=float,
    wrong_examples=(0.0, 0.75),
    mistakes=lambda: (
        (_unedited_point2_mean(), "That is the mean with VADER as shipped: did the edits reach the analyzer you "
                                  "scored with?"),
    ),
))

register(Question(
    qid="03-q9",
    expected=_passives_by_us,
    hint="Your pattern needs a form of 'to be', a participle, and 'by us' or 'by our forces'; "
         "remember 'thrown back' and 'encircled on all sides'.",
    answer_type=int,
    wrong_examples=(2, 17),
    mistakes=lambda: (
        (_passives_by_us_without_forces(), "You found only the agents \"by us\": add \"by our forces\"."),
    ),
))

register(Question(
    qid="03-q10",
    expected=_unstated_actors_in_3,
    hint="Keep the clauses of point \"3\" whose actor_in_text is anything but \"explicit\", then count them.",
    answer_type=int,
    wrong_examples=(0, 7),
    mistakes=lambda: (
        (_inserted_actors_in_3(), "You counted only the editors' insertions: an understood subject, an "
                                  "impersonal \"one\" and a passive without agent are not explicit either."),
    ),
))

register(Question(
    qid="03-q11",
    expected=_comparative_words,
    hint="Keep the lower-cased words tagged JJR, JJS, RBR or RBS (all four tags).",
    answer_type=set,
    wrong_examples=(
        {"greater", "biggest", "largest", "faster", "larger", "best"},
    ),
    mistakes=lambda: (
        (_comparatives_only(), "Those are the comparatives only (JJR, RBR): add the superlatives, tagged JJS and RBS."),
    ),
))
