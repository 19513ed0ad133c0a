"""Lesson 2: the KWIC function behind the widget, keyness, the lesson's data tables, and tie order."""
import html
import math
import re
from collections import Counter

import pandas as pd
import pytest

from cablekit import load_paragraphs, load_table, load_text
from cablekit.errors import CableKitError
from cablekit.keyness import g2, keyness, log_ratio
from cablekit.kwic import COLUMNS, MAX_LINES_SHOWN, kwic, kwic_widget, query_pattern
from cablekit.text import cable_words

TINY = pd.DataFrame({
    "point": ["1", "1", "2"],
    "text": ["The army moved. The Army rested.", "No army here? Yes: army-group and armies.", "the\narmy of (the) people [army]"],
})


# --- kwic: counts on a tiny known text -------------------------------------------------------------

def test_kwic_finds_whole_words_only_in_text_order():
    table = kwic("army", source=TINY, width=5)
    assert list(table.columns) == COLUMNS
    # "armies" and "army-group"'s "army" part: whole-word rule treats "-" as a boundary
    assert table["match"].tolist() == ["army", "Army", "army", "army", "army", "army"]
    assert table["point"].tolist() == ["1", "1", "1", "1", "2", "2"]


def test_kwic_left_and_right_context_has_the_requested_width():
    table = kwic("rested", source="The Army rested. Then it moved on.", width=6)
    assert table.loc[0, "left"] == " Army "
    assert table.loc[0, "right"] == ". Then"
    assert kwic("rested", source="rested", width=6).loc[0, ["left", "right"]].tolist() == ["", ""]


def test_kwic_case_option():
    assert len(kwic("army", source=TINY, case_sensitive=True)) == 5
    assert kwic("Army", source=TINY, case_sensitive=True)["match"].tolist() == ["Army"]


def test_kwic_multiword_phrase_spans_line_breaks_and_extra_spaces():
    table = kwic("the   army", source=TINY, width=0)
    assert table["match"].tolist() == ["The army", "The Army", "the army"]  # third spans "\n"


def test_kwic_on_the_cable_counts_phrases_as_read():
    assert len(kwic("political consultative meeting")) == load_text().count("political consultative meeting")
    assert kwic("democratic coalition government")["point"].astype(str).tolist() == ["10", "11", "12"]


def test_kwic_insertions_option():
    assert len(kwic("army", source=TINY)) == 6
    assert len(kwic("army", source=TINY, keep_insertions=False)) == 5
    assert len(kwic("Beijing")) == 4 and kwic("Beijing", keep_insertions=False).empty


# --- kwic: edge cases ---------------------------------------------------------------------------------

def test_kwic_no_match_is_an_empty_table_with_the_columns_and_a_message():
    table = kwic("Taipei")
    assert table.empty and list(table.columns) == COLUMNS
    assert table.attrs["message"] == "No match for 'Taipei' (case ignored)."


@pytest.mark.parametrize("query", ["VKP(b)", "a.b", "[sic]", "*", "(", "+?", "\\d+", "$", "^the", "a|b", "forces."])
def test_kwic_takes_regex_metacharacters_literally(query):
    table = kwic(query)  # never a re.error
    assert list(table.columns) == COLUMNS
    assert all(match.lower() == query.lower() for match in table["match"])
    assert len(table) <= load_text().lower().count(query.lower())


def test_kwic_literal_dot_and_parentheses():
    assert kwic("A.B", source="A.B and AxB")["match"].tolist() == ["A.B"]
    assert kwic("VKP(b)")["point"].astype(str).tolist() == ["closing"]
    assert len(kwic("[sic]")) == 2  # "[sic]" twice; "[sic, possibly ...]" is not "[sic]"


@pytest.mark.parametrize("query", ["", "   ", "\n\t", None, 42, 3.5, ["army"], b"army", "x" * 100_000])
def test_kwic_bad_queries_raise_one_line_errors(query):
    with pytest.raises(CableKitError) as problem:
        kwic(query)
    assert "\n" not in str(problem.value)


