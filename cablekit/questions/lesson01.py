"""Self-checks for solutions/01-close-reading.ipynb.

Expected answers come from the hand-made tables in data/ (editorial_marks, people, places,
basemap) wherever a table records the fact, so a check compares a student's computation on the
text with an independent, hand-checked record. Nothing is computed at import: expected answers,
wrong examples and mistakes are functions, called when a check runs.

Each ``mistakes`` value is what the named mistake really produces (the function computes it by
making that mistake), so the targeted hint fires exactly for that slip.
"""
import math
import re

from cablekit.checks import Question, register
from cablekit.data import load_paragraphs, load_table, load_text
from cablekit.text import EDITORIAL_INSERTION, cable_words

POCKET = "area to the southwest of Suizhou"


# --------------------------------------------------------------------------- helpers

def _numbered_paragraphs():
    paragraphs = load_paragraphs()
    return paragraphs[paragraphs["point"].astype(str).str.isdigit()]


def _words_per_point(keep_insertions: bool = False):
    numbered = _numbered_paragraphs()
    counted = numbered.assign(n=numbered["text"].map(lambda t: len(cable_words(t, keep_insertions=keep_insertions))))
    return counted.groupby("point", observed=True)["n"].sum()


def _great_circle_km(lat1, lon1, lat2, lon2, to_radians=True):
    if to_radians:
        lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _where(name):
    row = load_table("places").set_index("name_in_text").loc[name]
    return float(row["lat"]), float(row["lon"])


def _huai_latitude_at(lon):
    import numpy as np

    basemap = load_table("basemap")
    huai = basemap[(basemap["layer"] == "river") & (basemap["name"] == "Huai River")]
    return float(np.interp(lon, huai["lon"], huai["lat"]))


# --------------------------------------------------------------------------- expected answers

def _insertions() -> int:
    return len(load_table("editorial_marks"))


def _kinds() -> dict:
    counts = load_table("editorial_marks")["kind"].value_counts()
    return {kind: int(n) for kind, n in counts.items()}


def _longest_point() -> str:
    return str(_words_per_point().idxmax())


def _moscow_points() -> list:
    places = load_table("places")
    return places.loc[places["name_in_text"] == "Moscow", "points"].iloc[0].split(";")


def _not_secure(column="name_in_text", keep=lambda confidence: confidence != "high") -> set:
    people = load_table("people")
    return set(people.loc[people["confidence"].map(keep), column])


def _pingjin_places(drop_aliases=True) -> set:
    places = load_table("places")
    pingjin = places[places["operation"].str.startswith("Pingjin")]
    if drop_aliases:
        pingjin = pingjin[pingjin["same_place_as"].isna()]
    return set(pingjin["name_in_text"])


def _i_and_we(keep_insertions=False) -> dict:
    words = cable_words(load_text(), keep_insertions=keep_insertions)
    return {"i": words.count("i"), "we": words.count("we")}


def _words_added() -> int:
    return sum(len(cable_words(mark, keep_insertions=True)) for mark in load_table("editorial_marks")["mark"])


def _name_spotting(split_hyphens=True) -> dict:
    from nltk.corpus import words as nltk_words

    vocabulary = {word.lower() for word in nltk_words.words()}
    tokens = cable_words(load_text(), lower=False, keep_insertions=True)
    parts = {part for token in tokens for part in (token.split("-") if split_hyphens else [token]) if part}
    flagged = {part for part in parts if part[0].isupper() and part.lower() not in vocabulary}
    names = list(load_table("people")["name_in_text"]) + list(load_table("places")["name_in_text"])
    gold = {part for name in names for part in re.split(r"[\s-]+", name) if part[:1].isupper()} & parts
    hits = flagged & gold
    return {"precision": len(hits) / len(flagged), "recall": len(hits) / len(gold)}


def _pocket_to_suizhou_km(to_radians=True) -> float:
    (lat1, lon1), (lat2, lon2) = _where(POCKET), _where("Suizhou")
    return _great_circle_km(lat1, lon1, lat2, lon2, to_radians)


def _pocket_north_of_huai_km() -> float:
    lat, lon = _where(POCKET)
    return _great_circle_km(lat, lon, _huai_latitude_at(lon), lon)


def _insertion_counts():
    numbered = _numbered_paragraphs()
    return numbered.assign(
        insertions=numbered["text"].map(lambda t: len(EDITORIAL_INSERTION.findall(t))),
        words=numbered["text"].map(lambda t: len(cable_words(t))),
    ).groupby("point", observed=True)[["insertions", "words"]].sum()


