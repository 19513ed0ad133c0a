"""Lesson 1: the hand-made tables are faithful to the cable, and the paragraph browser is safe."""
import html
import re

import pytest

from cablekit import POINT_ORDER, load_paragraphs, load_table, load_text
from cablekit.browser import (
    find_spans,
    highlight_html,
    highlight_text,
    normalise_point,
    paragraph_browser,
    point_html,
    point_text,
)
from cablekit.errors import CableKitError

TEXT = load_text()
CONFIDENCE = {"high", "medium", "low", "uncertain"}

#: Capitalised words in the cable that are NOT names of people or places, with the reason.
#: Anything capitalised in the cable and not listed here must be part of a name in
#: people.csv or places.csv.
NON_NAMES = {
    # sentence openers and ordinary words that happen to start a sentence
    "About", "After", "Another", "Around", "At", "By", "Degradation", "For", "However", "In",
    "Intensified", "Leading", "Now", "Our", "Received", "Soon", "The", "They", "This", "We",
    "When", "Will", "I",
    # months
    "July", "September", "October", "November",
    # organisations, parties, armies and their abbreviations
    "Guomindang", "GMD", "CCP", "CC", "VKP", "People", "Liberation", "Army", "Revolution",
    # adjectives, demonyms, forms of address and titles
    "Chinese", "Manchurian", "Americans", "Comrade", "General",
}


def name_parts():
    names = list(load_table("people")["name_in_text"]) + list(load_table("places")["name_in_text"])
    return {part for name in names for part in re.split(r"[\s-]+", name) if part}


def count_whole(name, text):
    return len(re.findall(r"(?<![A-Za-z])" + re.escape(name) + r"(?![A-Za-z])", text))


# ------------------------------------------------------------------ editorial_marks.csv

def test_every_bracket_in_the_cable_is_one_row_in_order():
    found = [(row.paragraph_id, m) for row in load_paragraphs().itertuples() for m in re.findall(r"\[[^\]]*\]", row.text)]
    marks = load_table("editorial_marks")
    assert list(zip(marks["paragraph_id"], marks["mark"])) == found
    assert marks["mark_id"].is_unique


def test_marks_quotes_are_verbatim_and_built_from_their_parts():
    paragraphs = load_paragraphs().set_index("paragraph_id")
    marks = load_table("editorial_marks").fillna({"words_before": "", "words_after": ""})
    for row in marks.itertuples():
        paragraph = paragraphs.loc[row.paragraph_id, "text"]
        assert row.quote in paragraph, row.mark_id
        assert str(paragraphs.loc[row.paragraph_id, "point"]) == str(row.point)
        assert row.mark in row.quote
        assert row.quote.startswith(row.words_before) and row.quote.endswith(row.words_after)
        assert len(row.words_before) + len(row.words_after) > 0


def test_marks_kinds_are_the_documented_ones_and_sics_are_sics():
    marks = load_table("editorial_marks")
    assert set(marks["kind"]) <= {"sic", "supplied_word", "gloss", "alternative_name", "conjecture"}
    assert set(marks.loc[marks["mark"] == "[sic]", "kind"]) == {"sic"}
    assert set(marks.loc[marks["mark"] == "[Beijing]", "kind"]) == {"alternative_name"}
    assert marks["note"].notna().all()


# ------------------------------------------------------------------ point_topics.csv

def test_one_topic_per_numbered_point_with_a_quote_from_that_point():
    topics = load_table("point_topics")
    assert [str(p) for p in topics["point"]] == [str(n) for n in range(1, 13)]
    paragraphs = load_paragraphs()
    for row in topics.itertuples():
        point_text_ = " ".join(paragraphs.loc[paragraphs["point"] == str(row.point), "text"])
        assert row.quote in point_text_, row.point
        assert row.topic.strip()


# ------------------------------------------------------------------ people.csv and places.csv

@pytest.mark.parametrize("table", ["people", "places"])
def test_spellings_and_quotes_are_verbatim_in_the_cable(table):
    for row in load_table(table).itertuples():
        assert row.name_in_text in TEXT, row.name_in_text
        assert row.quote in TEXT, row.quote
        assert row.name_in_text in row.quote


@pytest.mark.parametrize("table", ["people", "places"])
def test_mentions_and_points_match_a_recount(table):
    paragraphs = load_paragraphs()
    for row in load_table(table).itertuples():
        assert row.mentions == count_whole(row.name_in_text, TEXT), row.name_in_text
        points = [str(p) for p, t in zip(paragraphs["point"], paragraphs["text"]) if count_whole(row.name_in_text, t)]
        assert row.points.split(";") == list(dict.fromkeys(points)), row.name_in_text


