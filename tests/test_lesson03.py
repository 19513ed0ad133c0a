"""Lesson 3 (rhetoric): the category lexicon, the groups table, and the highlighter behind the widget."""
import re

import pandas as pd
import pytest

from cablekit import load_paragraphs, load_table, load_text
from cablekit.errors import CableKitError
from cablekit.highlight import (
    CATEGORIES,
    CATEGORY_COLOURS,
    category_counts,
    find_terms,
    highlight_html,
    highlight_plain,
    highlighter_widget,
    legend_html,
    term_pattern,
)
from cablekit.text import remove_editorial_insertions

CABLE = load_text()
OWN_WORDS = remove_editorial_insertions(CABLE)


# --- data/rhetoric_lexicon.csv ---------------------------------------------------------------

@pytest.fixture(scope="module")
def lexicon():
    return load_table("rhetoric_lexicon")


def test_lexicon_columns(lexicon):
    assert list(lexicon.columns) == ["term", "category", "reason", "example", "hyland", "review"]


def test_stance_entries_carry_hylands_test_and_a_reason(lexicon):
    stance = lexicon["category"].isin(["modal", "hedge", "certainty"])
    assert lexicon.loc[stance, "hyland"].isin(["hedge", "booster", "neither"]).all()
    assert lexicon.loc[~stance & (lexicon["term"] != "confident"), "hyland"].isna().all()
    assert (lexicon.loc[stance, "review"].str.len() > 20).all()
    by_term = lexicon.set_index("term")
    # the review's decisions (issue 12): "confident" describes a policy; "already" marks time
    assert by_term.loc["confident", "category"] == "evaluative-positive"
    assert by_term.loc["already", "hyland"] == "neither" and "contested" in by_term.loc["already", "review"]
    assert by_term.loc["mainly", "category"] == "hedge"


def test_lexicon_terms_are_unique(lexicon):
    assert not lexicon["term"].duplicated().any()
    # Only "us" (pronoun) and "US" (the United States) may differ by case alone, on purpose.
    folded = lexicon["term"].str.lower()
    assert sorted(lexicon.loc[folded.duplicated(keep=False), "term"]) == ["US", "us"]


def test_every_entry_is_categorised_with_a_reason(lexicon):
    assert lexicon["category"].isin(CATEGORIES).all()
    assert set(lexicon["category"]) == set(CATEGORIES), "every category has at least one term"
    assert lexicon["reason"].notna().all()
    assert (lexicon["reason"].str.strip().str.len() >= 10).all()


def test_lexicon_examples_are_verbatim_and_contain_the_term(lexicon):
    for row in lexicon.itertuples():
        assert row.example in CABLE, row.term
        assert row.term.lower() in row.example.lower(), row.term


def test_every_term_occurs_in_the_cables_own_words(lexicon):
    for term in lexicon["term"]:
        assert re.search(r"(?<!\w)" + re.escape(term) + r"(?!\w)", OWN_WORDS, flags=re.I), term


def test_issue_terms_are_in_the_lexicon(lexicon):
    by_term = dict(zip(lexicon["term"], lexicon["category"]))
    for term, category in [("we", "we"), ("our", "we"), ("us", "we"), ("Guomindang", "adversary"),
                           ("enemy", "adversary"), ("Americans", "adversary"), ("their lackeys", "adversary"),
                           ("extremely", "intensifier"), ("fully", "intensifier"), ("entirely", "intensifier"),
                           ("very", "intensifier"), ("biggest", "comparative"), ("must", "modal"),
                           ("will", "modal"), ("about", "hedge"), ("more than", "hedge"),
                           ("not greater than", "hedge"), ("for the most part", "hedge")]:
        assert by_term.get(term) == category, term


# --- data/clauses.csv ----------------------------------------------------------------------

CLAUSE_VALUES = {
    "clause_kind": {"main", "subordinate", "relative"},
    "actor_in_text": {"explicit", "understood", "editors' insertion", "impersonal", "not stated"},
    "process_type": {"material", "mental", "verbal", "relational", "existential"},
    "voice": {"active", "passive with agent", "agentless passive"},
    "actor_side": {"we", "adversary", "third party", "addressee", "other", "none"},
}


@pytest.fixture(scope="module")
def clauses():
    return load_table("clauses")


def test_clauses_columns_and_ids(clauses):
    assert list(clauses.columns) == ["clause_id", "point", "paragraph_id", "clause", "clause_kind", "actor",
                                     "actor_in_text", "process", "verb", "process_type", "goal", "voice",
                                     "actor_side", "goal_side", "note"]
    assert clauses["clause_id"].tolist() == [f"c{i:03d}" for i in range(1, len(clauses) + 1)]
    for column, allowed in CLAUSE_VALUES.items():
        assert set(clauses[column]) <= allowed, column
    assert set(clauses["goal_side"].dropna()) <= CLAUSE_VALUES["actor_side"] - {"none"}


