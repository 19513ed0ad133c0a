"""Self-checks for solutions/01-close-reading.ipynb.

Expected answers come from the hand-made tables in data/ (editorial_marks, people, places)
wherever a table records the fact, so a check compares a student's computation on the text
with an independent, hand-checked record.
"""
import re

from cablekit.checks import Question, register
from cablekit.data import load_paragraphs, load_table, load_text
from cablekit.text import cable_words


def _insertions() -> int:
    return len(load_table("editorial_marks"))


def _kinds() -> dict:
    counts = load_table("editorial_marks")["kind"].value_counts()
    return {kind: int(n) for kind, n in counts.items()}


def _longest_point() -> str:
    paragraphs = load_paragraphs()
    paragraphs = paragraphs[paragraphs["point"].astype(str).str.isdigit()]
    words = paragraphs.assign(n=paragraphs["text"].map(lambda t: len(cable_words(t))))
    totals = words.groupby("point", observed=True)["n"].sum()
    return str(totals.idxmax())


def _moscow_points() -> list:
    places = load_table("places")
    return places.loc[places["name_in_text"] == "Moscow", "points"].iloc[0].split(";")


def _uncertain_people() -> set:
    people = load_table("people")
    return set(people.loc[people["confidence"] != "high", "name_in_text"])


def _pingjin_places() -> set:
    places = load_table("places")
    main = places[places["same_place_as"].isna() & places["operation"].str.startswith("Pingjin")]
    return set(main["name_in_text"])


def _i_and_we() -> dict:
    words = cable_words(load_text())
    return {"i": words.count("i"), "we": words.count("we")}


def _words_added() -> int:
    return sum(len(cable_words(mark, keep_insertions=True)) for mark in load_table("editorial_marks")["mark"])


def _name_spotting() -> dict:
    from nltk.corpus import words as nltk_words

    vocabulary = {word.lower() for word in nltk_words.words()}
    tokens = cable_words(load_text(), lower=False, keep_insertions=True)
    parts = {part for token in tokens for part in token.split("-") if part}
    flagged = {part for part in parts if part[0].isupper() and part.lower() not in vocabulary}
    names = list(load_table("people")["name_in_text"]) + list(load_table("places")["name_in_text"])
    gold = {part for name in names for part in re.split(r"[\s-]+", name) if part[:1].isupper()} & parts
    hits = flagged & gold
    return {"precision": len(hits) / len(flagged), "recall": len(hits) / len(gold)}


register(Question(
    qid="01-q1",
    expected=_insertions,
    hint="Use EDITORIAL_INSERTION.findall on the whole text (load_text()) and count the matches; every bracket counts, even repeated ones.",
    answer_type=int,
    wrong_examples=(3, 22, 25, 27),
))

register(Question(
    qid="01-q2",
    expected=_kinds,
    hint="Load the table with load_table(\"editorial_marks\"), then use .value_counts() on its kind column and turn it into a dict.",
    answer_type=(dict,),
    wrong_examples=({"supplied_word": 16, "alternative_name": 4, "gloss": 3, "sic": 3},
                    {"supplied_word": 17, "alternative_name": 4, "gloss": 2, "sic": 2, "conjecture": 1}),
))

register(Question(
    qid="01-q3",
    expected=_longest_point,
    hint="Count words per paragraph with cable_words, add them up per point with groupby, leave out the unnumbered parts, and give the point as text, e.g. \"7\".",
    answer_type=str,
    wrong_examples=("12", "11", "3"),
))

register(Question(
    qid="01-q4",
    expected=_moscow_points,
    hint="Find the paragraphs whose text contains \"Moscow\" and list their points in the cable's order, each once, as text.",
    answer_type=(list, tuple),
    wrong_examples=(["1"], ["12"], ["1", "12", "12"], ["12", "1"]),
))

register(Question(
    qid="01-q5",
    expected=_uncertain_people,
    hint="Filter people.csv to the rows whose confidence is not \"high\" and take the spellings as they stand in the text (name_in_text).",
    answer_type=(set, list, tuple),
    wrong_examples=({"Hua Nanshe"}, {"Hua Nanshe", "main master"}, {"Zhang Lan", "Hua Nanshe", "main master"}),
))

register(Question(
    qid="01-q6",
    expected=_pingjin_places,
    hint="Keep the rows of places.csv whose operation starts with \"Pingjin\" and whose same_place_as is empty (isna()); answer with the spellings in the text.",
    answer_type=(set, list, tuple),
    wrong_examples=({"Beiping", "Tianjin", "Tanggu", "Kalgan"},
                    {"Beiping", "Beijing", "Tianjin", "Tanggu", "Kalgan", "Shanhaiguan", "Tangshan", "Beipinglu-Pingsuilu"}),
))

register(Question(
    qid="01-q7",
    expected=_i_and_we,
    hint="Use cable_words(load_text()) (lower case, insertions left out) and .count() each word; the editors' [I] and [we] do not count.",
    answer_type=dict,
    wrong_examples=({"i": 3, "we": 15}, {"i": 2, "we": 15}, {"i": 3, "we": 12}),
))

register(Question(
    qid="01-q8",
    expected=_words_added,
    hint="Compare len(cable_words(text, keep_insertions=True)) with len(cable_words(text)).",
    answer_type=int,
    wrong_examples=(26, 31, 40),
))

register(Question(
    qid="01-q9",
    expected=_name_spotting,
    hint="Split hyphenated tokens, flag capitalised parts whose lower case is not in the words list, build the gold set from both tables' names, then precision = hits / flagged, recall = hits / gold.",
    answer_type=dict,
    wrong_examples=({"precision": 1.0, "recall": 1.0}, {"precision": 0.73, "recall": 0.86}),
))