@pytest.mark.parametrize("table", ["people", "places"])
def test_every_row_has_a_source_and_a_confidence_and_doubt_is_explained(table):
    note = "transliteration_note" if table == "people" else "naming_note"
    for row in load_table(table).itertuples():
        assert isinstance(row.source, str) and len(row.source) > 10, row.name_in_text
        assert row.confidence in CONFIDENCE, row.name_in_text
        if row.confidence != "high":
            assert len(getattr(row, note)) > 20, row.name_in_text


def test_every_capitalised_name_in_the_cable_is_in_a_table():
    capitalised = set(re.findall(r"[A-Z][A-Za-z]*", TEXT))
    missing = capitalised - NON_NAMES - name_parts()
    assert not missing, f"capitalised words in no table and not listed as non-names: {sorted(missing)}"


def test_the_non_names_list_hides_no_name():
    assert not (NON_NAMES & name_parts())
    assert NON_NAMES <= set(re.findall(r"[A-Z][A-Za-z]*", TEXT)), "NON_NAMES lists words the cable lacks"


def test_hard_identifications_are_recorded():
    people = load_table("people").set_index("name_in_text")
    places = load_table("places").set_index("name_in_text")
    assert people.loc["Yao Soushi", "standard_name"] == "Rao Shushi"
    assert people.loc["Lin Bocui", "standard_name"] == "Lin Boqu"
    assert people.loc["Luo Yunhuan", "standard_name"] == "Luo Ronghuan"
    assert people.loc["Hua Nanshe", "confidence"] == "uncertain"
    assert places.loc["Suizhou", "modern_name"] == "Xuzhou"
    assert places.loc["Kalgan", "modern_name"] == "Zhangjiakou"
    assert places.loc["Beiping", "modern_name"] == "Beijing"


def test_coordinates_lie_within_plausible_bounds():
    places = load_table("places")
    for row in places.itertuples():
        if row.kind == "country":
            assert row.lat != row.lat and row.lon != row.lon, f"{row.name_in_text}: a country has no point"
            continue
        if row.name_in_text == "Moscow":
            assert 55 <= row.lat <= 56.5 and 37 <= row.lon <= 38.5
        else:  # China, from Hong Kong to Manchuria, Xinjiang excluded (not named)
            assert 18 <= row.lat <= 54 and 100 <= row.lon <= 135, row.name_in_text
    assert set(places["operation"]) == {"Huaihai (Suizhou)", "Pingjin (Beiping-Tianjin)", "elsewhere"}


def test_aliases_point_to_a_real_row_at_the_same_place():
    places = load_table("places").set_index("name_in_text")
    aliases = places[places["same_place_as"].notna()]
    assert set(aliases.index) == {"Beijing", "Tianjian", "Shaanganning"}
    for name, row in aliases.iterrows():
        target = places.loc[row["same_place_as"]]
        assert (row["lat"], row["lon"]) == (target["lat"], target["lon"])
    inserted = places[places["in_insertion"] == "yes"].index
    for name in inserted:
        assert re.search(r"\[[^\]]*" + name, TEXT)


def test_positions_are_sourced_and_rounded_as_documented():
    places = load_table("places")
    for row in places[places["lat"].notna()].itertuples():
        if isinstance(row.same_place_as, str):
            assert row.coord_source == f"as {row.same_place_as}", row.name_in_text
            continue
        assert "http" in row.coord_source or "not verified" in row.coord_source, row.name_in_text
        digits = 2 if row.kind == "city" else 1
        assert row.coord_precision.startswith(f"{10 ** -digits:g} degree"), row.name_in_text
        for value in (row.lat, row.lon):
            assert round(value, digits) == value, (row.name_in_text, value)
        if row.kind != "city":
            assert row.coord_source.startswith("representative point"), row.name_in_text