def test_every_clause_is_verbatim_in_its_paragraph_and_point(clauses):
    paragraphs = load_paragraphs().set_index("paragraph_id")
    for row in clauses.itertuples():
        assert row.clause in paragraphs.loc[row.paragraph_id, "text"], row.clause_id
        assert str(row.point) == str(paragraphs.loc[row.paragraph_id, "point"]), row.clause_id
        assert row.verb == row.verb.lower() and row.verb in row.process.lower(), row.clause_id
        assert re.search(rf"(?<!\w){row.verb}(?!\w)", row.clause, flags=re.I), row.clause_id


def test_clauses_follow_the_cables_order(clauses):
    paragraphs = load_paragraphs()
    order = {pid: i for i, pid in enumerate(paragraphs["paragraph_id"])}
    assert clauses["paragraph_id"].map(order).is_monotonic_increasing


def test_voice_actor_and_side_agree(clauses):
    for row in clauses.itertuples():
        if row.voice == "passive with agent":
            assert f"by {row.actor}" in row.clause, row.clause_id
        if row.voice == "agentless passive" or row.process_type == "existential" and pd.isna(row.actor):
            assert pd.isna(row.actor) and row.actor_side == "none" and row.actor_in_text == "not stated", row.clause_id
        else:
            assert isinstance(row.actor, str) and row.actor_side != "none", row.clause_id
        if row.actor_in_text == "editors' insertion":
            assert row.actor.startswith("[") and row.actor in row.clause, row.clause_id
        if row.actor_in_text == "explicit":
            head = re.sub(r" \(=.*\)$", "", row.actor)
            assert head in row.clause, row.clause_id


def test_every_modal_and_we_subject_lies_in_a_coded_clause(clauses):
    """Found independently of the table: each modal verb and each 'we' before a verb is inside some clause."""
    paragraphs = load_paragraphs().set_index("paragraph_id")
    for pid, text in paragraphs["text"].items():
        spans = [(text.index(c), text.index(c) + len(c)) for c in clauses.loc[clauses["paragraph_id"] == pid, "clause"]]
        for match in re.finditer(r"\b(?:will|must|can|could|should|[Ww]e (?:\w+ )?\w+ed)\b", text):
            assert any(a <= match.start() < b for a, b in spans), (pid, match.group())


def test_the_clause_table_has_no_row_for_the_verbless_sentence(clauses):
    assert not clauses["clause"].str.contains("newly formed").any()
    assert (clauses["paragraph_id"] == "p21").sum() == 3


# --- data/groups.csv -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def groups():
    return load_table("groups")


def test_groups_quotes_are_verbatim_in_their_point(groups):
    paragraphs = load_paragraphs()
    for row in groups.itertuples():
        text = "\n\n".join(paragraphs.loc[paragraphs["point"] == row.point, "text"])
        assert row.quote in text, (row.group, row.point)


def test_groups_columns_and_values(groups):
    assert list(groups.columns) == ["group", "side", "point", "quote", "characterisation",
                                    "identification", "source", "confidence"]
    assert groups["point"].notna().all()
    assert set(groups["side"]) <= {"we", "adversary", "courted", "wavering", "addressee"}
    assert set(groups["confidence"]) <= {"high", "medium", "low", "uncertain"}
    assert groups["characterisation"].str.strip().str.len().gt(5).all()
    assert groups["source"].notna().all()
    outside = groups[groups["source"] != "the cable"]
    assert len(outside) >= 3
    assert outside["source"].str.contains("http").all(), "an outside source needs its address"
    assert outside["identification"].notna().all()


def test_groups_named_in_the_issue_are_present(groups):
    names = " | ".join(groups["group"]).lower()
    for needle in ["army", "party", "democratic parties", "wide masses", "americans", "guomindang"]:
        assert needle in names, needle


# --- the highlighter: counts on tiny known texts ---------------------------------------------

def test_counts_on_a_tiny_known_text():
    text = "We must, we will. The enemy will flee; about 100 left. US aid to us."
    counts = category_counts(text)
    # counted by hand: We, we, us (not US) | enemy, US | must, will, will | flee | about
    assert counts["we"] == 3
    assert counts["adversary"] == 2
    assert counts["modal"] == 3
    assert counts["evaluative-negative"] == 1
    assert counts["hedge"] == 1
    assert counts.sum() == 10
    assert list(counts.index) == CATEGORIES


def test_longer_terms_win():
    counts = category_counts("more than 5, and more and more, and more")
    assert (counts["hedge"], counts["intensifier"], counts["comparative"]) == (1, 1, 1)


def test_insertions_are_skipped_unless_asked():
    text = "After [we] finish, we rest."
    assert category_counts(text)["we"] == 1
    assert category_counts(text, keep_insertions=True)["we"] == 2


def test_whole_words_only():
    assert category_counts("Weather, ours, usual, divisions, mustard, willing")["we"] == 0
    assert category_counts("Weather, ours, usual, divisions, mustard, willing").sum() == 0


def test_we_count_in_the_cable_matches_a_plain_regex():
    plain = len(re.findall(r"(?<!\w)(?:[Ww]e|[Oo]ur|[Uu]s)(?!\w)", OWN_WORDS))
    assert category_counts(CABLE)["we"] == plain == 27