@pytest.mark.parametrize("query", ["毛泽东", "Сталин", "army\u00a0group", "ü"])
def test_kwic_non_latin_queries_give_a_sensible_empty_result(query):
    assert kwic(query).empty


def test_kwic_finds_non_latin_text_in_a_given_source():
    assert kwic("Сталин", source="Товарищ Сталин!")["match"].tolist() == ["Сталин"]


@pytest.mark.parametrize("width", [-1, 301, 2.5, True, "40", None])
def test_kwic_bad_width(width):
    with pytest.raises(CableKitError):
        kwic("army", width=width)


@pytest.mark.parametrize("source", [42, ["text"], pd.DataFrame({"x": [1]})])
def test_kwic_bad_source(source):
    with pytest.raises(CableKitError):
        kwic("army", source=source)


def test_kwic_is_deterministic_and_pattern_is_escaped():
    # expected rows from a plain regex per paragraph, independently of kwic: cable order, every hit
    paragraphs = load_paragraphs()
    expected = [(str(point), match) for point, text in zip(paragraphs["point"], paragraphs["text"])
                for match in re.findall(r"(?<![A-Za-z])forces(?![A-Za-z])", text, flags=re.I)]
    table = kwic("forces")
    assert len(expected) > 0
    assert list(zip(table["point"].astype(str), table["match"])) == expected
    assert query_pattern("a.b").search("axb") is None


def test_kwic_widget_shows_message_and_errors():
    form = kwic_widget(source=TINY)
    query, width, case = form.children[0].children
    result = form.children[1]
    shown = lambda: html.unescape(re.sub(r"<[^>]+>", "", result.value))   # the text a reader sees  # noqa: E731
    query.value = "Taipei"
    assert "No match for 'Taipei'" in shown()
    query.value = "   "
    assert "query is empty" in shown()
    query.value = "army"
    case.value = True
    assert shown().startswith("5 matches for 'army' (case kept).")
    assert "are shown" not in shown() and result.value.count("<tr") == 6   # a header and every line


def test_kwic_widget_shows_at_most_its_limit_and_says_so():
    many = kwic_widget(source="forces " * (MAX_LINES_SHOWN + 50))
    result = html.unescape(many.children[1].value)
    assert f"{MAX_LINES_SHOWN + 50} matches for 'forces'" in result
    assert f"The first {MAX_LINES_SHOWN} are shown" in result
    assert result.count("<tr") == MAX_LINES_SHOWN + 1   # a header and the shown lines
    assert len(kwic("forces", source="forces " * (MAX_LINES_SHOWN + 50))) == MAX_LINES_SHOWN + 50   # kwic() keeps all


# --- keyness against hand-computed values -------------------------------------------------------------

def test_g2_and_log_ratio_match_hand_computation():
    # a = 10 of 100 words, b = 20 of 1,000. E1 = 100*30/1100 = 2.72727, E2 = 1000*30/1100 = 27.2727
    # G2 = 2 * (10 ln(10/2.72727) + 20 ln(20/27.2727)) = 2 * (12.99283 - 6.20310) = 13.57946
    assert g2(10, 20, 100, 1000) == pytest.approx(13.57946, abs=1e-4)
    # log ratio = log2(0.1 / 0.02) = log2(5) = 2.32193
    assert log_ratio(10, 20, 100, 1000) == pytest.approx(2.32193, abs=1e-5)
    # a zero count counts as 0.5: log2((0.5/100) / (4/1000)) = log2(1.25) = 0.32193
    assert log_ratio(0, 4, 100, 1000) == pytest.approx(0.32193, abs=1e-5)
    # the same rate in both corpora gives G2 = 0
    assert g2(1, 10, 10, 100) == pytest.approx(0.0, abs=1e-12)


def test_keyness_table_on_a_tiny_known_example():
    table = keyness(["a", "a", "b"], ["a", "b", "b", "c"])
    row = table.set_index("word").loc["a"]
    # a: 2 of 3 against 1 of 4. E1 = 3*3/7, E2 = 4*3/7
    by_hand = 2 * (2 * math.log(2 / (9 / 7)) + 1 * math.log(1 / (12 / 7)))
    assert row["g2"] == pytest.approx(by_hand)
    assert row["target_per_10k"] == pytest.approx(2 / 3 * 10_000)
    assert row["reference_per_10k"] == pytest.approx(2_500)
    assert row["direction"] == "over"
    assert table.set_index("word").loc["c", ["target_count", "reference_count", "direction"]].tolist() == [0, 1, "under"]


