"""Self-checks for solutions/00-start-here.ipynb.

Every expected answer and every known mistake is computed from data/ when a check runs (nothing
at import). A mistake's value is what that mistake really produces, computed the mistaken way.
Tasks 00-q2, 00-q4 and 00-q6 apply the method to parts of the cable whose counts lesson 0
does not print.
"""
from cablekit.checks import Question, register
from cablekit.data import load_metadata, load_paragraphs


def _rows_in_point(point: str) -> int:
    paragraphs = load_paragraphs()
    return int((paragraphs["point"] == point).sum())


def _point_naming_taiyuan() -> int:
    paragraphs = load_paragraphs()
    hits = paragraphs[paragraphs["text"].str.contains("Taiyuan")]
    return int(hits["point"].iloc[0])


def _paragraphs_naming(word: str) -> int:
    return int(load_paragraphs()["text"].str.contains(word).sum())


def _words_in_point_12() -> int:
    paragraphs = load_paragraphs()
    return sum(len(text.split()) for text in paragraphs.loc[paragraphs["point"] == "12", "text"])


register(Question(
    qid="00-q1",
    expected=lambda: _rows_in_point("2"),
    hint="Filter the paragraphs table to the rows whose point is \"2\" (text, in quotes), then count the rows.",
    answer_type=int,
    wrong_examples=(1, 12, 29),
    mistakes=lambda: (
        # paragraphs["point"] == 2 (a number) matches no row of a text column
        (0, "You compared with the number 2, which matches no row: the point column holds text, so compare with \"2\" in quotes."),
        # len(paragraphs): every row of the table
        (len(load_paragraphs()), "That is every row of the table: first keep only the rows whose point is \"2\", then count."),
    ),
))

register(Question(
    qid="00-q3",
    expected=_point_naming_taiyuan,
    hint="Use .str.contains(\"Taiyuan\") on the text column, then look at the point of the matching row. Answer with a number.",
    answer_type=int,
    wrong_examples=(3, 12),
    mistakes=lambda: (
        # matches.index[0]: the row label, not the point
        (int(load_paragraphs()["text"].str.contains("Taiyuan").idxmax()),
         "That is the row's number in the table (its index), not the point: take the \"point\" column of the matching row."),
    ),
))

register(Question(
    qid="00-q5",
    expected=lambda: load_metadata()["archive"]["listy"]["value"],
    hint="The leaves are the last part of the call number, after \"Ll.\"; answer as text, e.g. \"1-2\".",
    answer_type=str,
    wrong_examples=("39", "31", "495-497"),
    mistakes=lambda: (
        # metadata["printed_source"]["pages"]: the printed edition's pages
        (load_metadata()["printed_source"]["pages"],
         "Those are the pages of the printed edition (printed_source), not the leaves of the archive file: look under \"archive\"."),
        # the whole call number, or the leaves with their abbreviation
        (load_metadata()["archive"]["call_number"], "That is the whole call number: give only the leaves, the numbers after \"Ll.\"."),
        ("Ll. " + load_metadata()["archive"]["listy"]["value"], "Leave out the abbreviation \"Ll.\": give only the numbers."),
    ),
))

register(Question(
    qid="00-q2",
    expected=lambda: _rows_in_point("3"),
    hint="Do as in task 1, with \"3\" in place of \"2\".",
    answer_type=int,
    wrong_examples=(3, 5, 6),
    mistakes=lambda: (
        (0, "You compared with the number 3, which matches no row: compare with \"3\" in quotes."),
        (_rows_in_point("2"), "That is point 2's count from task 1: change \"2\" to \"3\" before you count."),
    ),
))

register(Question(
    qid="00-q4",
    expected=lambda: _paragraphs_naming("Guomindang"),
    hint="paragraphs[\"text\"].str.contains(\"Guomindang\") gives True for each paragraph that names it; .sum() counts the Trues.",
    answer_type=int,
    wrong_examples=(8, 10, 29),
    mistakes=lambda: (
        # .str.count("Guomindang").sum(): every mention, several per paragraph
        (int(load_paragraphs()["text"].str.count("Guomindang").sum()),
         "You counted every mention; the task asks for paragraphs. .str.contains gives one True per paragraph, however many mentions it has."),
        # "guomindang" in lower case matches nothing: .str.contains is case-sensitive
        (0, "Nothing matched: .str.contains is case-sensitive, so spell the name as the cable does, \"Guomindang\"."),
    ),
))

register(Question(
    qid="00-q6",
    expected=_words_in_point_12,
    hint="Keep point 12's rows, split each paragraph's text on spaces (.split()), and add up the lengths of the lists.",
    answer_type=int,
    wrong_examples=(207, 209, 3),
    mistakes=lambda: (
        # .str.len().sum(): characters, not words
        (int(load_paragraphs().loc[lambda t: t["point"] == "12", "text"].str.len().sum()),
         "That counts characters (letters, spaces, punctuation): split the text into words first, with .split()."),
        # the number of rows
        (_rows_in_point("12"), "That is the number of paragraphs in point 12: count the words inside them."),
    ),
))
