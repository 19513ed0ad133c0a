"""Self-checks for solutions/00-start-here.ipynb."""
from cablekit.checks import Question, register
from cablekit.data import load_metadata, load_paragraphs


def _paragraphs_in_point_2() -> int:
    paragraphs = load_paragraphs()
    return int((paragraphs["point"] == "2").sum())


def _point_naming_taiyuan() -> int:
    paragraphs = load_paragraphs()
    hits = paragraphs[paragraphs["text"].str.contains("Taiyuan")]
    return int(hits["point"].iloc[0])


register(Question(
    qid="00-q1",
    expected=_paragraphs_in_point_2,
    hint="Filter the paragraphs table to the rows whose point is \"2\" (text, in quotes), then count the rows.",
    answer_type=int,
    wrong_examples=(1, 12, 29),
))

register(Question(
    qid="00-q2",
    expected=_point_naming_taiyuan,
    hint="Use .str.contains(\"Taiyuan\") on the text column, then look at the point of the matching row. Answer with a number.",
    answer_type=int,
    wrong_examples=(3, 12),
))

register(Question(
    qid="00-q3",
    expected=lambda: load_metadata()["archive"]["listy"]["value"],
    hint="The leaves are the last part of the call number, after \"Ll.\"; answer as text, e.g. \"1-2\".",
    answer_type=str,
    wrong_examples=("39", "31", "495-497"),
))
