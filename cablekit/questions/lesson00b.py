"""Self-checks for solutions/00b-python-primer.ipynb.

Every expected answer and every known mistake is computed from data/ when a check runs (nothing
at import). A mistake's value is what that mistake really produces, computed the mistaken way.
The primer's examples use other parts of the cable than its tasks, so no answer is printed in
the lesson.
"""
from cablekit.checks import Question, register
from cablekit.data import load_paragraphs, load_text

NUMBERED = [str(n) for n in range(1, 13)]


def _paragraph(paragraph_id: str) -> str:
    paragraphs = load_paragraphs()
    return paragraphs.loc[paragraphs["paragraph_id"] == paragraph_id, "text"].iloc[0]


def _place_counts(count) -> dict:
    text = load_text()
    return {place: count(text, place) for place in ("Moscow", "Beiping", "Tianjin")}


def _words_per_point():
    paragraphs = load_paragraphs()
    words = paragraphs.assign(words=paragraphs["text"].map(lambda text: len(text.split())))
    return words.groupby("point", observed=True)["words"].sum()


def _forces_outside_point_2(outside: bool = True) -> int:
    paragraphs = load_paragraphs()
    mask = paragraphs["text"].str.contains("forces")
    if outside:
        mask = mask & (paragraphs["point"] != "2")
    return int(mask.sum())


register(Question(
    qid="00b-q1",
    expected=lambda: len(_paragraph("p03").split()),
    hint="Split the paragraph's text on spaces with .split(), which gives a list of words, and take len() of the list.",
    answer_type=int,
    wrong_examples=(22, 24, 2),
    mistakes=lambda: (
        # len(text): characters
        (len(_paragraph("p03")), "That is the number of characters (letters, spaces, punctuation): split the text into words first."),
        # counting sentences (split on ". ")
        (len(_paragraph("p03").split(". ")), "That counts sentences: .split() with nothing between the brackets splits on spaces."),
    ),
))

register(Question(
    qid="00b-q2",
    expected=lambda: _paragraph("p03").split()[:5],
    hint="Make the list of words with .split(), then take a slice: the first five items are words[0:5].",
    answer_type=list,
    wrong_examples=(["Will", "act", "in", "accordance"], ["with", "accordance", "in", "act", "Will"]),
    mistakes=lambda: (
        # words[1:6]: counting from 1
        (_paragraph("p03").split()[1:6], "Python counts from 0: the first word is words[0], so the first five are words[0:5]."),
        # words[:6] or words[0:6]
        (_paragraph("p03").split()[:6], "That is six words: a slice words[0:5] stops just before position 5."),
    ),
))

register(Question(
    qid="00b-q3",
    expected=lambda: _place_counts(lambda text, place: text.count(place)),
    hint="Loop over the three names; for each, text.count(name) gives how often it occurs; store it under the name as key.",
    answer_type=dict,
    wrong_examples=({"Moscow": 3, "Beiping": 5}, {"Moscow": 3, "Beiping": 5, "Tianjin": 3}),
    mistakes=lambda: (
        # text.split().count(name): misses "Moscow." and "Beiping," with punctuation attached
        (_place_counts(lambda text, place: text.split().count(place)),
         "Counting the list of words misses \"Moscow.\" and \"Beiping,\", where punctuation sticks to the word: use text.count(name) on the text itself."),
    ),
))

register(Question(
    qid="00b-q4",
    expected=lambda: int(_words_per_point()["9"]),
    hint="Make words_in(text) return how many words the text has (the primer's split() section shows how); then loop over point 9's paragraphs and add up what it returns.",
    answer_type=int,
    wrong_examples=(89, 91, 2),
    mistakes=lambda: (
        # counting characters inside the function
        (int(load_paragraphs().loc[lambda t: t["point"] == "9", "text"].str.len().sum()),
         "That counts characters: inside words_in, split the text into words before you take len()."),
        # only the first paragraph of point 9
        (len(load_paragraphs().loc[lambda t: t["point"] == "9", "text"].iloc[0].split()),
         "That is only the first paragraph: point 9 has more; add up the words of every one (a for loop)."),
        # overwriting the total in the loop instead of adding to it: the last paragraph's count
        (len(load_paragraphs().loc[lambda t: t["point"] == "9", "text"].iloc[-1].split()),
         "That is the last paragraph's count: inside the loop, add to the total (total = total + ...) instead of replacing it."),
    ),
))

register(Question(
    qid="00b-q5",
    expected=_forces_outside_point_2,
    hint="Combine two True/False Series with &: (paragraphs[\"point\"] != \"2\") & paragraphs[\"text\"].str.contains(\"forces\"), "
         "each part in brackets, then .sum().",
    answer_type=int,
    wrong_examples=(8, 10, 4),
    mistakes=lambda: (
        # no point condition, or != 2 with the number 2 (true for every row)
        (_forces_outside_point_2(outside=False),
         "That count still includes point 2's paragraphs. Check the point condition: paragraphs[\"point\"] != \"2\", with "
         "\"2\" in quotes (the column holds text, so comparing with the number 2 is never equal)."),
    ),
))

register(Question(
    qid="00b-q6",
    expected=lambda: str(_words_per_point()[NUMBERED].idxmin()),
    hint="Add a words column with .map(lambda text: len(text.split())), group by point, sum, keep points \"1\" to \"12\", then .idxmin(). "
         "Answer with the point as text, e.g. \"7\".",
    answer_type=str,
    wrong_examples=("5", "12", "closing"),
    mistakes=lambda: (
        # idxmin over every part, salutation and signature included
        (str(_words_per_point().idxmin()),
         "That is not a numbered point: keep only points \"1\" to \"12\" before .idxmin() (e.g. totals[[str(n) for n in range(1, 13)]])."),
        (str(_words_per_point()[NUMBERED].idxmax()), "That is the longest point: .idxmax() gives the largest, .idxmin() the smallest."),
    ),
))