@pytest.mark.parametrize("a, b, km, tolerance", [
    # 'Tianjin', Wikipedia (copy at https://cnto.com.sg/index.aspx?uc=38): Beijing 120 km to the north-west
    ("Tianjin", "Beiping", 120, 25),
    # 'Tanggu District', Wikipedia (copy at the-uncensored-wiki.com): the port, about 30 miles (48 km) up the
    # winding Hai River from Tianjin; in a straight line somewhat less
    ("Tianjin", "Tanggu", 48, 12),
])
def test_distances_between_places_match_known_distances(a, b, km, tolerance):
    import math
    where = load_table("places").set_index("name_in_text")
    lat1, lon1, lat2, lon2 = map(math.radians, (where.loc[a, "lat"], where.loc[a, "lon"], where.loc[b, "lat"], where.loc[b, "lon"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    assert abs(2 * 6371 * math.asin(math.sqrt(h)) - km) <= tolerance


# ------------------------------------------------------------------ the paragraph browser

def test_html_is_escaped():
    out = highlight_html('<script>alert("x")</script> & Du Yuming', {"Du Yuming": "person"})
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out
    assert '>Du Yuming</span>' in out


def test_tooltips_are_escaped():
    out = highlight_html('Mr "O<Neil"', {'"O<Neil"': "person"})
    assert 'title="person: &quot;O&lt;Neil&quot;"' in out


def test_insertions_win_over_names_and_names_match_whole_words():
    names = {"Beiping": "place", "Beijing": "place"}
    spans = find_spans("Beiping [Beijing] Beipinglu", names)
    assert [(s, e, c) for s, e, c, _ in spans] == [(0, 7, "place"), (8, 17, "editorial")]


def test_longest_name_wins():
    spans = find_spans("Liu Bocheng and Liu", {"Liu": "person", "Liu Bocheng": "person"})
    assert [(s, e) for s, e, *_ in spans] == [(0, 11), (16, 19)]


@pytest.mark.parametrize("text", ["", "   ", "a.*[b", "(?P<x>", "徐州 Сюйчжоу", "]["])
def test_odd_texts_give_sensible_results(text):
    assert html.unescape(re.sub(r"<[^>]+>", "", highlight_html(text, {"Suizhou": "place"}))) == text
    assert highlight_text(text, {"Suizhou": "place"}) == text


def test_regex_metacharacters_in_names_are_literal():
    assert find_spans("axxb a.*b", {"a.*b": "place"}) == [(5, 9, "place", "place: a.*b")]


def test_non_latin_names_work():
    assert highlight_text("Сюйчжоу и 徐州", {"Сюйчжоу": "place", "徐州": "place"}) == "‹Сюйчжоу› и ‹徐州›"


def test_very_long_text():
    out = highlight_text("Suizhou " * 12500, {"Suizhou": "place"})
    assert out.count("‹Suizhou›") == 12500


@pytest.mark.parametrize("bad", [None, 3, ["Suizhou"], b"Suizhou"])
def test_bad_text_is_a_one_line_error(bad):
    with pytest.raises(CableKitError) as problem:
        highlight_html(bad)
    assert "\n" not in str(problem.value)


@pytest.mark.parametrize("names", [["Suizhou"], {"Suizhou": "river"}, {"": "place"}, {3: "place"}])
def test_bad_names_are_a_one_line_error(names):
    with pytest.raises(CableKitError):
        find_spans("Suizhou", names)


@pytest.mark.parametrize("point, label", [(3, "3"), ("3", "3"), (" point 12 ", "12"), ("Closing", "closing"), ("12.", "12")])
def test_points_are_normalised(point, label):
    assert normalise_point(point) == label


@pytest.mark.parametrize("bad", [0, 13, -1, "", "   ", True, None, 2.5, "[", "x" * 100_000, ["1"], "一"])
def test_bad_points_are_a_one_line_error(bad):
    with pytest.raises(CableKitError) as problem:
        normalise_point(bad)
    assert "\n" not in str(problem.value) and len(str(problem.value)) < 200


@pytest.mark.parametrize("point", POINT_ORDER)
def test_point_html_shows_every_paragraph_and_every_mark(point):
    paragraphs = load_paragraphs()
    out = point_html(point)
    shown = html.unescape(re.sub(r"<[^>]+>", "", out))
    for text in paragraphs.loc[paragraphs["point"] == point, "text"]:
        assert text in shown
    marks = load_table("editorial_marks")
    assert out.count('class="editorial"') == int((marks["point"] == point).sum())


@pytest.mark.parametrize("point", POINT_ORDER)
def test_point_text_is_the_text_with_markers(point):
    paragraphs = load_paragraphs()
    plain = re.sub("[⟦⟧«»‹›]", "", point_text(point))
    for text in paragraphs.loc[paragraphs["point"] == point, "text"]:
        assert text in plain


def test_names_in_the_cable_are_highlighted_by_category():
    out = point_html(12)
    assert 'class="person"' in out and ">Yao Soushi</span>" in out
    assert 'title="person: Rao Shushi (identification: high)"' in out
    assert 'class="place"' in out and ">ShenGanYingXia</span>" in out


def test_the_widget_follows_the_dropdown():
    box = paragraph_browser("1")
    dropdown, shown = box.children
    assert "Point 1" in shown.value
    dropdown.value = "closing"
    assert "main master" in shown.value and "Point 1" not in shown.value
    with pytest.raises(CableKitError):
        paragraph_browser("point 99")