def test_keyness_ties_are_sorted_alphabetically():
    # "x", "m" and "b" have the same counts, hence the same G2: they must come out b, m, x
    table = keyness(["x", "m", "b", "z", "z", "z"], ["q"] * 6 + ["x", "m", "b"])
    tied = table[table["word"].isin(["x", "m", "b"])]
    assert tied["g2"].nunique() == 1
    assert tied["word"].tolist() == ["b", "m", "x"]


@pytest.mark.parametrize("bad", [None, 42, "words", [], Counter(), {"a": -1}, {"a": 1.5}, [1, 2]])
def test_keyness_bad_input(bad):
    with pytest.raises(CableKitError):
        keyness(bad, ["a"])


# --- tie order in the lesson's rankings ---------------------------------------------------------------

def _top(words, stop, n):
    counts = Counter(w for w in words if w not in stop)
    return [w for w, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]]


def test_top_ten_tie_at_six_is_broken_alphabetically():
    from nltk.corpus import stopwords

    words = cable_words("\n\n".join(load_paragraphs()["text"]))
    stop = set(stopwords.words("english")) | set(load_table("custom_stopwords")["word"])
    counts = Counter(w for w in words if w not in stop)
    tied = sorted(w for w, c in counts.items() if c == 6)
    assert tied == ["democratic", "government", "number", "operation", "operations"]
    assert _top(words, stop, 10)[-1] == "democratic"
    # first-appearance order would have put another of the tied words in tenth place
    first_seen = [w for w, _ in Counter(w for w in words if w not in stop).most_common(10)]
    assert first_seen[-1] != "democratic"


def test_exercise_top_five_uses_alphabetical_tie_order():
    from cablekit.checks import is_correct

    assert is_correct("02-q3", ["forces", "guomindang", "people", "military", "already"])
    assert not is_correct("02-q3", ["forces", "guomindang", "people", "military", "divisions"])


# --- the lesson's data tables -------------------------------------------------------------------------

def test_custom_stopwords_table():
    from nltk.corpus import stopwords

    table = load_table("custom_stopwords")
    assert list(table.columns) == ["word", "kind", "reason", "quote"]
    assert table["word"].is_unique and table["word"].is_monotonic_increasing
    english = set(stopwords.words("english"))
    for row in table.itertuples():
        assert row.quote in load_text(), row.quote
        assert row.word in cable_words(row.quote), (row.word, row.quote)
        assert row.word not in english, f"{row.word} is already in NLTK's list"
        assert row.reason.strip()
    assert not {"we", "our", "us", "i"} & set(table["word"])  # lesson 3 needs the pronouns


def test_set_phrase_stopwords_really_only_occur_in_the_set_phrases():
    text = load_text()
    assert len(re.findall(r"\bpresent\b", text)) == len(re.findall(r"\bpresent time\b", text)) == 3
    assert len(re.findall(r"\btime\b", text)) == len(re.findall(r"\b(?:present|same) time\b", text)) == 4


def test_recurring_phrases_table_matches_the_text():
    table = load_table("recurring_phrases")
    assert list(table.columns) == ["phrase", "count", "points", "quote", "note", "confidence", "source"]
    paragraphs = load_paragraphs()
    for row in table.itertuples():
        assert row.quote in load_text() and row.phrase in row.quote
        # counted independently of kwic: plain substring counts per paragraph
        points = [str(p) for p, t in zip(paragraphs["point"], paragraphs["text"]) for _ in range(t.count(row.phrase))]
        assert row.count == len(points) == len(row.points.split(";"))
        assert row.points.split(";") == points
        assert row.confidence in {"high", "medium", "low", "uncertain"}
        assert row.source.strip()
    for row in table[table["confidence"] != "high"].itertuples():
        assert "http" in row.source, "an outside claim needs a cited source"