def _insertions_per_100_words() -> str:
    counts = _insertion_counts()
    return str((100 * counts["insertions"] / counts["words"]).idxmax())


def _most_insertions() -> list:
    """Every point with the largest raw number of insertions (there may be a tie)."""
    counts = _insertion_counts()["insertions"]
    return [str(point) for point in counts.index[counts == counts.max()]]


def _longest_paragraph_point() -> str:
    numbered = _numbered_paragraphs()
    words = numbered["text"].map(lambda t: len(cable_words(t)))
    return str(numbered.loc[words.idxmax(), "point"])


# --------------------------------------------------------------------------- the questions

register(Question(
    qid="01-q1",
    expected=_insertions,
    hint="Use EDITORIAL_INSERTION.findall on the whole text (load_text()) and count the matches; every bracket counts, even repeated ones.",
    answer_type=int,
    wrong_examples=(3, 22, 25, 27),
    mistakes=lambda: (
        (len(re.findall(r"\[.*\]", load_text())), "That is what the greedy pattern \\[.*\\] finds: it runs from the first [ to the last ] of a line and swallows the insertions between. Use EDITORIAL_INSERTION."),
        (len(set(EDITORIAL_INSERTION.findall(load_text()))), "You counted each different insertion once (a set); count every match, repeats included."),
    ),
))

register(Question(
    qid="01-q2",
    expected=_kinds,
    hint="Load the table with load_table(\"editorial_marks\"), then use .value_counts() on its kind column and turn it into a dict.",
    answer_type=(dict,),
    wrong_examples=({"supplied_word": 16, "alternative_name": 4, "gloss": 3, "sic": 3},
                    {"supplied_word": 17, "alternative_name": 4, "gloss": 2, "sic": 2, "conjecture": 1}),
    mistakes=lambda: (
        ({kind: float(share) for kind, share in load_table("editorial_marks")["kind"].value_counts(normalize=True).items()},
         "Those are shares of all insertions (normalize=True); the task asks how many rows of each kind."),
    ),
))

register(Question(
    qid="01-q3",
    expected=_longest_point,
    hint="Count words per paragraph with cable_words, add them up per point with groupby, leave out the unnumbered parts, and give the point as text, e.g. \"7\".",
    answer_type=str,
    wrong_examples=("12", "11", "3"),
    mistakes=lambda: (
        (_longest_paragraph_point(),
         "That is the point of the longest single paragraph. A point can have several paragraphs: add them up per point with groupby(\"point\") before idxmax()."),
    ),
))

register(Question(
    qid="01-q4",
    expected=_moscow_points,
    hint="Find the paragraphs whose text contains \"Moscow\" and list their points in the cable's order, each once, as text.",
    answer_type=(list, tuple),
    wrong_examples=(["1"], ["12"], ["1", "12", "12"], ["12", "1"]),
    mistakes=lambda: (
        ([p for p, t in zip(load_paragraphs()["point"].astype(str), load_paragraphs()["text"]) for _ in range(t.count("Moscow"))],
         "You listed a point once for every mention of Moscow; list each point once (dict.fromkeys keeps the order and drops repeats)."),
        (list(reversed(_moscow_points())), "Right points, wrong order: list them in the cable's order, first to last."),
    ),
))

register(Question(
    qid="01-q5",
    expected=_not_secure,
    hint="Filter people.csv to the rows whose confidence is not \"high\" and take the spellings as they stand in the text (name_in_text).",
    answer_type=(set, list, tuple),
    wrong_examples=({"Hua Nanshe"}, {"Hua Nanshe", "main master"}, {"Zhang Lan", "Hua Nanshe", "main master"}),
    mistakes=lambda: (
        (_not_secure(keep=lambda c: c in ("low", "uncertain")),
         "\"medium\" is not \"high\" either: keep every row whose confidence is not \"high\" (!= \"high\")."),
        (_not_secure(column="standard_name"),
         "Those are the standard names; the task asks for the spellings in the text (name_in_text)."),
    ),
))

register(Question(
    qid="01-q6",
    expected=_pingjin_places,
    hint="Keep the rows of places.csv whose operation starts with \"Pingjin\" and whose same_place_as is empty (isna()); answer with the spellings in the text.",
    answer_type=(set, list, tuple),
    wrong_examples=({"Beiping", "Tianjin", "Tanggu", "Kalgan"},
                    {"Beiping", "Tianjin", "Tanggu", "Kalgan", "Shanhaiguan", "Tangshan", "Beipinglu-Pingsuilu"}),
    mistakes=lambda: (
        (_pingjin_places(drop_aliases=False),
         "You kept an alias too (\"[Beijing]\" is another name for Beiping): drop the rows whose same_place_as is filled."),
    ),
))