def test_find_terms_is_ordered_and_non_overlapping():
    found = find_terms(CABLE)
    assert (found["category"] == "we").sum() == 27  # not empty: the 27 first-person forms counted below
    assert found["start"].is_monotonic_increasing
    assert (found["start"].iloc[1:].to_numpy() >= found["end"].iloc[:-1].to_numpy()).all()
    assert all(CABLE[r.start:r.end] == r.match for r in found.itertuples())


def test_term_pattern_capital_rule():
    assert re.search(term_pattern("us"), "Us and them")
    assert not re.search(term_pattern("us"), "the US government")
    assert not re.search(term_pattern("US"), "by us")
    assert re.search(term_pattern("for the most part"), "for  the most\npart")


# --- the highlighter: HTML and plain text -----------------------------------------------------

def test_highlighter_escapes_html():
    out = highlight_html("<script>alert('we')</script> & \"we\" <b>must</b>")
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out and "&amp;" in out and "&lt;b&gt;" in out
    assert "&#x27;" in out and "&quot;" in out
    assert out.count('data-category="we"') == 2
    assert 'data-category="modal"' in out


def test_highlighter_legend_names_every_category_with_its_colour():
    # The palette itself (distinct under colour blindness) is tested in tests/test_hostile_inputs.py.
    assert set(CATEGORY_COLOURS) == set(CATEGORIES)
    assert len(set(CATEGORY_COLOURS.values())) == len(CATEGORIES)
    legend = legend_html()
    for category in CATEGORIES:
        assert category in legend and CATEGORY_COLOURS[category] in legend


def test_highlighter_shows_only_chosen_categories():
    out = highlight_html("We must flee.", categories=["modal"])
    assert 'data-category="modal"' in out and 'data-category="we"' not in out
    assert "evaluative-negative" not in out


def test_insertions_are_grey_not_coloured():
    out = highlight_html("After [we] finish, we rest.")
    assert out.count('data-category="we"') == 1
    assert "editors' insertion" in out and "[we]" in out


def test_plain_text_fallback():
    assert highlight_plain("We must flee.") == "[we: We] [modal: must] [evaluative-negative: flee]."
    assert highlight_plain("After [we] finish.") == "After [we] finish."
    assert highlight_plain("no terms here") == "no terms here"


# --- bad input: one line, never a traceback -------------------------------------------------

@pytest.mark.parametrize("bad", [None, 42, 3.5, ["we"], b"we", "", "   \n\t"])
@pytest.mark.parametrize("function", [highlight_html, highlight_plain, category_counts, find_terms])
def test_bad_text_gives_one_line_error(function, bad):
    with pytest.raises(CableKitError) as problem:
        function(bad)
    assert "\n" not in str(problem.value) and str(problem.value)


def test_too_long_text_is_refused_and_long_text_works():
    with pytest.raises(CableKitError):
        highlight_html("we " * 70_000)
    assert category_counts("we " * 33_000)["we"] == 33_000


def test_other_scripts_and_metacharacters_are_fine():
    assert category_counts("我们 мы наша").sum() == 0
    assert "我们" in highlight_html("我们 мы")
    assert category_counts("we (.*) [ \\ ^$ must")[["we", "modal"]].tolist() == [1, 1]


@pytest.mark.parametrize("categories", ["nonsense", ["we", "nonsense"], 5, [5]])
def test_bad_categories_give_one_line_error(categories):
    with pytest.raises(CableKitError) as problem:
        highlight_html("We must.", categories=categories)
    assert "\n" not in str(problem.value)


@pytest.mark.parametrize("lexicon", [
    "lexicon", pd.DataFrame({"word": ["we"]}), pd.DataFrame({"term": [], "category": []}),
    pd.DataFrame({"term": ["we"], "category": ["friends"]}), pd.DataFrame({"term": [" "], "category": ["we"]}),
])
def test_bad_lexicon_gives_one_line_error(lexicon):
    with pytest.raises(CableKitError) as problem:
        find_terms("We must.", lexicon=lexicon)
    assert "\n" not in str(problem.value)


def test_a_custom_lexicon_is_used():
    custom = pd.DataFrame({"term": ["Stalin"], "category": ["adversary"]})
    assert category_counts("Comrade Stalin!", lexicon=custom)["adversary"] == 1


def test_widget_builds_shows_the_text_and_rejects_bad_tables():
    import ipywidgets

    widget = highlighter_widget()
    assert isinstance(widget, ipywidgets.VBox)
    point, chosen, output = widget.children[0].children[0], widget.children[1], widget.children[2]
    assert "Comrade Stalin!" in output.outputs[0]["data"]["text/html"]
    point.value = "11"
    chosen.value = ("adversary",)
    shown = output.outputs[0]["data"]["text/html"]
    assert "Comrade Stalin!" not in shown and 'data-category="adversary"' in shown
    assert 'data-category="we"' not in shown
    chosen.value = ()
    assert "Choose at least one category" in output.outputs[0]["text"]
    with pytest.raises(CableKitError):
        highlighter_widget(pd.DataFrame({"x": [1]}))