register(Question(
    qid="01-q7",
    expected=_i_and_we,
    hint="Use cable_words(load_text()) (lower case, insertions left out) and .count() each word; the editors' [I] and [we] do not count.",
    answer_type=dict,
    wrong_examples=({"i": 3, "we": 15}, {"i": 2, "we": 15}, {"i": 3, "we": 12}),
    mistakes=lambda: (
        (_i_and_we(keep_insertions=True),
         "You counted the editors' bracketed [I] and [We] as well: use cable_words(text) without keep_insertions."),
    ),
))

register(Question(
    qid="01-q8",
    expected=_words_added,
    hint="Compare len(cable_words(text, keep_insertions=True)) with len(cable_words(text)).",
    answer_type=int,
    wrong_examples=(26, 31, 40),
    mistakes=lambda: (
        (len(EDITORIAL_INSERTION.findall(load_text())),
         "That is the number of insertions; some insertions hold more than one word ([GMD General]). Count words, not brackets."),
    ),
))

register(Question(
    qid="01-q9",
    expected=_name_spotting,
    hint="Split hyphenated tokens, flag capitalised parts whose lower case is not in the words list, build the gold set from both tables' names, then precision = hits / flagged, recall = hits / gold.",
    answer_type=dict,
    wrong_examples=({"precision": 1.0, "recall": 1.0}, {"precision": 0.73, "recall": 0.86}),
    mistakes=lambda: (
        ({"precision": _name_spotting()["recall"], "recall": _name_spotting()["precision"]},
         "Precision and recall are swapped: precision divides the hits by what was flagged, recall by the answer key."),
        (_name_spotting(split_hyphens=False),
         "Split the hyphenated tokens first (\"Marx-Engels-Lenin-Stalin\", \"Beipinglu-Pingsuilu\"): token.split(\"-\")."),
    ),
))

# ---- new material: applying the lesson's methods where the lesson did not

register(Question(
    qid="01-q10",
    expected=_pocket_to_suizhou_km,
    hint="Use the lesson's great_circle_km with the lat and lon of the rows \"area to the southwest of Suizhou\" and \"Suizhou\" in places.csv.",
    answer_type=float,
    wrong_examples=(75.0, 149.0),
    mistakes=lambda: (
        (_pocket_to_suizhou_km(to_radians=False),
         "The trigonometry functions of math take radians: convert the degrees with math.radians first (great_circle_km does)."),
        (math.hypot(_where(POCKET)[0] - _where("Suizhou")[0], _where(POCKET)[1] - _where("Suizhou")[1]) * 111.32,
         "A degree of longitude is shorter than a degree of latitude away from the equator (times cos(latitude)); use the great-circle formula."),
        (_great_circle_km(_where(POCKET)[1], _where(POCKET)[0], _where("Suizhou")[1], _where("Suizhou")[0]),
         "Latitude and longitude are swapped: great_circle_km takes (lat1, lon1, lat2, lon2)."),
    ),
))

register(Question(
    qid="01-q11",
    expected=_pocket_north_of_huai_km,
    hint="Take the Huai River rows of load_table(\"basemap\"), find the river's latitude at the pocket's longitude with numpy's np.interp, then measure north-south with great_circle_km (same longitude twice).",
    answer_type=float,
    wrong_examples=(120.0, 250.0),
    mistakes=lambda: (
        (_where(POCKET)[0] - _huai_latitude_at(_where(POCKET)[1]),
         "That is the difference in degrees of latitude; the task asks for kilometres (one degree of latitude is about 111 km)."),
        (_great_circle_km(*_where("Suizhou"), _huai_latitude_at(_where("Suizhou")[1]), _where("Suizhou")[1]),
         "That is Suizhou's distance from the river; the task asks about the pocket, the row \"area to the southwest of Suizhou\"."),
    ),
))

register(Question(
    qid="01-q12",
    expected=_insertions_per_100_words,
    hint="Per numbered point, count the insertions (EDITORIAL_INSERTION.findall) and the words (cable_words), divide, times 100, and give the point with the highest rate as text.",
    answer_type=str,
    wrong_examples=("7", "11"),
    mistakes=lambda: tuple(
        (point, "That point has the most insertions, but it is also long: divide by its number of words (insertions per 100 words).")
        for point in _most_insertions() if point != _insertions_per_100_words()
    ),
))
